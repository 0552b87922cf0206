import { formatMoney } from '../../money'
import { CANVAS, ChartFigure, DataTable } from './Figure'
import {
  FILLS,
  linearScale,
  percentText,
  poolFill,
  splitSegments,
  type SplitSegment,
} from './geometry'
import type { ChartIncome, ChartOptions, ChartPool } from './types'

/** Props of {@link SurplusSplit}: the report's fields it reads, so `{...report}` fits. */
export type SurplusSplitProps = ChartOptions & {
  income: Pick<ChartIncome, 'net_surplus'>
  currency: string
  reserve: number
  unallocated: number
  pools: readonly ChartPool[]
}

/** Each segment's fill: the reserve and the unallocated part in browns, pools in turn. */
function fills(segments: SplitSegment[]): string[] {
  let pool = 0
  return segments.map((segment) =>
    segment.kind === 'pool' ? poolFill(pool++) : FILLS[segment.kind],
  )
}

/**
 * How the net surplus is split (spec/surplus.md §5): a stacked bar of the whole, then one
 * labelled row per part (reserve, each pool, what no eligible member took), its bar set where
 * the part sits in the whole. A pool without an eligible member is named as such; in a loss
 * year there is nothing to split, and the chart says so.
 */
export function SurplusSplit(props: SurplusSplitProps) {
  const { currency, reserve, unallocated, pools, id = 'surplus-split' } = props
  const net = props.income.net_surplus
  const money = (cents: number) => formatMoney(cents, currency)
  const segments = splitSegments(net, reserve, unallocated, pools)
  const { width, pad, row, labelY, barY, barH } = CANVAS
  const x = linearScale(0, Math.max(net, 0), pad, width - pad)
  const colour = fills(segments)
  const labelOf = (s: SplitSegment) => `${s.label} (${percentText(s.amount, net)})`
  const top = 32
  const rowOf = (s: SplitSegment) => row + (s.note ? 14 : 0)
  // Each row's top: a part with a note takes a line more.
  const tops = segments.map((_, i) => segments.slice(0, i).reduce((h, s) => h + rowOf(s), top))
  const height = segments.reduce((h, s) => h + rowOf(s), top) + pad
  const nothing =
    net < 0
      ? `Nothing to split: the year's loss of ${money(-net)} is charged to reserves.`
      : 'Nothing to split: the year has no net surplus.'
  const words = segments.length
    ? segments.map((s) => `${labelOf(s)} ${money(s.amount)}`).join(', ')
    : nothing
  return (
    <ChartFigure
      id={id}
      title="How the net surplus is split"
      desc={`Net surplus ${money(net)}. ${words}.`}
      width={width}
      height={segments.length ? height : 56}
      caption={
        segments.length
          ? `The net surplus of ${money(net)}: the reserve, each pool, and anything no member could take.`
          : nothing
      }
      data={
        <DataTable
          caption="The split of the net surplus"
          head={['Part', 'Share', 'Amount']}
          rows={
            segments.length
              ? segments.map((s) => [
                  s.note ? `${s.label}: ${s.note}` : s.label,
                  percentText(s.amount, net),
                  money(s.amount),
                ])
              : [[net < 0 ? 'Loss charged to reserves' : 'Nothing to split', '—', money(net)]]
          }
        />
      }
    >
      <text class="chart__label chart__label--total" x={pad} y={15}>
        Net surplus
      </text>
      <text class="chart__value" x={width - pad} y={15} text-anchor="end">
        {money(net)}
      </text>
      {segments.length === 0 && (
        <text class="chart__note" x={pad} y={40}>
          {net < 0 ? 'A loss: nothing to split.' : 'Nothing to split.'}
        </text>
      )}
      {segments.map((s, i) => (
        <rect
          key={i}
          class="chart__bar chart__bar--stack"
          x={x(s.start)}
          y={20}
          width={x(s.end) - x(s.start)}
          height={8}
          fill={colour[i]}
        />
      ))}
      {segments.map((s, i) => {
        const at = tops[i] ?? top
        return (
          <g key={i} class={`chart__part chart__part--${s.kind}`}>
            <text class="chart__label" x={pad} y={at + labelY}>
              {labelOf(s)}
            </text>
            <text class="chart__value" x={width - pad} y={at + labelY} text-anchor="end">
              {money(s.amount)}
            </text>
            <rect
              class="chart__bar"
              x={x(s.start)}
              y={at + barY}
              width={Math.max(x(s.end) - x(s.start), 1)}
              height={barH}
              fill={colour[i]}
            />
            {s.note && (
              <text class="chart__note" x={pad} y={at + barY + barH + 12}>
                {s.note}
              </text>
            )}
          </g>
        )
      })}
    </ChartFigure>
  )
}
