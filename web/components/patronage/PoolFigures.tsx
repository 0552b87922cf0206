import { formatMoney } from '../money'
import type { Statement, StatementMember } from './types'
import { BASIS_WORDS, ROLE_WORDS, percent, weightText } from './words'

/**
 * Each pool of the year with this member's place in it: their weight, the pool's total weight
 * and amount, and their part. One card per pool rather than a wide table, so it reads on a
 * phone without sideways scrolling.
 */
export function PoolFigures({
  statement,
  member,
}: {
  statement: Statement
  member: StatementMember | null
}) {
  const { currency } = statement
  return (
    <section aria-labelledby="pools-title">
      <h2 id="pools-title">The pools</h2>
      <div class="card-grid">
        {statement.pools.map((pool, i) => {
          const weight = member?.weights[i] ?? 0
          return (
            <section class="card" key={pool.name} aria-labelledby={`pool-${i}`}>
              <h3 id={`pool-${i}`}>
                {pool.name} <span class="small">({percent(pool.share_bp)})</span>
              </h3>
              <p class="small">
                Shared by {BASIS_WORDS[pool.basis]} among {ROLE_WORDS[pool.role]}.
              </p>
              <dl class="details">
                <dt>Your {BASIS_WORDS[pool.basis]}</dt>
                <dd>{weightText(pool.basis, weight, currency)}</dd>
                <dt>Everyone’s</dt>
                <dd>{weightText(pool.basis, pool.total_weight, currency)}</dd>
                <dt>The pool</dt>
                <dd>{formatMoney(pool.amount, currency)}</dd>
                <dt>Your part</dt>
                <dd>{formatMoney(member?.parts[i] ?? 0, currency)}</dd>
              </dl>
            </section>
          )
        })}
      </div>
    </section>
  )
}
