import { Layout, type PageProps } from '../components/Layout'
import { ErrorSummary, SubmitButton } from '../components/forms'
import { NEW_PASSWORD_HINT, PasswordField } from '../components/account/PasswordField'

/** Props of {@link ResetPasswordPage}. */
export type ResetPasswordPageProps = PageProps & {
  state: 'form' | 'done' | 'invalid'
  token?: string
  errors?: Record<string, string>
}

const titles = {
  form: 'Choose a new password',
  done: 'Your password is changed',
  invalid: 'This link does not work',
} as const

/** The page a reset link opens: the new password, then what happened. */
export function ResetPasswordPage(props: ResetPasswordPageProps) {
  const errors = props.errors ?? {}
  const failed = Object.keys(errors).length > 0
  return (
    <Layout
      title={failed ? `Error: ${titles[props.state]}` : titles[props.state]}
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <div class="narrow">
        <h1>{titles[props.state]}</h1>
        {props.state === 'form' && (
          <>
            <ErrorSummary errors={errors} />
            <form
              class="form card"
              method="post"
              action={`/reset-password/${props.token ?? ''}`}
              novalidate
            >
              <PasswordField
                name="password"
                label="New password"
                autocomplete="new-password"
                error={errors.password}
                hint={NEW_PASSWORD_HINT}
              />
              <SubmitButton>Change my password</SubmitButton>
            </form>
          </>
        )}
        {props.state === 'done' && (
          <p class="lede">
            Every device that was signed in to your account has been signed out.{' '}
            <a href="/signin">Sign in</a> with your new password.
          </p>
        )}
        {props.state === 'invalid' && (
          <p class="lede">
            The link was used already, it has expired (reset links work for one hour), or it was not
            copied whole. Your password was not changed.{' '}
            <a href="/forgot-password">Ask for a new link</a>.
          </p>
        )}
      </div>
    </Layout>
  )
}
