import { CsrfField, SubmitButton } from '../components/forms'
import { Layout, type PageProps } from '../components/Layout'
import { SettingsNav } from '../components/settings/SettingsNav'

/** One optional category of email, as the form offers it. */
export type NotificationChoice = { name: string; label: string; checked: boolean }

/** Props of {@link NotificationsSettingsPage}. */
export type NotificationsSettingsPageProps = PageProps & { choices: NotificationChoice[] }

/** Account settings: which optional emails the member gets. Works without JS. */
export function NotificationsSettingsPage(props: NotificationsSettingsPageProps) {
  return (
    <Layout
      title="Email notifications"
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <div class="narrow">
        <h1>Account settings</h1>
        <SettingsNav current="notifications" />
        <section class="card" aria-labelledby="notifications-title">
          <h2 id="notifications-title">Email notifications</h2>
          <form class="form" method="post" action="/account/settings/notifications">
            {props.csrfToken && <CsrfField token={props.csrfToken} />}
            <fieldset>
              <legend>Send me email about</legend>
              {props.choices.map((choice) => (
                <label class="choice__option" key={choice.name}>
                  <input type="checkbox" name={choice.name} value="on" checked={choice.checked} />
                  <span>{choice.label}</span>
                </label>
              ))}
            </fieldset>
            <p class="small">
              Email about your account itself (confirming your address, resetting your password, a
              new sign-in) is always sent.
            </p>
            <SubmitButton>Save</SubmitButton>
          </form>
        </section>
      </div>
    </Layout>
  )
}
