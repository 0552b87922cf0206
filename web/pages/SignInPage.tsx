import { Island } from '../components/Island'
import { Layout, type PageProps } from '../components/Layout'
import {
  CsrfField,
  ErrorSummary,
  Field,
  FieldShell,
  SubmitButton,
  fieldIds,
} from '../components/forms'
import { PasswordInput, type PasswordInputProps } from '../islands/PasswordInput'

/** Props of {@link SignInPage}. */
export type SignInPageProps = PageProps & {
  values: { email?: string }
  formError?: string
  /** Where to go after signing in; sent back as a hidden field. */
  next?: string
}

const password: PasswordInputProps = {
  id: fieldIds('password').id,
  name: 'password',
  autocomplete: 'current-password',
  required: true,
}

/** The sign-in form. A wrong pair gets one message that does not say which half was wrong. */
export function SignInPage(props: SignInPageProps) {
  return (
    <Layout
      title={props.formError ? 'Error: Sign in' : 'Sign in'}
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <div class="narrow">
        <h1>Sign in</h1>
        <p class="lede">
          New here? <a href="/signup">Create an account</a>.
        </p>
        <ErrorSummary errors={{}} message={props.formError} />
        <form class="form card" method="post" action="/signin" novalidate>
          {props.csrfToken && <CsrfField token={props.csrfToken} />}
          {props.next && <input type="hidden" name="next" value={props.next} />}
          <Field
            label="Email address"
            name="email"
            type="email"
            value={props.values.email}
            autocomplete="email"
            inputMode="email"
            required
          />
          <FieldShell name="password" label="Password" required>
            <Island name="PasswordInput" props={password}>
              <PasswordInput {...password} />
            </Island>
          </FieldShell>
          <SubmitButton>Sign in</SubmitButton>
          <p>
            <a href="/forgot-password">Forgot your password?</a>
          </p>
        </form>
      </div>
    </Layout>
  )
}
