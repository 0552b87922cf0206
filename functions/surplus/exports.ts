/**
 * The year-end report's downloads besides the JSON (spec/surplus.md §7): the CSV with one row
 * per member, and the 1099-PATR listing of reportable members. Both follow the sales CSV's
 * conventions (functions/sales/csv.ts): RFC 4180 by csv-stringify, a UTF-8 byte-order mark so
 * Excel reads names right, CRLF, a header row and nothing above it, formula-looking cells
 * escaped with a leading `'`, and every amount twice: in currency units ("12.50") for people
 * and in cents (`…_cents`, exact) for scripts. Pure: the report in, the text out.
 */
import { stringify } from 'csv-stringify/sync'

import { formatDecimalInput } from '../../web/components/money.ts'
import { sumCents } from '../lib/money.ts'
import type { MemberResult } from './allocation.ts'
import type { SurplusReport } from './types.ts'

/** The report's download formats, as `?format=` names them. */
export type ReportFormat = 'json' | 'csv' | '1099-patr'

type Column = [header: string, cell: (member: MemberResult) => string | number]

/** The same options as the sales CSV, so every Fairstall download opens the same way. */
function csvText(columns: Column[], members: readonly MemberResult[]): string {
  return stringify(
    members.map((member) => columns.map(([, cell]) => cell(member))),
    {
      bom: true,
      header: true,
      columns: columns.map(([header]) => header),
      record_delimiter: '\r\n',
      escape_formulas: true,
    },
  )
}

/** An amount column in currency units and its exact twin in cents. */
function amountColumns(
  name: string,
  currency: string,
  pick: (member: MemberResult) => number,
): { units: Column; cents: Column } {
  return {
    units: [name, (member) => formatDecimalInput(pick(member), currency)],
    cents: [`${name}_cents`, pick],
  }
}

/**
 * The report as CSV, one row per member in the report's order (by `member_id`): `member_id`,
 * `display_name`, `currency`, then for each pool `<pool> weight` (in the pool's basis: cents of
 * sales or purchases, hundredths of hours, days of tenure, or 1) and `<pool> part`, then
 * `allocation`, `cash`, `retained`, `reportable` (`yes`/`no`), then the same amounts in cents
 * (`<pool> part_cents`, `allocation_cents`, …). Pool names are unique within a year's rules,
 * so the column names are too.
 */
export function reportCsv(report: SurplusReport): string {
  const { currency } = report
  const parts = report.pools.map((pool, p) =>
    amountColumns(`${pool.name} part`, currency, (m) => m.parts[p] ?? 0),
  )
  const totals = (['allocation', 'cash', 'retained'] as const).map((key) =>
    amountColumns(key, currency, (m) => m[key]),
  )
  const columns: Column[] = [
    ['member_id', (m) => m.member_id],
    ['display_name', (m) => m.display_name],
    ['currency', () => currency.toUpperCase()],
    ...report.pools.flatMap((pool, p): Column[] => [
      [`${pool.name} weight`, (m) => m.weights[p] ?? 0],
      ...parts.slice(p, p + 1).map((column) => column.units),
    ]),
    ...totals.map((column) => column.units),
    ['reportable', (m) => (m.reportable ? 'yes' : 'no')],
    ...parts.map((column) => column.cents),
    ...totals.map((column) => column.cents),
  ]
  return csvText(columns, report.members)
}

/**
 * The 1099-PATR listing: only the members whose allocation reaches the reporting threshold
 * (`reportable`), one row each: `recipient_member_id`, `recipient_name`,
 * `box1_patronage_dividends` (= cash + retained, i.e. cash plus qualified written notices of
 * allocation), `of_which_cash`, `of_which_qualified_written_notices`, `tax_year`, `currency`,
 * and the three amounts again in cents.
 *
 * It is a listing to prepare the forms from, not a filing: Fairstall holds no taxpayer
 * identification number (TIN) and no postal address of anyone, so the co-op's treasurer adds
 * those from the members' W-9s. `tax_year` is the calendar year the fiscal year ends in
 * (FY2026 → 2026); a co-op whose fiscal year is not the calendar year, or that pays and issues
 * its notices in the following year, must check the year the forms are due for.
 */
export function patr1099Csv(report: SurplusReport): string {
  const { currency } = report
  // Box 1 is cash plus qualified written notices (§5.6); summed, not read from `allocation`.
  const box1 = amountColumns('box1_patronage_dividends', currency, (m) =>
    sumCents([m.cash, m.retained]),
  )
  const cash = amountColumns('of_which_cash', currency, (m) => m.cash)
  const notices = amountColumns('of_which_qualified_written_notices', currency, (m) => m.retained)
  const columns: Column[] = [
    ['recipient_member_id', (m) => m.member_id],
    ['recipient_name', (m) => m.display_name],
    box1.units,
    cash.units,
    notices.units,
    ['tax_year', () => report.year],
    ['currency', () => currency.toUpperCase()],
    box1.cents,
    cash.cents,
    notices.cents,
  ]
  return csvText(
    columns,
    report.members.filter((member) => member.reportable),
  )
}

/**
 * The download's file name: `fairstall-surplus-FY2026.json`, `fairstall-surplus-FY2026.csv`,
 * `fairstall-surplus-FY2026-1099-patr.csv`.
 */
export function reportFilename(report: Pick<SurplusReport, 'year'>, format: ReportFormat): string {
  const base = `fairstall-surplus-FY${report.year}`
  if (format === 'json') return `${base}.json`
  if (format === 'csv') return `${base}.csv`
  return `${base}-1099-patr.csv`
}

/** The `Content-Type` of each format, for the route's response. */
export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  '1099-patr': 'text/csv; charset=utf-8',
}
