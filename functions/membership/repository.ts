/** Membership queries: periods, the share that opened each, and withdrawal requests. */
import type { DB } from '../lib/db.ts'

/** The member's open period and its unredeemed share, or undefined when not a member now. */
export async function currentMembership(db: DB, accountId: string) {
  const row = await db
    .selectFrom('membership_periods as p')
    .innerJoin('member_shares as s', 's.id', 'p.share_id')
    .select([
      'p.id as period_id',
      'p.started_at',
      's.id as share_id',
      's.amount_cents',
      's.currency',
    ])
    .where('p.account_id', '=', accountId)
    .where('p.ended_at', 'is', null)
    .where('s.redeemed_at', 'is', null)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    period: { id: row.period_id, started_at: row.started_at },
    share: { id: row.share_id, amount_cents: row.amount_cents, currency: row.currency },
  }
}

/** The member's withdrawal request waiting for an admin, if any. */
export function pendingWithdrawalOf(db: DB, accountId: string) {
  return db
    .selectFrom('withdrawal_requests')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('status', '=', 'pending')
    .executeTakeFirst()
}

/** The member's latest share checkout the app still holds open (by its own clock or not). */
export function latestOpenShareCheckout(db: DB, accountId: string) {
  return db
    .selectFrom('checkout_sessions')
    .select(['id', 'created_at'])
    .where('account_id', '=', accountId)
    .where('purpose', '=', 'member_share')
    .where('status', '=', 'open')
    .orderBy('created_at', 'desc')
    .executeTakeFirst()
}
