import { DateText } from '../components/DateText'
import { Layout, type PageProps } from '../components/Layout'
import { formatMoney } from '../components/money'
import type { Statement, StatementMember } from '../components/patronage/types'
import { periodText, yearLabel } from '../components/patronage/words'

/** Props of {@link PatronageNoticePage}: an approved year in which the member had patronage. */
export type PatronageNoticePageProps = PageProps & {
  statement: Statement & { approved_at: string }
  member: StatementMember
  /** The member's name as the co-op's register holds it. */
  memberName: string
  coopName: string
}

/**
 * The written notice of allocation of one approved year: what a US co-op gives each member for
 * a patronage dividend, the retained part being a qualified written notice. A plain page that
 * prints as it is; the stylesheet drops the site's header and footer on paper.
 */
export function PatronageNoticePage(props: PatronageNoticePageProps) {
  const { statement, member, coopName } = props
  const money = (cents: number) => formatMoney(cents, statement.currency)
  const label = yearLabel(statement.year)
  return (
    <Layout
      title={`Written notice of allocation ${label}`}
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <p class="notice__screen-only">
        <a href={`/account/patronage/${statement.year}`}>Back to your {label} statement</a>. To keep
        a copy, print this page or save it as a PDF from your browser’s Print menu.
      </p>
      <article class="notice" aria-labelledby="notice-title">
        <p class="notice__coop">{coopName}</p>
        <h1 id="notice-title">Written notice of allocation</h1>
        <p>Patronage dividend for the fiscal year {label}</p>
        <dl class="details notice__figures">
          <dt>Member</dt>
          <dd>{props.memberName}</dd>
          <dt>Member number</dt>
          <dd>{member.member_id}</dd>
          <dt>Fiscal year</dt>
          <dd>
            {label}, {periodText(statement.period)}
          </dd>
          <dt>Approved by the board</dt>
          <dd>
            <DateText iso={statement.approved_at} />
          </dd>
          <dt>Total patronage dividend</dt>
          <dd>{money(member.allocation)}</dd>
          <dt>Paid in cash</dt>
          <dd>{money(member.cash)}</dd>
          <dt>Retained (qualified written notice)</dt>
          <dd>{money(member.retained)}</dd>
        </dl>
        <p>
          {coopName} allocates to you a patronage dividend of{' '}
          <strong>{money(member.allocation)}</strong> for {label}, in proportion to your patronage
          of the co-op in that year. Of it, <strong>{money(member.cash)}</strong> is paid to you in
          cash, and <strong>{money(member.retained)}</strong> is retained by the co-op as a
          qualified written notice of allocation, credited to your capital account.
        </p>
        <p>
          Under the co-op’s bylaws, by becoming a member you consented to take the stated amount of
          every written notice of allocation you receive, its retained part included, into account
          in your income for the tax year in which you receive it.
        </p>
        {member.reportable && (
          <p>
            These amounts are reported to you and to the IRS on Form 1099-PATR (box 1: patronage
            dividends, cash and qualified written notices together).
          </p>
        )}
        <p class="small">
          The board approved the year’s accounts and this allocation on{' '}
          <DateText iso={statement.approved_at} />; this notice is dated that day.
        </p>
      </article>
    </Layout>
  )
}
