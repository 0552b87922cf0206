import { ApplicationReview, type ReviewedApplication } from '../components/ApplicationReview'
import { AdminNav } from '../components/audit/AdminNav'
import { Layout, type PageProps } from '../components/Layout'

type Status = 'pending' | 'approved' | 'rejected'

/** Props of {@link AdminQueuePage}. */
export type AdminQueuePageProps = PageProps & {
  status: Status
  applications: ReviewedApplication[]
}

const tabs: { status: Status; label: string; empty: string }[] = [
  { status: 'pending', label: 'Pending', empty: 'No applications are waiting. All caught up.' },
  { status: 'approved', label: 'Approved', empty: 'No applications have been approved yet.' },
  { status: 'rejected', label: 'Rejected', empty: 'No applications have been rejected.' },
]

/** The admins' queue of seller applications, one tab per status. */
export function AdminQueuePage(props: AdminQueuePageProps) {
  const current = tabs.find((tab) => tab.status === props.status) ?? tabs[0]!
  return (
    <Layout
      title={`Seller applications: ${current.label.toLowerCase()}`}
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <h1>Seller applications</h1>
      <AdminNav current="sellers" />
      <nav class="tabs" aria-label="Applications by status">
        <ul class="tabs__list">
          {tabs.map((tab) => (
            <li key={tab.status}>
              <a
                class="tabs__link"
                href={`?status=${tab.status}`}
                aria-current={tab.status === props.status ? 'page' : undefined}
              >
                {tab.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.applications.length === 0 ? (
        <p class="empty-state">{current.empty}</p>
      ) : (
        <div class="stack">
          {props.applications.map((application) => (
            <ApplicationReview
              key={application.id}
              application={application}
              csrfToken={props.csrfToken}
            />
          ))}
        </div>
      )}
    </Layout>
  )
}
