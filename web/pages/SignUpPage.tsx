import { Island } from '../components/Island'
import { Layout, type PageProps } from '../components/Layout'
import {
  CsrfField,
  ErrorSummary,
  Field,
  FieldShell,
  SubmitButton,
  describedBy,
  fieldIds,
} from '../components/forms'
import { PasswordInput, type PasswordInputProps } from '../islands/PasswordInput'

/** Props of {@link SignUpPage}. */
export type SignUpPageProps = PageProps & {
  values: { email?: string; display_name?: string }
  errors?: Record<string, string>
  formError?: string
}

const passwordHint = 'At least 10 characters. A few unrelated words make a strong one.'

/** The form to create an account. Joining the co-op (the member share) comes after. */
export function SignUpPage(props: SignUpPageProps) {
  const errors = props.errors ?? {}
  const failed = Object.keys(errors).length > 0 || Boolean(props.formError)
  const password: PasswordInputProps = {
    id: fieldIds('password').id,
    name: 'password',
    autocomplete: 'new-password',
    required: true,
    minLength: 10,
    invalid: Boolean(errors.password),
    describedBy: describedBy('password', { error: errors.password, hint: passwordHint }),
  }
  return (
    <Layout
      title={failed ? 'Error: Create an account' : 'Create an account'}
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <div class="narrow">
        <h1>Create an account</h1>
        <p class="lede">
          An account lets you buy, and is the first step to becoming a member. Already have one?{' '}
          <a href="/signin">Sign in</a>.
        </p>
        <ErrorSummary errors={errors} message={props.formError} />
        <form class="form card" method="post" action="/signup" novalidate>
          {props.csrfToken && <CsrfField token={props.csrfToken} />}
          <Field
            label="Your name"
            name="display_name"
            value={props.values.display_name}
            error={errors.display_name}
            hint="Shown to other members, and on your stall if you sell. A studio name is fine."
            autocomplete="name"
            maxLength={80}
            required
          />
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
          <FieldShell
            name="password"
            label="Password"
            error={errors.password}
            hint={passwordHint}
            required
          >
            <Island name="PasswordInput" props={password}>
              <PasswordInput {...password} />
            </Island>
          </FieldShell>
          <SubmitButton>Create account</SubmitButton>
        </form>
      </div>
    </Layout>
  )
}
