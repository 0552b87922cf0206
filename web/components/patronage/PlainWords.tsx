import { formatMoney } from '../money'
import type { Statement, StatementMember, StatementPool } from './types'
import { BASIS_WORDS, ROLE_WORDS, percent, weightText, yearLabel } from './words'

/** Props of {@link PlainWords}. `distributable`: the pools' amounts together. */
export type PlainWordsProps = {
  statement: Statement
  member: StatementMember
  distributable: number
}

/** How the year's net surplus reached the pools, in one or two sentences. */
function SurplusSentence({ statement, distributable }: Omit<PlainWordsProps, 'member'>) {
  const money = (cents: number) => formatMoney(cents, statement.currency)
  const reserve = percent(statement.rules.reserve_bp)
  const net = statement.income?.net_surplus
  if (net !== undefined && statement.reserve !== undefined) {
    return (
      <p>
        The co-op’s net surplus for {yearLabel(statement.year)} was <strong>{money(net)}</strong>.{' '}
        {reserve} ({money(statement.reserve)}) went to reserves, which leaves{' '}
        <strong>{money(distributable)}</strong> to share among the members in{' '}
        {statement.pools.length === 1 ? 'one pool' : `${statement.pools.length} pools`}.
      </p>
    )
  }
  return (
    <p>
      After {reserve} of the co-op’s net surplus for {yearLabel(statement.year)} went to reserves,{' '}
      <strong>{money(distributable)}</strong> was left to share among the members in{' '}
      {statement.pools.length === 1 ? 'one pool' : `${statement.pools.length} pools`}.
    </p>
  )
}

/** One pool in words: how it was shared, and what this member's patronage earned from it. */
function PoolSentence(props: {
  pool: StatementPool
  weight: number
  part: number
  currency: string
}) {
  const { pool, weight, part, currency } = props
  const money = (cents: number) => formatMoney(cents, currency)
  const head = `The ${pool.name} pool (${percent(pool.share_bp)}, ${money(pool.amount)})`
  if (pool.members === 0) {
    return <li>{head} had no one to share it this year, so it went to reserves.</li>
  }
  if (pool.basis === 'equal') {
    return (
      <li>
        {head} was shared equally among the {pool.members.toLocaleString('en-US')} members active on
        the year’s last day:{' '}
        {weight > 0 ? (
          <>
            your share was <strong>{money(part)}</strong>.
          </>
        ) : (
          'you were not among them, so no part of it is yours.'
        )}
      </li>
    )
  }
  const words = BASIS_WORDS[pool.basis]
  const among = `${ROLE_WORDS[pool.role]} (${pool.members.toLocaleString('en-US')} in all)`
  if (weight === 0) {
    return (
      <li>
        {head} was shared by {words} among {among}. You had no {words} counted in it, so no part of
        it is yours.
      </li>
    )
  }
  return (
    <li>
      {head} was shared by {words} among {among}: your {words} of{' '}
      {weightText(pool.basis, weight, currency)} out of{' '}
      {weightText(pool.basis, pool.total_weight, currency)} gave you <strong>{money(part)}</strong>.
    </li>
  )
}

/** Where the allocation goes: the cash part and the part retained in the capital account. */
function CashSentence({ statement, member }: Omit<PlainWordsProps, 'distributable'>) {
  const money = (cents: number) => formatMoney(cents, statement.currency)
  const { rules } = statement
  const total = (
    <>
      All together, your patronage allocation is <strong>{money(member.allocation)}</strong>.
    </>
  )
  if (member.cash === 0) {
    const why =
      rules.cash_bp === 0
        ? 'This year’s rules pay no part in cash'
        : `Allocations below ${money(rules.min_cash_cents)} are not paid in cash`
    return (
      <p>
        {total} {why}, so all of it, <strong>{money(member.retained)}</strong>, is retained:
        credited to your capital account with the co-op.
      </p>
    )
  }
  return (
    <p>
      {total} {percent(rules.cash_bp)} of it, rounded up to the cent, is paid to you in cash:{' '}
      <strong>{money(member.cash)}</strong>. The other <strong>{money(member.retained)}</strong> is
      retained: credited to your capital account with the co-op.
    </p>
  )
}

/**
 * The year's formula explained in plain words from its own rules and figures: the surplus, the
 * reserve, each pool and this member's part of it, then the cash and retained parts.
 */
export function PlainWords({ statement, member, distributable }: PlainWordsProps) {
  return (
    <section class="card patronage-words" aria-labelledby="words-title">
      <h2 id="words-title">How your allocation was worked out</h2>
      <SurplusSentence statement={statement} distributable={distributable} />
      <ul>
        {statement.pools.map((pool, i) => (
          <PoolSentence
            key={pool.name}
            pool={pool}
            weight={member.weights[i] ?? 0}
            part={member.parts[i] ?? 0}
            currency={statement.currency}
          />
        ))}
      </ul>
      <p class="small">
        Each pool is split in proportion to everyone’s share of it, to the cent; the few cents that
        rounding leaves over go one each to the largest remainders.
      </p>
      <CashSentence statement={statement} member={member} />
    </section>
  )
}
