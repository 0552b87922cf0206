/**
 * The demo's past fiscal year (FY = this year − 1), so `npm run dev` opens with a year-end
 * report worth reading and approving. Its sales, refunds and dispute go straight into local D1
 * (tools/seed-past-year-sql.ts): Stripe cannot backdate a payment, so the emulator cannot make
 * them. The board's part goes through the real API as board@demo.coop: the year's rules, two
 * expenses and one income entry, and the demo worker's hours. The year is left unapproved: the
 * board approves it in the demo. Idempotent: a second start on the same state adds nothing.
 */
import { join } from 'node:path'
import { writeFile } from 'node:fs/promises'

import type { SurplusRules } from '../functions/surplus/rules.ts'
import type { BoardEntry, SurplusReport, YearSummary } from '../functions/surplus/types.ts'
import { fiscalYear } from '../functions/surplus/year.ts'
import { ApiClient } from './seed-listings.ts'
import { DEMO_ACCOUNTS, DEMO_ARTISTS, DEMO_PASSWORD, demoAccountId } from './seed.ts'
import { type PastListing, pastOrderPrefix, pastYearStatements } from './seed-past-year-sql.ts'
import { compiler, toSqlText } from './sql.ts'
import { wrangler } from './stack.ts'

const ROOT = new URL('..', import.meta.url).pathname

/** Four pools, so the demo report shows most bases; every one of them has members. */
const PAST_RULES: SurplusRules = {
  reserve_bp: 3000,
  pools: [
    { name: 'Artists', role: 'seller', share_bp: 6000, basis: 'sales' },
    { name: 'Buyers', role: 'member', share_bp: 2000, basis: 'purchases' },
    { name: 'Staff', role: 'worker', share_bp: 1000, basis: 'hours' },
    { name: 'Long-standing members', role: 'member', share_bp: 1000, basis: 'tenure' },
  ],
  cash_bp: 2000,
  min_cash_cents: 500,
  reportable_cents: 1000,
}

/** The board's lines for the year: `kind | cents | month-day | description`. */
const ENTRIES = [
  'expense | 7200 | 03-31 | Hosting and domain for the year',
  'income | 60000 | 06-15 | Community arts grant from the city',
  'expense | 18000 | 12-10 | Accountant: annual return',
].map((line) => {
  const [kind, cents, day, description] = line.split(' | ') as [string, string, string, string]
  return { kind: kind as 'income' | 'expense', amount_cents: Number(cents), day, description }
})

/** The demo worker and the hours the board records for them. */
const WORKER = 'maker@demo.coop'
const WORKER_HOURS = 412.5

/** Rows of one SQL query against local D1. */
async function query<T>(sql: string, persistTo?: string): Promise<T[]> {
  const out = await wrangler(
    ['d1', 'execute', 'fairstall', '--local', '--json', '--command', sql],
    persistTo,
  )
  const parsed = JSON.parse(out.slice(out.indexOf('['))) as { results: T[] }[]
  return parsed[0]?.results ?? []
}

/** Writes the year's orders, refunds and dispute into D1, unless an earlier start did. */
async function seedPastSales(year: number, persistTo?: string): Promise<number> {
  // wrangler.toml's defaults: the year starts in January, in UTC.
  const fy = fiscalYear(year, 1, 'UTC')
  const prefix = pastOrderPrefix(year)
  const [done] = await query<{ n: number; latest: string | null }>(
    `SELECT (SELECT count(*) FROM orders WHERE id LIKE '${prefix}%') AS n,
       (SELECT max(started_at) FROM membership_periods WHERE account_id LIKE 'acct_demo_%') AS latest`,
    persistTo,
  )
  if (done && done.n > 0) return 0
  if (done?.latest && done.latest > fy.start) {
    console.warn(
      `Demo FY${year}: the demo members joined after ${fy.firstDay} (an older seed), so their ` +
        `sales will not count; delete .wrangler to start over.`,
    )
  }
  const listings = await query<PastListing>(
    `SELECT id, seller_id, title, kind, price_cents, shipping_cents FROM listings
     WHERE seller_id LIKE 'acct_demo_%' AND status = 'published' ORDER BY id`,
    persistTo,
  )
  if (listings.length === 0) throw new Error('no published demo listings to have sold')
  const staff = DEMO_ACCOUNTS.filter((a) => !DEMO_ARTISTS.includes(a) && a.seller !== 'approved')
  const buyers = [...staff, ...DEMO_ARTISTS.slice(0, 3)].map((a) => demoAccountId(a.email))
  const statements = pastYearStatements(
    compiler,
    fy,
    buyers,
    listings,
    demoAccountId('admin@demo.coop'),
  )
  const dir = persistTo ?? join(ROOT, '.wrangler')
  const file = join(dir, `demo-past-year-${year}.sql`)
  await writeFile(file, statements.map(toSqlText).join('\n') + '\n')
  await wrangler(['d1', 'execute', 'fairstall', '--local', '--yes', '--file', file], persistTo)
  const [count] = await query<{ n: number }>(
    `SELECT count(*) AS n FROM orders WHERE id LIKE '${prefix}%'`,
    persistTo,
  )
  return count?.n ?? 0
}

/** The board's part, through the API: rules, entries not yet there, the worker's hours. */
async function seedBoardYear(baseUrl: string, year: number): Promise<SurplusReport | null> {
  const board = new ApiClient(baseUrl)
  await board.signIn('board@demo.coop', DEMO_PASSWORD)
  const { items: years } = await board.json<{ items: YearSummary[] }>('GET', '/board/years')
  if (years.find((y) => y.year === year)?.status === 'approved') return null
  const base = `/board/years/${year}`
  await board.json('PUT', `${base}/rules`, PAST_RULES)
  const { items: entries } = await board.json<{ items: BoardEntry[] }>('GET', `${base}/entries`)
  for (const { day, ...entry } of ENTRIES) {
    if (entries.some((e) => e.description === entry.description)) continue
    await board.json('POST', `${base}/entries`, { ...entry, date: `${year}-${day}` })
  }
  await board.json('PUT', `${base}/hours/${demoAccountId(WORKER)}`, { hours: WORKER_HOURS })
  return board.json<SurplusReport>('GET', `${base}/report`)
}

/**
 * Seeds last fiscal year for the stack at `baseUrl` (state in `persistTo`). A failure is
 * reported and not thrown: the marketplace still runs, and the next start tries again.
 */
export async function seedPastYear(baseUrl: string, persistTo?: string, now = new Date()) {
  const year = now.getUTCFullYear() - 1
  try {
    const orders = await seedPastSales(year, persistTo)
    const report = await seedBoardYear(baseUrl, year)
    if (orders > 0) console.log(`Demo FY${year}: ${orders} paid orders, 2 refunds, 1 lost dispute`)
    if (!report) return
    const empty = report.pools.filter((p) => p.members === 0).map((p) => p.name)
    console.log(
      `Demo FY${year}: net surplus ${report.income.net_surplus} cents, ${report.members.length} ` +
        `members in the report, awaiting the board's approval` +
        (empty.length ? ` (no members in ${empty.join(', ')})` : ''),
    )
  } catch (error) {
    console.warn(`Demo FY${year} not seeded: ${error instanceof Error ? error.message : error}`)
  }
}
