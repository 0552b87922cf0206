import { Layout, type PageProps } from '../components/Layout'

/** One email as the dev mailbox lists it. */
export type DevMail = {
  id: string
  to: string
  subject: string
  text: string
  html: string
  links: string[]
  sent_at: string | null
}

/** Props of {@link DevMailboxPage}: the list, or one email opened. */
export type DevMailboxPageProps = PageProps & { emails: DevMail[]; opened?: DevMail; to?: string }

function Links({ links }: { links: string[] }) {
  if (links.length === 0) return null
  return (
    <ul>
      {links.map((link) => (
        <li key={link}>
          <a href={link}>{link}</a>
        </li>
      ))}
    </ul>
  )
}

/** The local mailbox: every email the dev stack sent, newest first, its links clickable. */
export function DevMailboxPage(props: DevMailboxPageProps) {
  const opened = props.opened
  return (
    <Layout
      title="Dev mailbox"
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
    >
      <div class="narrow">
        <p class="eyebrow">Local development only</p>
        <h1>{opened ? opened.subject : 'Dev mailbox'}</h1>
        {opened ? (
          <article>
            <p>
              To {opened.to}, sent {opened.sent_at} · <a href="/_dev/mail">All email</a>
            </p>
            <Links links={opened.links} />
            <h2>Text</h2>
            <pre class="dev-mail__text">{opened.text}</pre>
            <h2>HTML</h2>
            {/* An empty sandbox: the email's HTML shows, but runs nothing and reaches nothing. */}
            <iframe
              title={`HTML part of “${opened.subject}”`}
              sandbox=""
              srcdoc={opened.html}
              style="width: 100%; min-height: 24em; border: 1px solid"
            />
          </article>
        ) : (
          <>
            <form method="get" action="/_dev/mail">
              <label for="mail-to">Recipient</label>{' '}
              <input id="mail-to" name="to" type="email" value={props.to ?? ''} />{' '}
              <button type="submit" class="button button--secondary">
                Show
              </button>
            </form>
            {props.emails.length === 0 && <p>No email sent yet.</p>}
            <ol class="dev-mail__list">
              {props.emails.map((mail) => (
                <li key={mail.id}>
                  <a href={`/_dev/mail/${mail.id}`}>{mail.subject}</a> to {mail.to}, {mail.sent_at}
                  <Links links={mail.links} />
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
    </Layout>
  )
}
