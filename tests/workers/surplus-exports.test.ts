/**
 * The year-end report's downloads (spec/surplus.md §7): the CSV with one row per member and
 * the 1099-PATR listing, read back with csv-parse. Reports are built with the real allocate(),
 * so the downloads are checked against figures the allocation really produces.
 */
import { parse } from 'csv-parse/sync'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { sumCents } from '../../functions/lib/money.ts'
import { allocate, type PatronInput } from '../../functions/surplus/allocation.ts'
import { patr1099Csv, reportCsv, reportFilename } from '../../functions/surplus/exports.ts'
import {
  BASES,
  DEFAULT_RULES,
  type Basis,
  type SurplusRules,
} from '../../functions/surplus/rules.ts'
import type { SurplusReport } from '../../functions/surplus/types.ts'
import { formatDecimalInput } from '../../web/components/money.ts'

const HOSTILE = '=HYPERLINK("http://evil.example/","Click"), "quoted"'

/** A report as the service would build it, around a real allocation. */
function reportOf(
  netSurplus: number,
  members: PatronInput[],
  rules: SurplusRules = DEFAULT_RULES,
  currency = 'usd',
): SurplusReport {
  const result = allocate({ netSurplus, rules, members })
  return {
    year: 2026,
    status: 'open',
    currency,
    period: { start: '2026-01-01', end: '2026-12-31', time_zone: 'UTC' },
    rules,
    income: {
      commission: Math.max(netSurplus, 0),
      processing_fees: 0,
      dispute_losses: 0,
      other_income: 0,
      expenses: Math.max(-netSurplus, 0),
      net_surplus: netSurplus,
    },
    ...result,
    approved_at: null,
    approved_by: null,
  }
}

type Row = Record<string, string>

/** A pool's column name as the CSV writes it: formula-looking text escaped, headers too. */
const column = (pool: string, suffix: string) => {
  const name = `${pool} ${suffix}`
  return /^[=+\-@\t\r]/.test(name) ? `'${name}` : name
}

/** The CSV as a spreadsheet would read it: BOM skipped, CRLF records, header names as keys. */
function rowsOf(csv: string): Row[] {
  expect(csv.startsWith('\uFEFF')).toBe(true)
  expect(csv.endsWith('\r\n')).toBe(true)
  return parse(csv, { bom: true, columns: true, record_delimiter: '\r\n' }) as Row[]
}

const headerOf = (csv: string) => csv.slice(1, csv.indexOf('\r\n')).split(',')

const members: PatronInput[] = [
  { member_id: 'm1', display_name: 'Ada Artist', roles: ['seller'], weights: { sales: 60_000 } },
  {
    member_id: 'm2',
    display_name: HOSTILE,
    roles: ['seller', 'worker'],
    weights: { sales: 20_000, purchases: 5_000, hours: 1_000 },
  },
  { member_id: 'm3', display_name: 'Bo Buyer', roles: [], weights: { purchases: 100 } },
]

describe('the report CSV', () => {
  const report = reportOf(1_000_00, members)
  const csv = reportCsv(report)
  const rows = rowsOf(csv)

  it('has one row per member, in the report order, with a plain header and no comment line', () => {
    expect(rows.map((row) => row.member_id)).toEqual(['m1', 'm2', 'm3'])
    expect(headerOf(csv).slice(0, 9)).toEqual([
      'member_id',
      'display_name',
      'currency',
      'Artists weight',
      'Artists part',
      'Buyers weight',
      'Buyers part',
      'Staff weight',
      'Staff part',
    ])
  })

  it("gives each pool's weight and part, and the totals in units and in cents", () => {
    const ada = rows[0]!
    const line = report.members[0]!
    expect(ada['Artists weight']).toBe('60000')
    expect(ada['Artists part_cents']).toBe(String(line.parts[0]))
    expect(ada['Artists part']).toBe(formatDecimalInput(line.parts[0]!, 'usd'))
    expect(ada.allocation).toBe(formatDecimalInput(line.allocation, 'usd'))
    expect(ada.cash_cents).toBe(String(line.cash))
    expect(ada.retained_cents).toBe(String(line.retained))
    expect(ada.reportable).toBe('yes')
    expect(ada.currency).toBe('USD')
    // 1000.00 less a 30 % reserve: 700.00 to share; the artists' 70 % is 490.00, 3:1.
    expect(ada['Artists part']).toBe('367.50')
  })

  it('sums to the report: each pool its amount, all allocations the distributable less unallocated', () => {
    report.pools.forEach((pool) => {
      const total = sumCents(rows.map((row) => Number(row[column(pool.name, 'part_cents')])))
      expect(total).toBe(pool.members ? pool.amount : 0)
    })
    const allocated = sumCents(rows.map((row) => Number(row.allocation_cents)))
    expect(sumCents([allocated, report.unallocated])).toBe(report.distributable)
  })

  it('escapes a name a spreadsheet would run as a formula', () => {
    expect(rows[1]!.display_name).toBe(`'${HOSTILE}`)
  })

  it('is a header row alone for a year without members', () => {
    expect(rowsOf(reportCsv(reportOf(0, [])))).toEqual([])
  })
})

describe('the 1099-PATR listing', () => {
  const report = reportOf(1_000_00, members)
  const rows = rowsOf(patr1099Csv(report))

  it('lists only the reportable members, with box 1 = cash + qualified written notices', () => {
    const reportable = report.members.filter((m) => m.reportable)
    expect(reportable.length).toBeLessThan(report.members.length)
    expect(rows.map((row) => row.recipient_member_id)).toEqual(reportable.map((m) => m.member_id))
    rows.forEach((row, i) => {
      const line = reportable[i]!
      expect(row.box1_patronage_dividends_cents).toBe(String(line.cash + line.retained))
      expect(row.of_which_cash_cents).toBe(String(line.cash))
      expect(row.of_which_qualified_written_notices_cents).toBe(String(line.retained))
      expect(row.box1_patronage_dividends).toBe(formatDecimalInput(line.allocation, 'usd'))
      expect(row.tax_year).toBe('2026')
    })
    expect(rows.find((row) => row.recipient_member_id === 'm2')?.recipient_name).toBe(`'${HOSTILE}`)
  })
})

describe('the download names', () => {
  it('name the fiscal year and the format', () => {
    const report = reportOf(0, [])
    expect(reportFilename(report, 'csv')).toBe('fairstall-surplus-FY2026.csv')
    expect(reportFilename(report, 'json')).toBe('fairstall-surplus-FY2026.json')
    expect(reportFilename(report, '1099-patr')).toBe('fairstall-surplus-FY2026-1099-patr.csv')
  })
})

const ROLE_OF: Record<Basis, 'member' | 'seller' | 'worker'> = {
  sales: 'seller',
  purchases: 'member',
  hours: 'worker',
  tenure: 'member',
  equal: 'member',
}

/** Rules with 1–4 pools of random bases, named with hostile text, shares summing to 10000. */
const rulesArb: fc.Arbitrary<SurplusRules> = fc
  .record({
    bases: fc.array(fc.constantFrom(...BASES), { minLength: 1, maxLength: 4 }),
    // Names as the rules keep them (trimmed, not empty); one may look like a formula.
    names: fc.uniqueArray(
      fc
        .string({ maxLength: 12 })
        .map((name) => name.trim() || 'Pool')
        .filter((name) => !name.startsWith("'")),
      {
        minLength: 4,
        maxLength: 4,
      },
    ),
    reserve_bp: fc.integer({ min: 0, max: 10_000 }),
    cash_bp: fc.integer({ min: 0, max: 10_000 }),
    min_cash_cents: fc.integer({ min: 0, max: 2_000 }),
    reportable_cents: fc.integer({ min: 0, max: 5_000 }),
  })
  .map(({ bases, names, ...rest }) => {
    const share = Math.floor(10_000 / bases.length)
    const pools = bases.map((basis, i) => ({
      name: names[i]!,
      role: ROLE_OF[basis],
      basis,
      share_bp: i === 0 ? 10_000 - share * (bases.length - 1) : share,
    }))
    return { ...rest, pools }
  })

const memberArb: fc.Arbitrary<Omit<PatronInput, 'member_id'>> = fc.record({
  display_name: fc.string({ maxLength: 20 }),
  roles: fc.subarray(['seller', 'worker'] as const),
  weights: fc.record(
    Object.fromEntries(BASES.map((b) => [b, fc.integer({ min: 0, max: 1_000_000 })])) as Record<
      Basis,
      fc.Arbitrary<number>
    >,
  ),
})

describe('the downloads of any report', () => {
  it('carry every member and every cent of the allocation', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100_000_00, max: 1_000_000_00 }),
        rulesArb,
        fc.array(memberArb, { maxLength: 30 }),
        fc.constantFrom('usd', 'jpy'),
        (net, rules, people, currency) => {
          const patrons = people.map((p, i) => ({
            ...p,
            member_id: `m${String(i).padStart(3, '0')}`,
          }))
          const report = reportOf(net, patrons, rules, currency)
          const rows = rowsOf(reportCsv(report))
          expect(rows.map((row) => row.member_id)).toEqual(report.members.map((m) => m.member_id))
          report.pools.forEach((pool, p) => {
            const parts = rows.map((row) => Number(row[column(pool.name, 'part_cents')]))
            expect(sumCents(parts)).toBe(pool.members ? pool.amount : 0)
            rows.forEach((row, m) => {
              expect(Number(row[column(pool.name, 'weight')])).toBe(report.members[m]!.weights[p])
            })
          })
          const allocated = sumCents(rows.map((row) => Number(row.allocation_cents)))
          expect(sumCents([allocated, report.unallocated])).toBe(report.distributable)
          rows.forEach((row) => {
            expect(row.allocation).toBe(formatDecimalInput(Number(row.allocation_cents), currency))
          })
          const listing = rowsOf(patr1099Csv(report))
          const reportable = report.members.filter((m) => m.reportable)
          expect(listing.map((row) => row.recipient_member_id)).toEqual(
            reportable.map((m) => m.member_id),
          )
          listing.forEach((row) => {
            const box1 = Number(row.box1_patronage_dividends_cents)
            expect(box1).toBeGreaterThanOrEqual(rules.reportable_cents)
            expect(box1).toBe(
              Number(row.of_which_cash_cents) +
                Number(row.of_which_qualified_written_notices_cents),
            )
          })
        },
      ),
    )
  })
})
