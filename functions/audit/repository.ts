/** Reading the audit log for the admins' page: newest first, by keyset on (at, id). */
import { decodeCursor } from '../lib/pagination.ts'
import type { DB } from '../../schema/tables.ts'

/**
 * One page (limit + 1 rows) of the log, newest first, with the actor's name and, for an account
 * or an application, the name of the member it was about.
 */
export function auditPage(db: DB, limit: number, cursor?: string) {
  let query = db
    .selectFrom('audit_log as l')
    .innerJoin('accounts as actor', 'actor.id', 'l.actor_id')
    .leftJoin('seller_applications as app', (join) =>
      join.on('l.subject_type', '=', 'application').onRef('app.id', '=', 'l.subject_id'),
    )
    .leftJoin('accounts as subject', (join) =>
      join.on((eb) =>
        eb.or([
          eb.and([
            eb('l.subject_type', '=', 'account'),
            eb('subject.id', '=', eb.ref('l.subject_id')),
          ]),
          eb('subject.id', '=', eb.ref('app.account_id')),
        ]),
      ),
    )
    .select([
      'l.id',
      'l.at',
      'l.action',
      'l.subject_type',
      'l.subject_id',
      'l.details',
      'actor.display_name as actor_name',
      'subject.display_name as subject_name',
    ])
  if (cursor) {
    const [at, id] = decodeCursor(cursor, 2) as [string, string]
    query = query.where((eb) =>
      eb.or([eb('l.at', '<', at), eb.and([eb('l.at', '=', at), eb('l.id', '<', id)])]),
    )
  }
  return query
    .orderBy('l.at', 'desc')
    .orderBy('l.id', 'desc')
    .limit(limit + 1)
    .execute()
}

export type AuditPageRow = Awaited<ReturnType<typeof auditPage>>[number]
