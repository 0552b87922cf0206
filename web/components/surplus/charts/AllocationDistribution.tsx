import { sumCents } from '../../../../functions/lib/money'
import { formatMoney } from '../../money'
import { allocationBands, allocationStats, type Band } from './bands'
import { CANVAS, ChartFigure, DataTable } from './Figure'
import { FILLS, linearScale } from './geometry'
import type { ChartMember, ChartOptions } from './types'

/** Props of {@link AllocationDistribution}: the report's fields it reads, so `{...report}` fits. */
export type AllocationDistributionProps = ChartOptions & {
  members: readonly ChartMember[]
  currency: string
  rules: { min_cash_cents: number; reportable_cents: number }
  /** A member's own allocation, to mark their band "you" (the members' pages). */
  highlight?: number
}

const count = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'member' : 'members'}`

/** A band in words: "Under $5.00 (no cash)", "$5.00 to $9.99", "$1,000.00 and over". */
function bandLabel(band: Band, currency: string, minCash: number): string {
  const money = (cents: number) => formatMoney(cents, currency)
  if (band.to === null) return `${money(band.from)} and over`
  const noCash = band.to === minCash ? ' (no cash)' : ''
  if (band.from === 0) return `Under ${money(band.to)}${noCash}`
  return `${money(band.from)} to ${money(sumCents([band.to, -1]))}${noCash}`
}

const inBand = (band: Band, cents: number) =>
  cents >= band.from && (band.to === null || cents < band.to)

/**
 * How the allocations spread across the members: a histogram of members by allocation band
 * (bands from the year's thresholds and the data, see bands.ts), with the median and the
 * largest. One row per band, never one element per member, so 10,000 members draw as few
 * shapes as ten.
 */
export function AllocationDistribution(props: AllocationDistributionProps) {
  const { currency, rules, highlight, id = 'allocation-distribution' } = props
  const money = (cents: number) => formatMoney(cents, currency)
  const allocations = props.members.map((member) => member.allocation)
  const bands = allocationBands(allocations, rules.min_cash_cents, rules.reportable_cents)
  const stats = allocationStats(allocations)
  const { width, pad, row, labelY, barY, barH } = CANVAS
  const most = bands.reduce((m, band) => Math.max(m, band.count), 0)
  const x = linearScale(0, most, pad, width - pad)
  const top = 24
  const labelOf = (band: Band) =>
    bandLabel(band, currency, rules.min_cash_cents) +
    (highlight !== undefined && inBand(band, highlight) ? ' (you)' : '')
  const summary = stats
    ? `${count(stats.count)}; median ${money(stats.median)}, largest ${money(stats.largest)}`
    : 'No member had an allocation this year'
  const rows = stats ? bands : []
  const height = top + rows.length * row + pad
  return (
    <ChartFigure
      id={id}
      title="How the allocations spread across the members"
      desc={`${summary}. ${rows.map((b) => `${labelOf(b)}: ${count(b.count)}`).join('; ')}`}
      width={width}
      height={height}
      caption={
        stats
          ? `Members by the size of their allocation: ${summary}. Below ${money(rules.min_cash_cents)} no cash is paid; from ${money(rules.reportable_cents)} the allocation is reported on Form 1099-PATR.`
          : `${summary}.`
      }
      data={
        <DataTable
          caption="Members by allocation"
          head={['Allocation', 'Members']}
          rows={[
            ...rows.map((band) => [labelOf(band), band.count.toLocaleString('en-US')]),
            ...(stats
              ? [
                  ['Median allocation', money(stats.median)],
                  ['Largest allocation', money(stats.largest)],
                ]
              : [['No members', '0']]),
          ]}
        />
      }
    >
      <text class="chart__label chart__label--total" x={pad} y={15}>
        {summary}
      </text>
      {rows.map((band, i) => {
        const y = top + i * row
        return (
          <g key={i} class="chart__band">
            <text class="chart__label" x={pad} y={y + labelY}>
              {labelOf(band)}
            </text>
            <text class="chart__value" x={width - pad} y={y + labelY} text-anchor="end">
              {count(band.count)}
            </text>
            <rect
              class="chart__bar"
              x={pad}
              y={y + barY}
              width={Math.max(x(band.count) - pad, band.count > 0 ? 2 : 0)}
              height={barH}
              fill={FILLS.pools[1]}
            />
          </g>
        )
      })}
    </ChartFigure>
  )
}
