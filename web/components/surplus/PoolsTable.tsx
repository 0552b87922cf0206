import { formatMoney } from '../money'
import type { PoolView } from './types'
import { BASIS_WORDS, percentText, ROLE_WORDS } from './words'

/** A pool as the rules give it, with the report's amount and members where there is one. */
type PoolLine = { name: string; role: string; basis: string; share_bp: number } & Partial<
  Pick<PoolView, 'amount' | 'members'>
>

/**
 * The pools: who takes part, what they count and their share; with a report's `currency`, also
 * each pool's amount and how many members share it (the rules alone have neither).
 */
export function PoolsTable({ pools, currency }: { pools: PoolLine[]; currency?: string }) {
  const figures = currency !== undefined
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
            {figures && (
              <th scope="col" class="numeric">
                Amount
              </th>
            )}
            {figures && (
              <th scope="col" class="numeric">
                Members
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {pools.map((pool) => (
            <tr key={pool.name}>
              <th scope="row">{pool.name}</th>
              <td>{ROLE_WORDS[pool.role] ?? pool.role}</td>
              <td>{BASIS_WORDS[pool.basis] ?? pool.basis}</td>
              <td class="numeric">{percentText(pool.share_bp)}</td>
              {figures && <td class="numeric">{formatMoney(pool.amount ?? 0, currency)}</td>}
              {figures && <td class="numeric">{pool.members}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
