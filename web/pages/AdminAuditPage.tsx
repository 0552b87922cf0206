import { noteOf, describeAudit, type AuditItem } from '../components/audit/words'
import { Layout, type PageProps } from '../components/Layout'
import { AdminNav } from '../components/audit/AdminNav'

/** Props of {@link AdminAuditPage}. */
export type AdminAuditPageProps = PageProps & { items: AuditItem[]; nextCursor: string | null }

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
})

/**
 * The audit log: what admins did (roles, seller decisions, withdrawals, refunds), newest first.
 * A list rather than a table, so each entry reads as a sentence on a 390 px phone.
 */
export function AdminAuditPage(props: AdminAuditPageProps) {
  return (
    <Layout
      title="Audit log"
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <h1>Audit log</h1>
      <AdminNav current="audit" />
      <p>
        Every role given or taken, seller application decided, withdrawal recorded and refund made
        by an admin, newest first. Entries are never changed or removed. Times are in UTC.
      </p>
      {props.items.length === 0 ? (
        <p class="empty-state">Nothing recorded yet.</p>
      ) : (
        <ol class="stack audit-log">
          {props.items.map((item) => {
            const note = noteOf(item)
            return (
              <li key={item.id} class="card" data-audit-id={item.id}>
                <p>
                  <strong>{item.actor_name}</strong> {describeAudit(item)}
                </p>
                {note && <p class="small">“{note}”</p>}
                <p class="small">
                  <time dateTime={item.at}>{timeFormat.format(new Date(item.at))} UTC</time>
                </p>
              </li>
            )
          })}
        </ol>
      )}
      {props.nextCursor && (
        <p class="pager">
          <a
            class="button button--secondary"
            href={`/admin/audit?cursor=${encodeURIComponent(props.nextCursor)}`}
          >
            Older entries
          </a>
        </p>
      )}
    </Layout>
  )
}
