import { Layout, type PageProps } from '../components/Layout'
import { SubmitButton } from '../components/forms'

/** Props of {@link ConfirmEmailPage}. */
export type ConfirmEmailPageProps = PageProps & {
  /** `ask`: the button (a GET never confirms: mail scanners follow links); then the outcome. */
  state: 'ask' | 'confirmed' | 'invalid' | 'taken'
  token?: string
  /** The confirmed address. */
  email?: string
}

const titles = {
  ask: 'Confirm your email address',
  confirmed: 'Your address is confirmed',
  invalid: 'This link does not work',
  taken: 'This address cannot be used',
} as const

/** The page a confirmation link opens: one button, then what happened in plain words. */
export function ConfirmEmailPage(props: ConfirmEmailPageProps) {
  const signedIn = props.viewer !== null
  return (
    <Layout
      title={titles[props.state]}
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <div class="narrow">
        <h1>{titles[props.state]}</h1>
        {props.state === 'ask' && (
          <form class="form card" method="post" action={`/confirm-email/${props.token ?? ''}`}>
            <p>Press the button to confirm that this address is yours.</p>
            <SubmitButton>Confirm my address</SubmitButton>
          </form>
        )}
        {props.state === 'confirmed' && (
          <p class="lede">
            Thank you: <strong>{props.email}</strong> is confirmed. You can now check out and apply
            to sell. <a href={signedIn ? '/account' : '/signin'}>Go to your account</a>.
          </p>
        )}
        {props.state === 'invalid' && (
          <p class="lede">
            The link was used already, it has expired (links work for 24 hours), or it was not
            copied whole. Nothing was changed. You can{' '}
            <a href="/account/settings/email">send a new link</a> from your account.
          </p>
        )}
        {props.state === 'taken' && (
          <p class="lede">
            Another account uses that address now, so your address was not changed. You can{' '}
            <a href="/account/settings/email">choose another one</a>.
          </p>
        )}
      </div>
    </Layout>
  )
}
