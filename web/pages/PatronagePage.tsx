import { Layout, type PageProps } from '../components/Layout'
import { HowPatronageWorks } from '../components/patronage/HowPatronageWorks'
import type { Statement, StatementMember } from '../components/patronage/types'
import { CurrentYearCard, YearCard } from '../components/patronage/YearCard'

/** Props of {@link PatronagePage}. */
export type PatronagePageProps = PageProps & {
  /** Approved years, newest first. */
  years: Statement[]
  /** The current year's live estimate. */
  current: Statement
  coopName: string
}

/**
 * "My patronage": this year's estimate, then each approved year's allocation, cash and
 * retained parts, newest first. A member with no patronage yet learns how it works instead.
 */
export function PatronagePage(props: PatronagePageProps) {
  const approved = props.years.filter(
    (year): year is Statement & { member: StatementMember } => year.member !== null,
  )
  const none = approved.length === 0 && props.current.member === null
  return (
    <Layout
      title="My patronage"
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <div class="page-head">
        <h1>My patronage</h1>
        <p class="actions">
          <a href="/account">Back to your account</a>
        </p>
      </div>
      <p class="lede">
        Your share of the co-op’s surplus, year by year: what was allocated to you, what was paid in
        cash and what was credited to your capital account.
      </p>
      {none ? (
        <HowPatronageWorks coopName={props.coopName} />
      ) : (
        <div class="patronage-stack">
          <CurrentYearCard statement={props.current} />
          <section aria-labelledby="approved-title">
            <h2 id="approved-title">Approved years</h2>
            {approved.length === 0 ? (
              <p class="empty-state">
                No year with patronage of yours has been approved yet. Each year’s statement appears
                here once the board approves it.
              </p>
            ) : (
              <div class="card-grid">
                {approved.map((year) => (
                  <YearCard key={year.year} statement={year} member={year.member} />
                ))}
              </div>
            )}
          </section>
        </div>
      )}
    </Layout>
  )
}
