/** Queries over sellers' payouts accounts: one query per function, `db` first. */
import type { DB } from '../lib/db.ts'

/** Whether the account can be paid out, as last recorded (undefined for no such account). */
export async function payoutsReadyOf(db: DB, accountId: string): Promise<boolean | undefined> {
  const row = await db
    .selectFrom('accounts')
    .select('payouts_ready')
    .where('id', '=', accountId)
    .executeTakeFirst()
  return row && row.payouts_ready === 1
}
