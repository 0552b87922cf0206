import { DateText } from '../components/DateText'
import { Layout, type PageProps } from '../components/Layout'
import { StatusBadge } from '../components/StatusBadge'
import { AllocationFigures } from '../components/patronage/AllocationFigures'
import { PlainWords } from '../components/patronage/PlainWords'
import { PoolFigures } from '../components/patronage/PoolFigures'
import type { Statement } from '../components/patronage/types'
import { periodText, yearLabel } from '../components/patronage/words'

/** Props of {@link PatronageStatementPage}. `distributable`: the pools' amounts together. */
export type PatronageStatementPageProps = PageProps & {
  statement: Statement
  distributable: number
}

/**
 * One year's patronage statement: the member's allocation, cash and retained parts, their
 * place in each pool, and the formula in plain words. A year still open is an estimate, and
 * the page says so at the top.
 */
export function PatronageStatementPage(props: PatronageStatementPageProps) {
  const { statement } = props
  const { member } = statement
  const label = yearLabel(statement.year)
  const approved = statement.status === 'approved'
  return (
    <Layout
      title={`Patronage statement ${label}`}
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <div class="page-head">
        <h1>Patronage statement {label}</h1>
        <p class="actions">
          <a href="/account/patronage">All your years</a>
        </p>
      </div>
      <p class="page-head__meta">
        {approved ? (
          <StatusBadge tone="good">Approved</StatusBadge>
        ) : (
          <StatusBadge tone="pending">Estimate</StatusBadge>
        )}
        <span class="small">
          {periodText(statement.period)}
          {statement.approved_at && (
            <>
              . Approved by the board on <DateText iso={statement.approved_at} />.
            </>
          )}
        </span>
      </p>
      {!approved && (
        <p class="flash flash--info">
          <span class="flash__label">Note:</span> {label} has not been approved yet, so these
          figures are an estimate under the year’s current rules. They change until the year ends
          and the board approves it.
        </p>
      )}
      {member ? (
        <div class="patronage-stack">
          <section class="card" aria-labelledby="summary-title">
            <h2 id="summary-title">Your allocation</h2>
            <AllocationFigures member={member} currency={statement.currency} estimate={!approved} />
            {approved && (
              <p class="patronage-links">
                <a href={`/account/patronage/${statement.year}/notice`}>
                  Your written notice of allocation
                </a>
              </p>
            )}
          </section>
          <PlainWords statement={statement} member={member} distributable={props.distributable} />
          <PoolFigures statement={statement} member={member} />
        </div>
      ) : (
        <p class="empty-state">
          You had no patronage in {label}: none of the year’s pools counted anything of yours.
        </p>
      )}
    </Layout>
  )
}
