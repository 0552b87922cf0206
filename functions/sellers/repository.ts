/** Queries over seller applications. */
import type { ApplicationStatus, SellerApplicationRow } from '../../schema/tables.ts'
import type { DB } from '../lib/db.ts'
import { decodeCursor } from '../lib/pagination.ts'

export function findApplication(db: DB, id: string) {
  return db.selectFrom('seller_applications').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The applicant's newest application, if any. */
export function latestApplicationOf(db: DB, accountId: string) {
  return db
    .selectFrom('seller_applications')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

export function applicationsOf(db: DB, accountId: string) {
  return db
    .selectFrom('seller_applications')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

/** One page of the admins' queue, oldest first, with each applicant; fetches limit + 1 rows. */
export function queuePage(
  db: DB,
  status: ApplicationStatus,
  limit: number,
  cursor: string | undefined,
) {
  let query = db
    .selectFrom('seller_applications as a')
    .innerJoin('accounts as u', 'u.id', 'a.account_id')
    .selectAll('a')
    .select(['u.display_name as applicant_name', 'u.email as applicant_email'])
    .where('a.status', '=', status)
  if (cursor) {
    const [createdAt, id] = decodeCursor(cursor, 2) as [string, string]
    query = query.where((eb) =>
      eb.or([
        eb('a.created_at', '>', createdAt),
        eb.and([eb('a.created_at', '=', createdAt), eb('a.id', '>', id)]),
      ]),
    )
  }
  return query
    .orderBy('a.created_at')
    .orderBy('a.id')
    .limit(limit + 1)
    .execute()
}

/** The API shape of an application. */
export function applicationView(
  row: SellerApplicationRow & { applicant_name?: string; applicant_email?: string },
) {
  return {
    id: row.id,
    status: row.status,
    statement: row.statement,
    portfolio_url: row.portfolio_url,
    note: row.note,
    created_at: row.created_at,
    decided_at: row.decided_at,
    applicant: {
      id: row.account_id,
      ...(row.applicant_name !== undefined && { display_name: row.applicant_name }),
      ...(row.applicant_email !== undefined && { email: row.applicant_email }),
    },
  }
}
