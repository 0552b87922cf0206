import { Layout, type PageProps } from '../components/Layout'
import { CsrfField, ErrorSummary, Field, SubmitButton } from '../components/forms'
import { PasswordField } from '../components/account/PasswordField'
import { VerifyBanner } from '../components/account/VerifyBanner'
import { SettingsNav } from '../components/settings/SettingsNav'

/** Props of {@link EmailSettingsPage}. */
export type EmailSettingsPageProps = PageProps & {
  email: string
  verified: boolean
  values: { email?: string }
  errors?: Record<string, string>
}

/** The account's address: whether it is confirmed, and the form to change it. */
export function EmailSettingsPage(props: EmailSettingsPageProps) {
  const errors = props.errors ?? {}
  const failed = Object.keys(errors).length > 0
  return (
    <Layout
      title={failed ? 'Error: Email address' : 'Email address'}
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <h1>Account settings</h1>
      <SettingsNav current="email" />
      <div class="narrow">
        <h2>Email address</h2>
        <p class="lede">
          Your address is <strong>{props.email}</strong>
          {props.verified ? ' (confirmed).' : ' (not confirmed yet).'}
        </p>
        {!props.verified && <VerifyBanner email={props.email} csrfToken={props.csrfToken} />}
        <ErrorSummary errors={errors} />
        <form class="form card" method="post" action="/account/settings/email" novalidate>
          {props.csrfToken && <CsrfField token={props.csrfToken} />}
          <h3>Change your address</h3>
          <p>
            We email a link to the new address; it becomes your address once you follow it. We also
            tell your current address about the change.
          </p>
          <Field
            label="New email address"
            name="email"
            type="email"
            value={props.values.email}
            error={errors.email}
            autocomplete="email"
            inputMode="email"
            required
          />
          <PasswordField
            name="current_password"
            label="Your current password"
            autocomplete="current-password"
            error={errors.current_password}
          />
          <SubmitButton>Send the confirmation link</SubmitButton>
        </form>
      </div>
    </Layout>
  )
}
