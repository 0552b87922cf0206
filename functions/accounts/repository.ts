/** Queries over accounts and their roles: one query per function, `db` first. */
import type { AccountRow, StaffRole } from '../../schema/tables.ts'
import type { DB } from '../lib/db.ts'
import { mediaUrl } from '../media/repository.ts'

export function findAccountByEmail(db: DB, email: string) {
  return db.selectFrom('accounts').selectAll().where('email', '=', email).executeTakeFirst()
}

export function findAccountById(db: DB, id: string) {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function rolesOf(db: DB, accountId: string): Promise<StaffRole[]> {
  const rows = await db
    .selectFrom('account_roles')
    .select('role')
    .where('account_id', '=', accountId)
    .orderBy('role')
    .execute()
  return rows.map((r) => r.role)
}

/** The statements that replace an account's staff roles with `roles` (for one batch). */
export function replaceRoles(
  db: DB,
  accountId: string,
  roles: StaffRole[],
  by: string,
  at: string,
) {
  const remove = db.deleteFrom('account_roles').where('account_id', '=', accountId)
  const keep = roles.length ? [remove.where('role', 'not in', roles)] : [remove]
  const add = roles.map((role) =>
    db
      .insertInto('account_roles')
      .values({ account_id: accountId, role, granted_at: at, granted_by: by })
      .onConflict((oc) => oc.doNothing()),
  )
  return [...keep, ...add]
}

/** The `/me` shape of spec/api.md. */
export function accountView(account: AccountRow, roles: readonly string[]) {
  const allRoles = [...roles]
  if (account.membership_status === 'active') allRoles.push('member')
  if (account.seller_status === 'approved') allRoles.push('seller')
  return {
    id: account.id,
    email: account.email,
    display_name: account.display_name,
    email_verified: account.email_verified_at !== null,
    bio: account.bio,
    location: account.location,
    avatar_url: account.avatar_key ? mediaUrl(account.avatar_key) : null,
    roles: allRoles.sort(),
    created_at: account.created_at,
    membership: { status: account.membership_status, since: account.member_since },
    seller: { status: account.seller_status, payouts_ready: account.payouts_ready === 1 },
  }
}

export type AccountView = ReturnType<typeof accountView>
