/**
 * The surplus service: what the board's and the members' routes and pages call, and only this.
 * Each function takes the database, the bindings and the clock, and throws AppError. The
 * board's inputs (rules, entries, hours) live in ./inputs.ts and are exported from here too.
 */
import type { DB } from '../../schema/tables.ts'
import type { Bindings } from '../app.ts'
import { incomeStatement } from '../ledger/income.ts'
import { currency as coopCurrency } from '../lib/config.ts'
import { AppError, isUniqueViolation } from '../lib/errors.ts'
import { storeApproval, storedReport } from './approve.ts'
import { currentFiscalYear, fiscalYearOf } from './config.ts'
import { yearRules } from './inputs.ts'
import { periodOf, computeReport } from './report.ts'
import * as repo from './repository.ts'
import type { SurplusRules } from './rules.ts'
import type { EntryInput } from './schemas.ts'
import { memberPatronageOf, memberStatementOf } from './statements.ts'
import type {
  MemberPatronage,
  PatronageStatement,
  SurplusReport,
  YearStatus,
  YearSummary,
} from './types.ts'

export type { EntryInput }
export { addEntry, listEntries, listHours, saveRules, setHours, yearRules } from './inputs.ts'

function statusOf(env: Bindings, year: number, approved: boolean, now: Date): YearStatus {
  if (approved) return 'approved'
  return now.toISOString() >= fiscalYearOf(env, year).end ? 'ended' : 'open'
}

/** Every year from the first with activity (or the current one) to the current, newest first. */
export async function listYears(db: DB, env: Bindings, now: Date): Promise<YearSummary[]> {
  const current = currentFiscalYear(env, now)
  const [first, approved, rulesSet, counts] = await Promise.all([
    repo.firstActivity(db),
    repo.approvals(db),
    repo.yearsWithRules(db),
    repo.entryCounts(db),
  ])
  const firstPaid = first.first_paid ? currentFiscalYear(env, new Date(first.first_paid)) : current
  const from = Math.max(
    2000,
    Math.min(current, firstPaid, first.first_entry ?? current, first.first_approval ?? current),
  )
  const years = Array.from({ length: current - from + 1 }, (_, i) => current - i)
  return Promise.all(
    years.map(async (year): Promise<YearSummary> => {
      const approval = approved.find((a) => a.year === year)
      const fy = fiscalYearOf(env, year)
      const net = approval
        ? (JSON.parse(approval.report) as SurplusReport).income.net_surplus
        : (await incomeStatement(db, coopCurrency(env), fy.start, fy.end)).net_surplus
      return {
        year,
        status: statusOf(env, year, Boolean(approval), now),
        period: periodOf(fy),
        rules_set: rulesSet.has(year),
        entries: counts.get(year) ?? 0,
        net_surplus: net,
        approved_at: approval?.approved_at ?? null,
      }
    }),
  )
}

/** Where `year` stands at `now`. */
export async function yearStatus(
  db: DB,
  env: Bindings,
  year: number,
  now: Date,
): Promise<YearStatus> {
  return statusOf(env, year, Boolean(await repo.approvalOf(db, year)), now)
}

/** The stored report once approved (draft ignored), else the live preview (draft rules if given). */
export async function yearReport(
  db: DB,
  env: Bindings,
  year: number,
  now: Date,
  draft?: SurplusRules,
): Promise<SurplusReport> {
  void now
  const stored = await storedReport(db, year)
  if (stored) return stored
  const rules = draft ?? (await yearRules(db, env, year)).rules
  return computeReport(db, env, year, rules)
}

/** Who approved `report`, by name for the page (the report itself keeps the account id, §7). */
export async function approverName(db: DB, report: SurplusReport): Promise<string | null> {
  return report.approved_by ? repo.displayNameOf(db, report.approved_by) : null
}

/** Approves the year; 409 `year_not_ended` or `already_approved`. */
export async function approveYear(
  db: DB,
  env: Bindings,
  year: number,
  by: string,
  now: Date,
): Promise<SurplusReport> {
  const alreadyApproved = () =>
    new AppError(409, 'already_approved', `FY${year} is already approved.`)
  if (await repo.approvalOf(db, year)) throw alreadyApproved()
  if (now.toISOString() < fiscalYearOf(env, year).end) {
    throw new AppError(409, 'year_not_ended', `FY${year} has not ended yet.`)
  }
  const live = await computeReport(db, env, year, (await yearRules(db, env, year)).rules)
  try {
    return await storeApproval(db, env, live, by, now)
  } catch (error) {
    // Two approvals at once: the second batch fails on the year's primary key.
    if (isUniqueViolation(error)) throw alreadyApproved()
    throw error
  }
}

/** The current year's live report, for the members' estimate. */
const liveReport = (db: DB, env: Bindings, now: Date) => (year: number) =>
  yearReport(db, env, year, now)

/** A member's approved years and the current year's estimate. */
export async function memberPatronage(
  db: DB,
  env: Bindings,
  memberId: string,
  now: Date,
): Promise<MemberPatronage> {
  return memberPatronageOf(db, env, memberId, now, liveReport(db, env, now))
}

/** A member's statement for an approved year or the current one; else 404. */
export async function memberStatement(
  db: DB,
  env: Bindings,
  memberId: string,
  year: number,
  now: Date,
): Promise<PatronageStatement> {
  return memberStatementOf(db, env, memberId, year, now, liveReport(db, env, now))
}
