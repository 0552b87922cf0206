/**
 * The charts' pure geometry: which bars a chart has, where they start and end in cents, and
 * how cents map to pixels. No JSX here, so it is tested and reasoned about as plain data.
 * Amounts are summed by functions/lib/money.ts; only the pixel positions are floats.
 */
import { mulDivRoundHalfUp, sumCents } from '../../../../functions/lib/money'
import type { ChartIncome, ChartPool } from './types'

/** A linear map from cents in [min, max] to pixels in [from, to]; a flat domain maps to `from`. */
export function linearScale(min: number, max: number, from: number, to: number) {
  const span = max - min
  return (value: number) => (span === 0 ? from : from + ((value - min) / span) * (to - from))
}

/** One bar of the waterfall: a running total (`total`) or a step up or down from the last. */
export type WaterfallStep = {
  label: string
  /** The signed change in cents; for a total, the total itself. */
  delta: number
  start: number
  end: number
  kind: 'total' | 'up' | 'down'
}

/**
 * The path from commission to net surplus (§2), each line a step from the running total, then,
 * where `reserve` is given, on to what is left to distribute (§5.1). A loss year's net surplus
 * ends below zero; its "reserve" step then climbs back to zero, the loss charged to reserves.
 */
export function waterfallSteps(income: ChartIncome, reserve?: number): WaterfallStep[] {
  const steps: WaterfallStep[] = [
    {
      label: 'Commission',
      delta: income.commission,
      start: 0,
      end: income.commission,
      kind: 'total',
    },
  ]
  const lines: [string, number][] = [
    ['Processing fees', -income.processing_fees],
    ['Dispute losses', -income.dispute_losses],
    ['Other income', income.other_income],
    ['Expenses', -income.expenses],
  ]
  let running = income.commission
  for (const [label, delta] of lines) {
    const end = sumCents([running, delta])
    steps.push({ label, delta, start: running, end, kind: delta < 0 ? 'down' : 'up' })
    running = end
  }
  const loss = income.net_surplus < 0
  steps.push({
    label: loss ? 'Net loss' : 'Net surplus',
    delta: income.net_surplus,
    start: 0,
    end: income.net_surplus,
    kind: 'total',
  })
  if (reserve === undefined) return steps
  const left = sumCents([income.net_surplus, -reserve])
  steps.push({
    label: loss ? 'Loss charged to reserves' : 'To reserves',
    delta: -reserve,
    start: income.net_surplus,
    end: left,
    kind: reserve > 0 ? 'down' : 'up',
  })
  steps.push({ label: 'To distribute', delta: left, start: 0, end: left, kind: 'total' })
  return steps
}

/** One part of the net surplus: where it starts and how much it is. */
export type SplitSegment = {
  label: string
  amount: number
  start: number
  end: number
  kind: 'reserve' | 'pool' | 'unallocated'
  /** Why a part reads as it does, for an empty pool. */
  note?: string
}

/**
 * The net surplus split into reserve, each pool shared by its members and, last, what no
 * eligible member took (§5.3; it goes to reserves). A pool nobody could share is named in the
 * unallocated part's note. Nothing is split in a loss year: no segments.
 */
export function splitSegments(
  netSurplus: number,
  reserve: number,
  unallocated: number,
  pools: readonly ChartPool[],
): SplitSegment[] {
  if (netSurplus <= 0) return []
  const empty = pools.filter((pool) => pool.members === 0).map((pool) => pool.name)
  const parts: Omit<SplitSegment, 'start' | 'end'>[] = [
    { label: 'Reserve', amount: reserve, kind: 'reserve' },
    ...pools
      .filter((pool) => pool.members > 0)
      .map((pool) => ({ label: pool.name, amount: pool.amount, kind: 'pool' as const })),
  ]
  if (empty.length > 0 || unallocated > 0) {
    const note = empty.length
      ? `no eligible member in ${empty.join(', ')}; goes to reserves`
      : 'goes to reserves'
    parts.push({ label: 'Unallocated', amount: unallocated, kind: 'unallocated', note })
  }
  let start = 0
  return parts.map((part) => {
    const end = sumCents([start, part.amount])
    const segment = { ...part, start, end }
    start = end
    return segment
  })
}

/** `part` as a share of `whole` in words, to a tenth of a percent: "49.0 %". */
export function percentText(part: number, whole: number): string {
  if (whole <= 0) return '0.0 %'
  const tenths = mulDivRoundHalfUp(part, 1000, whole)
  return `${Math.trunc(tenths / 10)}.${Math.abs(tenths % 10)} %`
}

/**
 * The charts' fills: the house palette's ink-dark tones, every one at least 3:1 against the
 * paper, so bars stay distinct in greyscale print; meaning is always in the labels too.
 */
export const FILLS = {
  total: '#2a211b',
  up: '#235238',
  down: '#9b2118',
  reserve: '#5a4b3f',
  unallocated: '#7d6b5c',
  pools: ['#a3401f', '#1d4e89', '#6e4500', '#235238', '#7f2e13'],
} as const

/** The fill of the n-th pool, cycling through the palette. */
export const poolFill = (index: number) => FILLS.pools[index % FILLS.pools.length] as string
