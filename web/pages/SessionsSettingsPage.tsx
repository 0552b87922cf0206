import { Layout, type PageProps } from '../components/Layout'
import { CsrfField, SubmitButton } from '../components/forms'
import { SettingsNav } from '../components/settings/SettingsNav'

/** A session as the page lists it (the API's shape). */
export type SessionItem = {
  id: string
  created_at: string
  last_seen_at: string
  client: string
  current: boolean
}

/** Props of {@link SessionsSettingsPage}. */
export type SessionsSettingsPageProps = PageProps & { sessions: SessionItem[] }

/** "1 Dec 2026, 15:04 UTC": times on the page, the same for every visitor. */
function when(iso: string) {
  const formatted = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(new Date(iso))
  return `${formatted} UTC`
}

/** The member's signed-in devices, each with a form that signs it out; no JavaScript needed. */
export function SessionsSettingsPage(props: SessionsSettingsPageProps) {
  const others = props.sessions.filter((s) => !s.current)
  return (
    <Layout
      title="Signed-in devices"
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <h1>Account settings</h1>
      <SettingsNav current="sessions" />
      <div class="narrow">
        <h2>Signed-in devices</h2>
        <p class="lede">
          Every browser signed in to your account. Sign out any you do not recognise, then change
          your password.
        </p>
        <ul class="session-list">
          {props.sessions.map((session) => (
            <li class="card session" key={session.id}>
              <h3 class="session__client">
                {session.client}
                {session.current && <span class="badge"> (this device)</span>}
              </h3>
              <p class="session__times">
                Signed in {when(session.created_at)}; last active {when(session.last_seen_at)}
              </p>
              <form method="post" action={`/account/settings/sessions/${session.id}/end`}>
                {props.csrfToken && <CsrfField token={props.csrfToken} />}
                <SubmitButton variant="secondary">
                  {session.current ? 'Sign out of this device' : `Sign out ${session.client}`}
                </SubmitButton>
              </form>
            </li>
          ))}
        </ul>
        {others.length > 0 && (
          <form method="post" action="/account/settings/sessions/end-others">
            {props.csrfToken && <CsrfField token={props.csrfToken} />}
            <SubmitButton variant="danger">Sign out everywhere else</SubmitButton>
          </form>
        )}
      </div>
    </Layout>
  )
}
