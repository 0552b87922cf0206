import { DateText } from '../DateText'
import { StatusBadge } from '../StatusBadge'
import { AllocationFigures } from './AllocationFigures'
import type { Statement, StatementMember } from './types'
import { periodText, yearLabel } from './words'

/** An approved year on the patronage page: its figures and links to the statement and notice. */
export function YearCard({ statement, member }: { statement: Statement; member: StatementMember }) {
  const label = yearLabel(statement.year)
  const base = `/account/patronage/${statement.year}`
  return (
    <section class="card" aria-labelledby={`year-${statement.year}`}>
      <div class="card__head">
        <h3 id={`year-${statement.year}`}>{label}</h3>
        <StatusBadge tone="good">Approved</StatusBadge>
      </div>
      <p class="small">
        {periodText(statement.period)}
        {statement.approved_at && (
          <>
            . Approved by the board on <DateText iso={statement.approved_at} />.
          </>
        )}
      </p>
      <AllocationFigures member={member} currency={statement.currency} />
      <p class="patronage-links">
        <a href={base}>Read your {label} statement</a>
        <a href={`${base}/notice`}>Written notice of allocation</a>
      </p>
    </section>
  )
}

/** This year so far: the estimate under the current rules, said to be one. */
export function CurrentYearCard({ statement }: { statement: Statement }) {
  const label = yearLabel(statement.year)
  return (
    <section class="card" aria-labelledby="current-title">
      <div class="card__head">
        <h2 id="current-title">This year so far: {label}</h2>
        <StatusBadge tone="pending">Estimate</StatusBadge>
      </div>
      <p class="small">{periodText(statement.period)}</p>
      {statement.member ? (
        <>
          <p>
            <strong>This is an estimate, not a promise.</strong> It applies this year’s current
            rules to the co-op’s figures so far, and it changes with every sale, refund and cost
            until the year ends and the board approves it.
          </p>
          <AllocationFigures member={statement.member} currency={statement.currency} estimate />
          <p class="patronage-links">
            <a href={`/account/patronage/${statement.year}`}>How this estimate is worked out</a>
          </p>
        </>
      ) : (
        <p>
          Nothing counts towards your patronage in {label} yet. Buy or sell as a member and an
          estimate appears here.
        </p>
      )}
    </section>
  )
}
