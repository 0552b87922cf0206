/**
 * The bands of the allocation histogram, from the data and the year's thresholds: below the
 * least cash payment (no cash), up to the reporting threshold (cash, no 1099-PATR), then
 * 1-2-5 steps (or decades, or hundredfolds, whichever keeps the count small) up to the largest
 * allocation. A fixed handful of bands, however many members: the chart never draws one
 * element per member.
 */
import { mulDivRoundHalfUp, sumCents } from '../../../../functions/lib/money'

/** At most this many bands, so the chart stays readable on a phone. */
export const MAX_BANDS = 10

/** One band: allocations in [from, to) (`to` null: and over) and how many members fall in it. */
export type Band = { from: number; to: number | null; count: number }

/** Nice amounts above `after` up to `max`, stepping through `series` × powers of ten. */
function niceEdges(after: number, max: number, series: readonly number[], stride: number) {
  const edges: number[] = []
  for (let power = 1; power <= max; power *= stride) {
    for (const step of series) {
      const edge = step * power
      if (edge > after && edge <= max) edges.push(edge)
    }
  }
  return edges
}

/** The band edges (ascending, starting at 0) for allocations up to `max`. */
export function bandEdges(max: number, minCash: number, reportable: number): number[] {
  const edges = [0, minCash, reportable].filter((e, i, all) => i === 0 || e > (all[i - 1] ?? 0))
  const last = edges[edges.length - 1] ?? 0
  const room = MAX_BANDS - edges.length
  const choices: [number[], number][] = [
    [[1, 2, 5], 10],
    [[1], 10],
    [[1], 100],
    [[1], 10_000],
  ]
  for (const [series, stride] of choices) {
    const more = niceEdges(last, max, series, stride)
    if (more.length <= room) return [...edges, ...more]
  }
  return edges
}

/** The members' allocations counted into bands. */
export function allocationBands(
  allocations: readonly number[],
  minCash: number,
  reportable: number,
): Band[] {
  const max = allocations.reduce((m, a) => (a > m ? a : m), 0)
  const edges = bandEdges(max, minCash, reportable)
  const bands: Band[] = edges.map((from, i) => ({ from, to: edges[i + 1] ?? null, count: 0 }))
  for (const allocation of allocations) {
    // The last band whose lower edge is at or below the allocation (a handful of bands: scan).
    let index = 0
    while (index + 1 < edges.length && (edges[index + 1] ?? 0) <= allocation) index += 1
    bands[index]!.count += 1
  }
  return bands
}

/** The median and the largest allocation, or null for nobody; an even count's middle pair's mean rounds half up. */
export function allocationStats(allocations: readonly number[]) {
  if (allocations.length === 0) return null
  const sorted = [...allocations].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const upper = sorted[mid] ?? 0
  const median =
    sorted.length % 2 === 1
      ? upper
      : mulDivRoundHalfUp(sumCents([sorted[mid - 1] ?? 0, upper]), 1, 2)
  return { median, largest: sorted[sorted.length - 1] ?? 0, count: sorted.length }
}
