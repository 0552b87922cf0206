import { DateText } from '../components/DateText'
import { AdminNav } from '../components/audit/AdminNav'
import { Layout, type PageProps } from '../components/Layout'
import { PostButton } from '../components/PostButton'
import { StatusBadge } from '../components/StatusBadge'

/** A background job as an admin sees it: what it is, how it failed, and when. */
export type TroubledJob = {
  id: string
  kind: string
  status: 'pending' | 'done' | 'dead'
  attempts: number
  last_error: string | null
  created_at: string
  updated_at: string
}

/** Props of {@link AdminJobsPage}. */
export type AdminJobsPageProps = PageProps & { jobs: TroubledJob[] }

/** Readable names of the job kinds. */
const kindNames: Record<string, string> = {
  share_refund: 'Refund of a second member share',
  seller_transfer: 'Payment of a seller’s part of an order',
  order_refund: 'Refund of an order line',
  patronage_notices: 'Emails telling members their patronage statement is ready',
}

/**
 * The admins' list of background jobs that need a look: dead ones (the queue gave up) with
 * a button to send them again, and pending ones that have failed and are being retried.
 */
export function AdminJobsPage(props: AdminJobsPageProps) {
  return (
    <Layout
      title="Background jobs"
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <h1>Background jobs</h1>
      <AdminNav current="jobs" />
      <p>
        Work that calls Stripe after a payment runs in the background and is retried on its own.
        Jobs listed here have failed: a dead job is retried no more until you queue it again.
      </p>
      {props.jobs.length === 0 ? (
        <p class="empty-state">No job has failed. All caught up.</p>
      ) : (
        <div class="stack">
          {props.jobs.map((job) => (
            <article key={job.id} class="card" aria-labelledby={`job-${job.id}`}>
              <div class="card__head">
                <h2 id={`job-${job.id}`}>{kindNames[job.kind] ?? job.kind}</h2>
                {job.status === 'dead' ? (
                  <StatusBadge tone="bad">Dead</StatusBadge>
                ) : (
                  <StatusBadge tone="pending">Retrying</StatusBadge>
                )}
              </div>
              <dl>
                <dt>Job</dt>
                <dd>
                  <code>{job.id}</code>
                </dd>
                <dt>Attempts</dt>
                <dd>{job.attempts}</dd>
                <dt>Last error</dt>
                <dd>
                  <code>{job.last_error ?? 'none recorded'}</code>
                </dd>
                <dt>Created</dt>
                <dd>
                  <DateText iso={job.created_at} />
                </dd>
                <dt>Last change</dt>
                <dd>
                  <DateText iso={job.updated_at} />
                </dd>
              </dl>
              {job.status === 'dead' && (
                <PostButton
                  action={`/admin/jobs/${encodeURIComponent(job.id)}/requeue`}
                  csrfToken={props.csrfToken}
                  variant="primary"
                >
                  Queue again
                </PostButton>
              )}
            </article>
          ))}
        </div>
      )}
    </Layout>
  )
}
