/**
 * What the charts read of the year-end report (functions/surplus/types.ts `SurplusReport`,
 * spec/surplus.md §7): a report satisfies each chart's props as it is, so a page can write
 * `<Waterfall {...report} />`. Type-only imports: the charts carry no Worker code. Every amount
 * is integer cents of `currency`.
 */
import type { MemberResult, PoolResult } from '../../../../functions/surplus/allocation'
import type { IncomeLines } from '../../../../functions/surplus/types'

/** The income statement of §2. */
export type ChartIncome = IncomeLines

/** A pool of the year: its name, its amount and how many members share it. */
export type ChartPool = Pick<PoolResult, 'name' | 'amount' | 'members'>

/** A member's line, of which the distribution reads only the allocation. */
export type ChartMember = Pick<MemberResult, 'allocation'>

/** Ids and words a page may give a chart; ids must be unique on the page. */
export type ChartOptions = {
  /** Prefix of the figure's element ids; defaults to the chart's name. */
  id?: string
}
