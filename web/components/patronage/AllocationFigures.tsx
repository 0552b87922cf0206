import { formatMoney } from '../money'
import type { StatementMember } from './types'

/** The three figures of a member's year: allocation, cash part and retained part. */
export function AllocationFigures(props: {
  member: StatementMember
  currency: string
  /** Says "estimated" beside each figure of a year still open. */
  estimate?: boolean
}) {
  const { member, currency } = props
  const money = (cents: number) => formatMoney(cents, currency)
  return (
    <dl class="details patronage-figures">
      <dt>{props.estimate ? 'Estimated allocation' : 'Allocation'}</dt>
      <dd>{money(member.allocation)}</dd>
      <dt>Paid in cash</dt>
      <dd>{money(member.cash)}</dd>
      <dt>Retained in your capital account</dt>
      <dd>{money(member.retained)}</dd>
    </dl>
  )
}
