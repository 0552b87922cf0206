import { SubmitButton } from '../components/forms'
import { Layout, type PageProps } from '../components/Layout'

/** Props of {@link UnsubscribePage}. */
export type UnsubscribePageProps = PageProps & {
  /** What the member stops getting, in words ("My orders: paid, shipped, refunded"). */
  label: string
  /** The form's target: the link itself, so the one-click POST and this form are one route. */
  action: string
  done: boolean
}

/** Confirms, then reports, switching one category of email off. No sign-in needed. */
export function UnsubscribePage(props: UnsubscribePageProps) {
  return (
    <Layout
      title={props.done ? 'Unsubscribed' : 'Stop these emails?'}
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <div class="narrow">
        <h1>{props.done ? 'Unsubscribed' : 'Stop these emails?'}</h1>
        {props.done ? (
          <p class="lede">
            You will no longer get email about: {props.label}. You can switch it back on in your{' '}
            <a href="/account/settings/notifications">account settings</a>.
          </p>
        ) : (
          <form class="form" method="post" action={props.action}>
            <p class="lede">You will no longer get email about: {props.label}.</p>
            <SubmitButton>Unsubscribe</SubmitButton>
          </form>
        )}
      </div>
    </Layout>
  )
}
