import { formatMoney } from '../money'
import type { IncomeView } from './types'

/** The income statement of a year (spec/surplus.md §2), each line signed as it counts. */
export function IncomeStatement({ income, currency }: { income: IncomeView; currency: string }) {
  const lines: [string, number][] = [
    ['Commission', income.commission],
    ['Processing fees', -income.processing_fees],
    ['Dispute losses', -income.dispute_losses],
    ['Other income', income.other_income],
    ['Expenses', -income.expenses],
  ]
  return (
    <div class="table-scroll" role="region" tabIndex={0} aria-label="Income statement">
      <table class="board-table board-table--keep">
        <caption class="visually-hidden">Income statement</caption>
        <tbody>
          {lines.map(([label, amount]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td class="numeric">{formatMoney(amount, currency)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Net surplus</th>
            <td class="numeric">
              <strong>{formatMoney(income.net_surplus, currency)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  )
}
