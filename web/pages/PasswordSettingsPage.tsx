import { Layout, type PageProps } from '../components/Layout'
import { CsrfField, ErrorSummary, SubmitButton } from '../components/forms'
import { NEW_PASSWORD_HINT, PasswordField } from '../components/account/PasswordField'
import { SettingsNav } from '../components/settings/SettingsNav'

/** Props of {@link PasswordSettingsPage}. */
export type PasswordSettingsPageProps = PageProps & { errors?: Record<string, string> }

/** Changing the password: the current one, then the new one. Other devices are signed out. */
export function PasswordSettingsPage(props: PasswordSettingsPageProps) {
  const errors = props.errors ?? {}
  const failed = Object.keys(errors).length > 0
  return (
    <Layout
      title={failed ? 'Error: Password' : 'Password'}
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <h1>Account settings</h1>
      <SettingsNav current="password" />
      <div class="narrow">
        <h2>Password</h2>
        <p class="lede">
          Changing your password signs out every other device signed in to your account. Forgot it?{' '}
          <a href="/forgot-password">Reset it by email</a>.
        </p>
        <ErrorSummary errors={errors} />
        <form class="form card" method="post" action="/account/settings/password" novalidate>
          {props.csrfToken && <CsrfField token={props.csrfToken} />}
          <PasswordField
            name="current_password"
            label="Current password"
            autocomplete="current-password"
            error={errors.current_password}
          />
          <PasswordField
            name="password"
            label="New password"
            autocomplete="new-password"
            error={errors.password}
            hint={NEW_PASSWORD_HINT}
          />
          <SubmitButton>Change my password</SubmitButton>
        </form>
      </div>
    </Layout>
  )
}
