/** Queries of the token flows: one query per function, `db` first. */
import type { DB } from '../lib/db.ts'

/** Whether an account other than `accountId` has `email` (the answer never says which). */
export async function emailTakenElsewhere(db: DB, email: string, accountId: string) {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where('email', '=', email)
    .where('id', '!=', accountId)
    .executeTakeFirst()
  return row !== undefined
}

/** The address of an account. */
export async function emailOf(db: DB, accountId: string) {
  const row = await db
    .selectFrom('accounts')
    .select('email')
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow()
  return row.email
}

/** Ends every session of the account but `keepTokenHash` (none kept when it is null). */
export function endSessions(db: DB, accountId: string, keepTokenHash: string | null) {
  const all = db.deleteFrom('sessions').where('account_id', '=', accountId)
  return keepTokenHash ? all.where('token_hash', '!=', keepTokenHash) : all
}
