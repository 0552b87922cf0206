/** Queries of `emails` and `email_preferences`, one each. Writes return statements for a batch. */
import type { DB } from '../lib/db.ts'
import type { EmailsTable } from '../../schema/tables.ts'
import type { Insertable } from 'kysely'
import type { EmailCategory } from './types.ts'

/** The insert of a rendered email; a repeated dedupe key inserts nothing (the batch goes on). */
export function insertEmail(db: DB, row: Insertable<EmailsTable>) {
  return db
    .insertInto('emails')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
}

export function findEmail(db: DB, id: string) {
  return db.selectFrom('emails').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Marks a queued email sent, in the batch of its job's `done` mark. */
export function markSent(db: DB, id: string, now: Date) {
  return db
    .updateTable('emails')
    .set({ status: 'sent', sent_at: now.toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'queued')
}

/** The categories each of `accountIds` switched off. */
export async function switchedOff(db: DB, accountIds: string[]) {
  if (accountIds.length === 0) return new Set<string>()
  const rows = await db
    .selectFrom('email_preferences')
    .select(['account_id', 'category'])
    .where('account_id', 'in', accountIds)
    .where('enabled', '=', 0)
    .execute()
  return new Set(rows.map((row) => `${row.account_id}:${row.category}`))
}

/** A member's choices, with every category they never touched on. */
export async function preferencesOf(db: DB, accountId: string) {
  const rows = await db
    .selectFrom('email_preferences')
    .select(['category', 'enabled'])
    .where('account_id', '=', accountId)
    .execute()
  const off = new Set(rows.filter((row) => row.enabled === 0).map((row) => row.category))
  return { orders: !off.has('orders'), sales: !off.has('sales'), coop: !off.has('coop') }
}

/** Sets one category on or off. */
export function setPreference(
  db: DB,
  accountId: string,
  category: EmailCategory,
  enabled: boolean,
  now: Date,
) {
  const values = { enabled: enabled ? 1 : 0, updated_at: now.toISOString() }
  return db
    .insertInto('email_preferences')
    .values({ account_id: accountId, category, ...values })
    .onConflict((oc) => oc.columns(['account_id', 'category']).doUpdateSet(values))
}

/** The member an unsubscribe token was sent to, by the token's hash. */
export function findByUnsubscribeHash(db: DB, hash: string) {
  return db
    .selectFrom('emails')
    .select(['account_id', 'kind'])
    .where('unsubscribe_token_hash', '=', hash)
    .where('account_id', 'is not', null)
    .executeTakeFirst()
}

/** The dev mailbox's page: newest first, optionally one recipient's. */
export function recentEmails(db: DB, to: string | null, limit: number) {
  let query = db.selectFrom('emails').selectAll().where('status', '=', 'sent')
  if (to) query = query.where((eb) => eb(eb.fn('lower', ['to_address']), '=', to.toLowerCase()))
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()
}
