/**
 * Each member's patronage over a fiscal year (spec/surplus.md §3), in the shape `allocate()`
 * takes. Sales and purchases are summed by SQL, one row per member and basis, never one per
 * order line: a year of a million lines stays a handful of aggregate rows in the Worker.
 * Membership periods (one row each) are read to find who is active on the year's last day,
 * since tenure counts local dates in the co-op's time zone, which SQLite does not know.
 */
import { sql } from 'kysely'

import type { DB } from '../../schema/tables.ts'
import { compareKeys, type PatronInput } from './allocation.ts'
import type { Role } from './rules.ts'
import { daysInclusive, localDate, type FiscalYear } from './year.ts'

/** The member `who` had a membership period open at the instant `at` (both SQL columns). */
const activeAt = (who: string, at: string) => sql`EXISTS (
  SELECT 1 FROM membership_periods p
  WHERE p.account_id = ${sql.ref(who)} AND p.started_at <= ${sql.ref(at)}
    AND (p.ended_at IS NULL OR ${sql.ref(at)} < p.ended_at))`

/** Σ lines sold and bought − Σ their refunds, per member, counted only while they were members. */
async function tradeSums(db: DB, year: FiscalYear, currency: string) {
  const { start, end } = year
  const { rows } = await sql<{ member_id: string; basis: 'sales' | 'purchases'; cents: number }>`
    SELECT member_id, basis, sum(cents) AS cents FROM (
      SELECT i.seller_id AS member_id, 'sales' AS basis, i.subtotal_cents AS cents
      FROM orders o JOIN order_items i ON i.order_id = o.id
      WHERE o.paid_at >= ${start} AND o.paid_at < ${end} AND o.currency = ${currency}
        AND ${activeAt('i.seller_id', 'o.paid_at')}
      UNION ALL
      SELECT o.buyer_id, 'purchases', i.subtotal_cents
      FROM orders o JOIN order_items i ON i.order_id = o.id
      WHERE o.paid_at >= ${start} AND o.paid_at < ${end} AND o.currency = ${currency}
        AND ${activeAt('o.buyer_id', 'o.paid_at')}
      UNION ALL
      SELECT r.seller_id, 'sales', -r.amount_cents
      FROM refunds r
      WHERE r.status = 'succeeded' AND r.refunded_at >= ${start} AND r.refunded_at < ${end}
        AND r.currency = ${currency} AND ${activeAt('r.seller_id', 'r.refunded_at')}
      UNION ALL
      SELECT o.buyer_id, 'purchases', -r.amount_cents
      FROM refunds r JOIN orders o ON o.id = r.order_id
      WHERE r.status = 'succeeded' AND r.refunded_at >= ${start} AND r.refunded_at < ${end}
        AND r.currency = ${currency} AND ${activeAt('o.buyer_id', 'r.refunded_at')}
    ) GROUP BY member_id, basis`.execute(db)
  return rows
}

interface PeriodRow {
  member_id: string
  display_name: string
  started_at: string
  ended_at: string | null
  seller: number
  worker: number
}

/** The periods that overlap the year, with their member's name and roles. */
async function periodsOf(db: DB, year: FiscalYear) {
  const { rows } = await sql<PeriodRow>`
    SELECT p.account_id AS member_id, a.display_name, p.started_at, p.ended_at,
      a.seller_status = 'approved' AS seller,
      EXISTS (SELECT 1 FROM account_roles r WHERE r.account_id = a.id AND r.role = 'worker')
        AS worker
    FROM membership_periods p JOIN accounts a ON a.id = p.account_id
    WHERE p.started_at < ${year.end} AND (p.ended_at IS NULL OR p.ended_at > ${year.start})
  `.execute(db)
  return rows
}

/**
 * Whether a period covers the year's last day. `ended_at` is the withdrawal's effective date at
 * 00:00 UTC and the member's last day is the day before, so its date is compared as a date.
 */
const coversLastDay = (period: PeriodRow, year: FiscalYear) =>
  localDate(period.started_at, year.timeZone) <= year.lastDay &&
  (period.ended_at === null || period.ended_at.slice(0, 10) > year.lastDay)

/** The hours the board recorded for the year, in hundredths, per member. */
async function hoursOf(db: DB, year: FiscalYear) {
  return db
    .selectFrom('surplus_hours')
    .select(['member_id', 'hundredths'])
    .where('year', '=', year.year)
    .execute()
}

/**
 * Every member with patronage in `year`: active on its last day or with a weight above 0.
 * `hours` are the board's figures for the year (surplus_hours), counted for members with a
 * period overlapping it. Ordered by member id.
 */
export async function patronageWeights(
  db: DB,
  year: FiscalYear,
  currency: string,
): Promise<PatronInput[]> {
  const [sums, periods, hours] = await Promise.all([
    tradeSums(db, year, currency),
    periodsOf(db, year),
    hoursOf(db, year),
  ])
  const members = new Map<string, PatronInput & { roles: Role[] }>()
  for (const period of periods) {
    const member = members.get(period.member_id) ?? {
      member_id: period.member_id,
      display_name: period.display_name,
      roles: [
        'member',
        ...(period.seller ? ['seller' as const] : []),
        ...(period.worker ? ['worker' as const] : []),
      ],
      weights: { sales: 0, purchases: 0, hours: 0, tenure: 0, equal: 0 },
    }
    members.set(period.member_id, member)
    // Periods never overlap, so at most one covers the last day: the current one.
    if (coversLastDay(period, year)) {
      member.weights.tenure = daysInclusive(
        localDate(period.started_at, year.timeZone),
        year.lastDay,
      )
      member.weights.equal = 1
    }
  }
  for (const row of sums) {
    const member = members.get(row.member_id)
    // A sum is only there for a period overlapping the year, so the member is known.
    if (member) member.weights[row.basis] = Math.max(0, Number(row.cents))
  }
  for (const row of hours) {
    const member = members.get(row.member_id)
    // The board records hours for the year; they count while the member was one in it.
    if (member) member.weights.hours = row.hundredths
  }
  return [...members.values()]
    .filter((m) => Object.values(m.weights).some((w) => Number(w) > 0))
    .sort((a, b) => compareKeys(a.member_id, b.member_id))
}
