/**
 * A member's patronage: their line of each approved year's stored report, and of the current
 * year's live preview as an estimate. A member only ever gets their own line, never the others'.
 */
import type { DB } from '../../schema/tables.ts'
import type { Bindings } from '../app.ts'
import { notFound } from '../lib/errors.ts'
import { currentFiscalYear } from './config.ts'
import { approvals, memberLineOf, memberStatementRows } from './repository.ts'
import type { MemberPatronage, PatronageStatement, SurplusReport } from './types.ts'

type LiveReport = (year: number) => Promise<SurplusReport>

/** A statement cut from a whole report: the year's figures and only `memberId`'s line. */
function statementFrom(report: SurplusReport, memberId: string): PatronageStatement {
  return {
    year: report.year,
    status: report.status,
    currency: report.currency,
    period: report.period,
    rules: report.rules,
    pools: report.pools,
    income: report.income,
    reserve: report.reserve,
    member: report.members.find((m) => m.member_id === memberId) ?? null,
    approved_at: report.approved_at,
  }
}

/** Every approved year (newest first) with the member's stored line, read without the others'. */
async function approvedStatements(db: DB, memberId: string): Promise<PatronageStatement[]> {
  const [headers, rows] = await Promise.all([approvals(db), memberStatementRows(db, memberId)])
  const byYear = new Map(rows.map((row) => [row.year, row]))
  return headers.map((approval) => {
    const report = JSON.parse(approval.report) as Omit<SurplusReport, 'members'>
    const row = byYear.get(approval.year)
    const member = row ? memberLineOf(row) : null
    return { ...statementFrom({ ...report, members: [] }, memberId), member }
  })
}

/** The member's approved years and the current year's estimate. */
export async function memberPatronageOf(
  db: DB,
  env: Bindings,
  memberId: string,
  now: Date,
  live: LiveReport,
): Promise<MemberPatronage> {
  const current = currentFiscalYear(env, now)
  const [years, report] = await Promise.all([approvedStatements(db, memberId), live(current)])
  return { years, current: statementFrom(report, memberId) }
}

/** The member's statement of an approved year or of the current one; any other year is 404. */
export async function memberStatementOf(
  db: DB,
  env: Bindings,
  memberId: string,
  year: number,
  now: Date,
  live: LiveReport,
): Promise<PatronageStatement> {
  // Only the member's own stored row is read: never the other members' lines.
  const stored = (await approvedStatements(db, memberId)).find((s) => s.year === year)
  if (stored) return stored
  if (year !== currentFiscalYear(env, now)) throw notFound('That year’s statement')
  return statementFrom(await live(year), memberId)
}
