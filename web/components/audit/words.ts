/** The audit log in words: what an admin did, as a sentence a member of the co-op can read. */
import { formatMoney } from '../money'

/** One row of the log as the page shows it. */
export type AuditItem = {
  id: string
  at: string
  action: string
  subject_type: string
  subject_id: string
  actor_name: string
  subject_name: string | null
  details: Record<string, unknown>
}

const text = (value: unknown) => (typeof value === 'string' ? value : '')

const ROLE_NAMES: Record<string, string> = { admin: 'admin', board: 'board', worker: 'worker' }

/** What the row says was done, without who did it or when (the page shows those beside it). */
export function describeAudit(item: AuditItem): string {
  const who = item.subject_name ?? item.subject_id
  const d = item.details
  const role = ROLE_NAMES[text(d.role)] ?? text(d.role)
  switch (item.action) {
    case 'role_granted':
      return `Gave ${who} the ${role} role.`
    case 'role_revoked':
      return `Took the ${role} role from ${who}.`
    case 'application_approved':
      return `Approved ${who}’s application to sell.`
    case 'application_rejected':
      return `Turned down ${who}’s application to sell.`
    case 'withdrawal_recorded':
      return `Recorded ${who}’s withdrawal from the co-op, effective ${text(d.effective_date)}.`
    case 'refund_requested': {
      const amount =
        typeof d.amount_cents === 'number'
          ? formatMoney(d.amount_cents, text(d.currency) || 'usd')
          : 'an amount'
      return `Refunded ${amount} of “${text(d.title)}” on order ${text(d.order_id)}.`
    }
    default:
      return item.action
  }
}

/** The free text the admin gave with the action (a note, a reason), if any. */
export function noteOf(item: AuditItem): string | null {
  const note = text(item.details.note) || text(item.details.reason)
  return note === '' ? null : note
}
