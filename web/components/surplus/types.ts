/**
 * The board pages' view of the surplus report and its year: the parts of the service's shapes
 * (functions/surplus/types.ts) that the components read. Type-only imports, so the browser
 * bundle never carries the Worker's modules. Every amount is integer cents of `currency`.
 */
import type { MemberResult, PoolResult } from '../../../functions/surplus/allocation'
import type { IncomeLines, YearStatus } from '../../../functions/surplus/types'

/** Where a year stands: open, ended (awaiting approval) or approved. */
export type YearStatusView = YearStatus

/** The income statement of a year. */
export type IncomeView = IncomeLines

/** One pool of the report. */
export type PoolView = PoolResult

/** One member's line of the report. */
export type MemberView = Pick<
  MemberResult,
  'member_id' | 'display_name' | 'allocation' | 'cash' | 'retained' | 'reportable'
>

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
