import { formatMoney } from '../money'
import type { PoolView } from './types'
import { BASIS_WORDS, percentText, ROLE_WORDS } from './words'

/** The pools of a report: who takes part, what they count, their share and amount. */
export function PoolsTable({ pools, currency }: { pools: PoolView[]; currency: string }) {
  return (
    <div class="table-scroll" role="region" tabIndex={0} aria-label="Pools">
      <table class="board-table board-table--keep">
        <caption>Pools</caption>
        <thead>
          <tr>
            <th scope="col">Pool</th>
            <th scope="col">Who</th>
            <th scope="col">Counts</th>
            <th scope="col" class="numeric">
              Share
            </th>
            <th scope="col" class="numeric">
              Amount
            </th>
            <th scope="col" class="numeric">
              Members
            </th>
          </tr>
        </thead>
        <tbody>
          {pools.map((pool) => (
            <tr key={pool.name}>
              <th scope="row">{pool.name}</th>
              <td>{ROLE_WORDS[pool.role] ?? pool.role}</td>
              <td>{BASIS_WORDS[pool.basis] ?? pool.basis}</td>
              <td class="numeric">{percentText(pool.share_bp)}</td>
              <td class="numeric">{formatMoney(pool.amount, currency)}</td>
              <td class="numeric">{pool.members}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
