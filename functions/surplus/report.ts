/**
 * The live report of a fiscal year (spec/surplus.md §7): the income statement summed by SQL from
 * the ledger over [start, end), each member's weights summed by SQL, then the pure allocation.
 * Nothing is stored here; approve.ts stores what this computes.
 */
import type { DB } from '../../schema/tables.ts'
import type { Bindings } from '../app.ts'
import { incomeStatement } from '../ledger/income.ts'
import { currency as coopCurrency } from '../lib/config.ts'
import { allocate } from './allocation.ts'
import { fiscalYearOf } from './config.ts'
import type { SurplusRules } from './rules.ts'
import type { SurplusReport } from './types.ts'
import { patronageWeights } from './weights.ts'
import type { FiscalYear } from './year.ts'

/** The period of the report as §7 writes it: the local first and last days, and the zone. */
export const periodOf = (fy: FiscalYear) => ({
  start: fy.firstDay,
  end: fy.lastDay,
  time_zone: fy.timeZone,
})

/**
 * Assembles a report in the key order of §7. The live preview and the stored report read back
 * both go through here, so an approved report serialises to the same JSON every time.
 */
export function assembleReport(
  header: Omit<SurplusReport, 'members'>,
  members: SurplusReport['members'],
): SurplusReport {
  return {
    year: header.year,
    status: header.status,
    currency: header.currency,
    period: header.period,
    rules: header.rules,
    income: header.income,
    reserve: header.reserve,
    distributable: header.distributable,
    unallocated: header.unallocated,
    pools: header.pools,
    members,
    approved_at: header.approved_at,
    approved_by: header.approved_by,
  }
}

/** The year's report as it stands: a live preview under `rules` (status `open`). */
export async function computeReport(
  db: DB,
  env: Bindings,
  year: number,
  rules: SurplusRules,
): Promise<SurplusReport> {
  const fy = fiscalYearOf(env, year)
  const currency = coopCurrency(env)
  const [income, patrons] = await Promise.all([
    incomeStatement(db, currency, fy.start, fy.end),
    patronageWeights(db, fy, currency),
  ])
  const result = allocate({ netSurplus: income.net_surplus, rules, members: patrons })
  return assembleReport(
    {
      year,
      status: 'open',
      currency,
      period: periodOf(fy),
      rules,
      income,
      reserve: result.reserve,
      distributable: result.distributable,
      unallocated: result.unallocated,
      pools: result.pools,
      approved_at: null,
      approved_by: null,
    },
    result.members,
  )
}
