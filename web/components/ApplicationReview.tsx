import { DateText } from './DateText'
import { CsrfField } from './forms'
import { StatusBadge } from './StatusBadge'

/** A seller application as an admin reviews it. */
export type ReviewedApplication = {
  id: string
  applicant: { id: string; display_name: string; email: string }
  statement: string
  portfolio_url: string
  status: 'pending' | 'approved' | 'rejected'
  note: string | null
  created_at: string
  decided_at: string | null
}

const badges = {
  pending: { tone: 'pending', text: 'Pending' },
  approved: { tone: 'good', text: 'Approved' },
  rejected: { tone: 'bad', text: 'Rejected' },
} as const

/** One application: who, what they wrote, and (while pending) the approve/reject form. */
export function ApplicationReview({
  application,
  csrfToken,
}: {
  application: ReviewedApplication
  csrfToken?: string
}) {
  const titleId = `application-${application.id}-title`
  const noteId = `application-${application.id}-note`
  return (
    <article class="card application" aria-labelledby={titleId}>
      <div class="card__head">
        <h2 id={titleId}>{application.applicant.display_name}</h2>
        <StatusBadge tone={badges[application.status].tone}>
          {badges[application.status].text}
        </StatusBadge>
      </div>
      <p class="application__meta">
        <a href={`mailto:${application.applicant.email}`}>{application.applicant.email}</a> ·
        applied <DateText iso={application.created_at} />
      </p>
      <h3 class="application__label">About their work</h3>
      <p class="application__statement">{application.statement}</p>
      <h3 class="application__label">Portfolio</h3>
      <p>
        <a
          class="application__portfolio"
          href={application.portfolio_url}
          rel="noopener noreferrer"
          target="_blank"
        >
          {application.portfolio_url}
          <span class="visually-hidden"> (opens in a new tab)</span>
        </a>
      </p>
      {application.status === 'pending' ? (
        <form
          class="application__decision"
          method="post"
          action={`/admin/seller-applications/${encodeURIComponent(application.id)}/decision`}
        >
          {csrfToken !== undefined && <CsrfField token={csrfToken} />}
          <div class="field">
            <label class="field__label" for={noteId}>
              Note to the applicant <span class="field__optional">(optional)</span>
            </label>
            <p class="field__hint" id={`${noteId}-hint`}>
              They will see it on their account page. Say why, if you reject.
            </p>
            <textarea
              class="input input--multiline"
              id={noteId}
              name="note"
              rows={3}
              maxLength={1000}
              aria-describedby={`${noteId}-hint`}
            />
          </div>
          <div class="actions">
            <button class="button button--primary" type="submit" name="decision" value="approve">
              Approve<span class="visually-hidden"> {application.applicant.display_name}</span>
            </button>
            <button class="button button--danger" type="submit" name="decision" value="reject">
              Reject<span class="visually-hidden"> {application.applicant.display_name}</span>
            </button>
          </div>
        </form>
      ) : (
        application.decided_at && (
          <div class="decision">
            <p class="decision__meta">
              {application.status === 'approved' ? 'Approved' : 'Rejected'} on{' '}
              <DateText iso={application.decided_at} />
              {application.note ? ', with this note:' : ', with no note.'}
            </p>
            {application.note && <blockquote class="decision__note">{application.note}</blockquote>}
          </div>
        )
      )}
    </article>
  )
}
