import type { SurplusReport, YearStatus } from '../../functions/surplus/types'
import { DateText } from '../components/DateText'
import { formatDate } from '../components/format'
import { CsrfField, SubmitButton } from '../components/forms'
import { Layout, type PageProps } from '../components/Layout'
import { formatMoney } from '../components/money'
import { StatusBadge } from '../components/StatusBadge'
import { AllocationDistribution, SurplusSplit, Waterfall } from '../components/surplus/charts/index'
import { IncomeStatement } from '../components/surplus/IncomeStatement'
import { MembersTable, type MembersTableProps } from '../components/surplus/MembersTable'
import { PoolsTable } from '../components/surplus/PoolsTable'
import { YearNav } from '../components/surplus/YearNav'
import { yearBadge, yearLabel, yearPath } from '../components/surplus/words'

/** Props of {@link BoardReportPage}. */
export type BoardReportPageProps = PageProps & {
  report: SurplusReport
  status: YearStatus
  /** The approving board member's name, where the year is approved and the account exists. */
  approver: string | null
  /** Σ over the members, summed by the Worker (lib/money.ts). */
  totals: { allocation: number; cash: number; retained: number }
  /** The slice of members this page shows, and its paging links. */
  members: Omit<MembersTableProps, 'currency' | 'csvUrl'>
}

/** The report's download in a format (the API route; the session cookie works for a GET). */
const downloadUrl = (year: number, format: string) =>
  `/api/v1/board/years/${year}/report?format=${format}`

/**
 * One year's surplus report for the board: the income statement, the charts, the reserve and
 * the pools, the members' allocations, the downloads and, once the year has ended, the form
 * that approves it. It prints without the site's header, navigation and forms.
 */
export function BoardReportPage(props: BoardReportPageProps) {
  const { report, status, totals } = props
  const money = (cents: number) => formatMoney(cents, report.currency)
  const label = yearLabel(report.year)
  const badge = yearBadge(status)
  return (
    <Layout
      title={`${label} surplus report`}
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <YearNav year={report.year} current="report" />
      <h1>{label} surplus report</h1>
      <p class="board-report__status">
        <StatusBadge tone={badge.tone}>{badge.text}</StatusBadge> {formatDate(report.period.start)}{' '}
        to {formatDate(report.period.end)} ({report.period.time_zone})
      </p>
      {status === 'open' && <p class="board-report__preview">Preview: the year has not ended.</p>}
      {status === 'ended' && (
        <p class="board-report__preview">
          Preview: the year has ended and awaits the board's approval.
        </p>
      )}
      {report.approved_at && (
        <p class="board-report__approved">
          Approved by {props.approver ?? <code>{report.approved_by}</code>} on{' '}
          <DateText iso={report.approved_at} />. This report is stored for good.
        </p>
      )}

      <h2>Income statement</h2>
      <IncomeStatement income={report.income} currency={report.currency} />
      <Waterfall {...report} />

      <h2>Reserve and pools</h2>
      <dl class="board-figures">
        <div>
          <dt>Reserve</dt>
          <dd>{money(report.reserve)}</dd>
        </div>
        <div>
          <dt>Distributable</dt>
          <dd>{money(report.distributable)}</dd>
        </div>
        <div>
          <dt>Unallocated (to reserves)</dt>
          <dd>{money(report.unallocated)}</dd>
        </div>
      </dl>
      <SurplusSplit {...report} />
      <PoolsTable pools={report.pools} currency={report.currency} />

      <h2>Members</h2>
      <AllocationDistribution {...report} />
      <MembersTable
        {...props.members}
        currency={report.currency}
        csvUrl={downloadUrl(report.year, 'csv')}
      />

      <h2>Downloads</h2>
      <ul class="board-downloads">
        <li>
          <a href={downloadUrl(report.year, 'json')}>The report as JSON</a>
        </li>
        <li>
          <a href={downloadUrl(report.year, 'csv')}>Every member's line as CSV</a>
        </li>
        <li>
          <a href={downloadUrl(report.year, '1099-patr')}>The 1099-PATR listing</a>
        </li>
      </ul>

      {status === 'ended' && (
        <section class="board-approve" aria-labelledby="approve-title">
          <h2 id="approve-title">Approve {label}</h2>
          <p>
            Approving stores this report for good and books {money(report.reserve)} to the reserve,{' '}
            {money(report.unallocated)} unallocated to reserves, and the members' allocations of{' '}
            {money(totals.allocation)} ({money(totals.cash)} to be paid in cash,{' '}
            {money(totals.retained)} retained in their capital accounts) in the ledger. It cannot be
            undone.
          </p>
          <form method="post" action={`${yearPath(report.year)}/approve`}>
            {props.csrfToken !== undefined && <CsrfField token={props.csrfToken} />}
            <SubmitButton>Approve {label}</SubmitButton>
          </form>
        </section>
      )}
    </Layout>
  )
}
