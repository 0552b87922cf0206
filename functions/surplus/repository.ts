/**
 * The surplus tables' queries: the board's rules, entries and hours of a year, and the stored
 * approvals and statements. Each is one short query; the services compose them.
 */
import { sql } from 'kysely'

import type { Selectable } from 'kysely'

import type { DB, SurplusStatementsTable } from '../../schema/tables.ts'
import type { MemberResult } from './allocation.ts'

/** The approval header of `year`, if approved. */
export const approvalOf = (db: DB, year: number) =>
  db.selectFrom('surplus_approvals').selectAll().where('year', '=', year).executeTakeFirst()

/** An account's display name (the approver's, for the report page), if the account exists. */
export const displayNameOf = async (db: DB, accountId: string) =>
  (
    await db
      .selectFrom('accounts')
      .select('display_name')
      .where('id', '=', accountId)
      .executeTakeFirst()
  )?.display_name ?? null

/** Every approval, newest year first. */
export const approvals = (db: DB) =>
  db.selectFrom('surplus_approvals').selectAll().orderBy('year', 'desc').execute()

/** The stored member lines of an approved year, ordered by member id as the report is. */
export const statementsOf = (db: DB, year: number) =>
  db
    .selectFrom('surplus_statements')
    .selectAll()
    .where('year', '=', year)
    .orderBy('member_id')
    .execute()

/** A stored member line as the report holds it (§7). */
export const memberLineOf = (row: Selectable<SurplusStatementsTable>): MemberResult => ({
  member_id: row.member_id,
  display_name: row.display_name,
  weights: JSON.parse(row.weights) as number[],
  parts: JSON.parse(row.parts) as number[],
  allocation: row.allocation,
  cash: row.cash,
  retained: row.retained,
  reportable: row.reportable === 1,
})

/** One member's stored lines, by year. */
export const memberStatementRows = (db: DB, memberId: string) =>
  db.selectFrom('surplus_statements').selectAll().where('member_id', '=', memberId).execute()

/** The rules row of `year`, if the board set rules. */
export const rulesRowOf = (db: DB, year: number) =>
  db.selectFrom('surplus_rules').select('rules').where('year', '=', year).executeTakeFirst()

/** The years whose rules the board set. */
export const yearsWithRules = async (db: DB) =>
  new Set((await db.selectFrom('surplus_rules').select('year').execute()).map((r) => r.year))

/** Upserts the rules of a year (the triggers refuse it once the year is approved). */
export const upsertRules = (db: DB, year: number, rules: string, by: string, at: string) =>
  db
    .insertInto('surplus_rules')
    .values({ year, rules, updated_by: by, updated_at: at })
    .onConflict((oc) => oc.column('year').doUpdateSet({ rules, updated_by: by, updated_at: at }))

/** The board's entries of a year, by date then creation. */
export const entriesOf = (db: DB, year: number) =>
  db
    .selectFrom('surplus_entries')
    .selectAll()
    .where('year', '=', year)
    .orderBy('entry_date')
    .orderBy('created_at')
    .orderBy('id')
    .execute()

/** How many entries each year has. */
export const entryCounts = async (db: DB) => {
  const rows = await db
    .selectFrom('surplus_entries')
    .select(['year', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('year')
    .execute()
  return new Map(rows.map((r) => [r.year, Number(r.n)]))
}

/** The earliest payment, entry and approval: where the list of years starts. */
export const firstActivity = (db: DB) =>
  db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('orders')
        .select((o) => o.fn.min<string>('paid_at').as('x'))
        .where('paid_at', 'is not', null)
        .as('first_paid'),
      eb
        .selectFrom('surplus_entries')
        .select((o) => o.fn.min<number>('year').as('x'))
        .as('first_entry'),
      eb
        .selectFrom('surplus_approvals')
        .select((o) => o.fn.min<number>('year').as('x'))
        .as('first_approval'),
    ])
    .executeTakeFirstOrThrow()

/** Current workers and anyone with hours for the year, by name. */
export const hoursOf = (db: DB, year: number) =>
  db
    .selectFrom('accounts as a')
    .leftJoin('surplus_hours as h', (join) =>
      join.onRef('h.member_id', '=', 'a.id').on('h.year', '=', year),
    )
    .select([
      'a.id as member_id',
      'a.display_name',
      sql<number>`coalesce(h.hundredths, 0)`.as('hundredths'),
    ])
    .where((eb) =>
      eb.or([
        eb('h.member_id', 'is not', null),
        eb.exists(
          eb
            .selectFrom('account_roles as r')
            .select('r.role')
            .whereRef('r.account_id', '=', 'a.id')
            .where('r.role', '=', 'worker'),
        ),
      ]),
    )
    .orderBy('a.display_name')
    .orderBy('a.id')
    .execute()

/** An account and whether it holds the worker role now. */
export const accountWithWorker = (db: DB, id: string) =>
  db
    .selectFrom('accounts as a')
    .select([
      'a.id',
      'a.display_name',
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('account_roles as r')
              .select('r.role')
              .whereRef('r.account_id', '=', 'a.id')
              .where('r.role', '=', 'worker'),
          )
          .as('worker'),
    ])
    .where('a.id', '=', id)
    .executeTakeFirst()

/** Upserts a worker's hours for a year (refused by the triggers once the year is approved). */
export const upsertHours = (
  db: DB,
  year: number,
  memberId: string,
  hundredths: number,
  by: string,
  at: string,
) =>
  db
    .insertInto('surplus_hours')
    .values({ year, member_id: memberId, hundredths, updated_by: by, updated_at: at })
    .onConflict((oc) =>
      oc.columns(['year', 'member_id']).doUpdateSet({ hundredths, updated_by: by, updated_at: at }),
    )
