/**
 * What the charts read of the year-end report (functions/surplus/types.ts `SurplusReport`,
 * spec/surplus.md §7): a report satisfies each chart's props as it is, so a page can write
 * `<Waterfall {...report} />`. Every amount is integer cents of `currency`.
 */

/** The income statement of §2. */
export type ChartIncome = {
  commission: number
  processing_fees: number
  dispute_losses: number
  other_income: number
  expenses: number
  net_surplus: number
}

/** A pool of the year: its name, its amount and how many members share it. */
export type ChartPool = { name: string; amount: number; members: number }

/** A member's line, of which the distribution reads only the allocation. */
export type ChartMember = { allocation: number }

/** Ids and words a page may give a chart; ids must be unique on the page. */
export type ChartOptions = {
  /** Prefix of the figure's element ids; defaults to the chart's name. */
  id?: string
}
