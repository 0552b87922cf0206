/**
 * The board pages' view of the surplus report and its year (functions/surplus/types.ts holds the
 * shapes the service returns; these are the parts the components read, so the browser bundle
 * never imports the Worker's modules). Every amount is integer cents of `currency`.
 */

/** Where a year stands: open, ended (awaiting approval) or approved. */
export type YearStatusView = 'open' | 'ended' | 'approved'

/** The income statement of a year. */
export type IncomeView = {
  commission: number
  processing_fees: number
  dispute_losses: number
  other_income: number
  expenses: number
  net_surplus: number
}

/** One pool of the report. */
export type PoolView = {
  name: string
  role: string
  basis: string
  share_bp: number
  amount: number
  total_weight: number
  members: number
}

/** One member's line of the report. */
export type MemberView = {
  member_id: string
  display_name: string
  allocation: number
  cash: number
  retained: number
  reportable: boolean
}

/** The figures the rules editor previews: the split, not every member's line. */
export type PreviewFigures = {
  currency: string
  net_surplus: number
  reserve: number
  distributable: number
  unallocated: number
  /** Members with a part in at least one pool. */
  members: number
  pools: { name: string; amount: number; members: number }[]
}

/** The preview figures of a report. */
export function previewFigures(report: {
  currency: string
  income: { net_surplus: number }
  reserve: number
  distributable: number
  unallocated: number
  pools: PoolView[]
  members: unknown[]
}): PreviewFigures {
  return {
    currency: report.currency,
    net_surplus: report.income.net_surplus,
    reserve: report.reserve,
    distributable: report.distributable,
    unallocated: report.unallocated,
    members: report.members.length,
    pools: report.pools.map(({ name, amount, members }) => ({ name, amount, members })),
  }
}
