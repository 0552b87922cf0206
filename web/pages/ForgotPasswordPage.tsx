import { Layout, type PageProps } from '../components/Layout'
import { ErrorSummary, Field, SubmitButton } from '../components/forms'

/** Props of {@link ForgotPasswordPage}. */
export type ForgotPasswordPageProps = PageProps & {
  /** After the form: the same words whether or not the address has an account. */
  sent?: boolean
  values: { email?: string }
  errors?: Record<string, string>
  formError?: string
}

/** Asks for an address and emails a reset link to it, if an account has it. */
export function ForgotPasswordPage(props: ForgotPasswordPageProps) {
  const errors = props.errors ?? {}
  const failed = Object.keys(errors).length > 0 || Boolean(props.formError)
  return (
    <Layout
      title={failed ? 'Error: Forgot your password?' : 'Forgot your password?'}
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <div class="narrow">
        <h1>Forgot your password?</h1>
        {props.sent ? (
          <p class="lede">
            If an account uses <strong>{props.values.email}</strong>, we have emailed it a link to
            choose a new password. The link works for one hour. Nothing there? Check your spam
            folder, or <a href="/forgot-password">try again</a>.
          </p>
        ) : (
          <>
            <p class="lede">
              Enter your account’s email address and we will send you a link to choose a new
              password. Remembered it? <a href="/signin">Sign in</a>.
            </p>
            <ErrorSummary errors={errors} message={props.formError} />
            <form class="form card" method="post" action="/forgot-password" novalidate>
              <Field
                label="Email address"
                name="email"
                type="email"
                value={props.values.email}
                error={errors.email}
                autocomplete="email"
                inputMode="email"
                required
              />
              <SubmitButton>Email me a link</SubmitButton>
            </form>
          </>
        )}
      </div>
    </Layout>
  )
}
