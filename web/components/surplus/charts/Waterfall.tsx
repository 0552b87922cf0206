import { formatMoney } from '../../money'
import { CANVAS, ChartFigure, DataTable } from './Figure'
import { FILLS, linearScale, waterfallSteps, type WaterfallStep } from './geometry'
import type { ChartIncome, ChartOptions } from './types'

/**
 * Props of {@link Waterfall}: the report's `income` and `currency`, and its `reserve` to carry
 * the path on to what is left to distribute (left out: the path stops at the net surplus).
 */
export type WaterfallProps = ChartOptions & {
  income: ChartIncome
  currency: string
  reserve?: number
}

const fillOf = (step: WaterfallStep) =>
  step.kind === 'total' ? (step.end < 0 ? FILLS.down : FILLS.total) : FILLS[step.kind]

/** A step's amount as its label shows it: a step down with its minus sign, a total as it is. */
const amountText = (step: WaterfallStep, currency: string) => {
  const text = formatMoney(step.delta, currency)
  return step.kind === 'up' && step.delta > 0 ? `+${text}` : text
}

/**
 * The year's path from commission to net surplus (spec/surplus.md §2) as a horizontal
 * waterfall: one labelled row per line, each bar running from the total before it to the total
 * after it, and a zero line. A loss year's net bar runs left of zero and is named "Net loss".
 */
export function Waterfall({ income, currency, reserve, id = 'waterfall' }: WaterfallProps) {
  const steps = waterfallSteps(income, reserve)
  const { width, pad, row, labelY, barY, barH } = CANVAS
  const values = steps.flatMap((step) => [step.start, step.end])
  const x = linearScale(Math.min(0, ...values), Math.max(0, ...values), pad, width - pad)
  const top = 22
  const height = top + steps.length * row + pad
  const money = (cents: number) => formatMoney(cents, currency)
  const loss = income.net_surplus < 0
  const words = steps.map((step) => `${step.label} ${amountText(step, currency)}`).join(', ')
  return (
    <ChartFigure
      id={id}
      title={loss ? 'From commission to a net loss' : 'From commission to net surplus'}
      desc={`A waterfall: ${words}.`}
      width={width}
      height={height}
      caption={
        loss
          ? `The year ran at a loss of ${money(-income.net_surplus)}: the net bar falls below zero, and the loss is charged to reserves.`
          : `How the year's commission became a net surplus of ${money(income.net_surplus)}.`
      }
      data={
        <DataTable
          caption="From commission to net surplus"
          head={['Line', 'Amount']}
          rows={steps.map((step) => [step.label, amountText(step, currency)])}
        />
      }
    >
      <text class="chart__axis" x={x(0) + 3} y={14}>
        {money(0)}
      </text>
      {steps.map((step, i) => {
        const y = top + i * row
        const left = x(Math.min(step.start, step.end))
        const right = x(Math.max(step.start, step.end))
        const next = steps[i + 1]
        return (
          <g key={i} class={`chart__step chart__step--${step.kind}`}>
            <text class="chart__label" x={pad} y={y + labelY}>
              {step.label}
            </text>
            <text class="chart__value" x={width - pad} y={y + labelY} text-anchor="end">
              {amountText(step, currency)}
            </text>
            <rect
              class="chart__bar"
              x={left}
              y={y + barY}
              width={Math.max(right - left, 1)}
              height={barH}
              fill={fillOf(step)}
            />
            {/* The zero line, drawn beside each bar only, so it never strikes through a label. */}
            <line
              class="chart__zero"
              x1={x(0)}
              x2={x(0)}
              y1={y + barY - 3}
              y2={y + barY + barH + 3}
            />
            {next && next.kind !== 'total' && (
              <line
                class="chart__connector"
                x1={x(step.end)}
                x2={x(step.end)}
                y1={y + barY + barH}
                y2={y + row + barY}
              />
            )}
          </g>
        )
      })}
    </ChartFigure>
  )
}
