/**
 * The co-op's fiscal year as configured: FISCAL_YEAR_START_MONTH (1–12, default 1) and
 * COOP_TIME_ZONE (IANA, default UTC) from the Worker's vars (spec/surplus.md §1).
 */
import type { Bindings } from '../app.ts'
import { fiscalYear, localDate, type FiscalYear } from './year.ts'

/** The configured first month of the fiscal year; a missing or empty var means January. */
export function fiscalYearStartMonth(env: Bindings): number {
  const raw = env.FISCAL_YEAR_START_MONTH as string | undefined
  if (raw === undefined || raw === '') return 1
  const month = Number(raw)
  // A typo in wrangler.toml should fail loudly, not silently shift every year's bounds.
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`FISCAL_YEAR_START_MONTH must be 1–12, not ${raw}`)
  }
  return month
}

/** The co-op's time zone; empty means UTC. */
export const coopTimeZone = (env: Bindings) => env.COOP_TIME_ZONE || 'UTC'

/** Fiscal year `year` under the configured start month and time zone. */
export function fiscalYearOf(env: Bindings, year: number): FiscalYear {
  return fiscalYear(year, fiscalYearStartMonth(env), coopTimeZone(env))
}

/** The fiscal year `now` falls in: named by the calendar year in which it ends. */
export function currentFiscalYear(env: Bindings, now: Date): number {
  const [year, month] = localDate(now, coopTimeZone(env)).split('-').map(Number) as [number, number]
  const start = fiscalYearStartMonth(env)
  return start === 1 || month < start ? year : year + 1
}
