/**
 * The year-end surplus in the browser: the board member enters last year's income and an
 * expense, sets the rules while the preview follows, reads the report with its charts,
 * downloads the CSV and approves the year; then a member reads their statement and notice.
 *
 * The browser stack seeds the demo accounts (members since October two years back) but not
 * the demo's past year of sales (tools/seed-past-year.ts runs with the demo catalogue only), so
 * the test gives the year a surplus through the board's own entries and shares it with an
 * `equal` pool, which every member active on the year's last day takes part in.
 */
import { parse } from 'csv-parse/sync'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { expectAccessible, launch } from './browser.ts'
import { expectFitsPhone, signedIn } from './shop.ts'

const appUrl = inject('appUrl')
// Last fiscal year: ended, so the board may approve it (the co-op's year is the calendar year).
const YEAR = new Date().getUTCFullYear() - 1
const LABEL = `FY${YEAR}`
let browser: Browser

beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

/** Adds an income or expense line on the year's entries page. */
async function addEntry(
  page: Page,
  entry: { kind: 'income' | 'expense'; amount: string; date: string; description: string },
) {
  await page.goto(`/board/years/${YEAR}/entries`)
  await page.getByLabel('Kind', { exact: true }).selectOption(entry.kind)
  await page.getByLabel('Amount ($)').fill(entry.amount)
  await page.getByLabel('Date', { exact: true }).fill(entry.date)
  await page.getByLabel('Description').fill(entry.description)
  await page.getByRole('button', { name: 'Add the entry' }).click()
  await page.waitForURL('**/entries?notice=added')
  expect(await page.getByRole('row').filter({ hasText: entry.description }).count()).toBe(1)
}

/** Fills pool row `index` of the rules editor. */
async function fillPool(
  page: Page,
  index: number,
  pool: { name?: string; role?: string; basis?: string; share: string },
) {
  const field = (name: string) => page.locator(`[name="pools.${index}.${name}"]`)
  if (pool.name !== undefined) await field('name').fill(pool.name)
  if (pool.role !== undefined) await field('role').selectOption(pool.role)
  if (pool.basis !== undefined) await field('basis').selectOption(pool.basis)
  await field('share_pct').fill(pool.share)
}

describe('the board closes last year and a member reads their statement', () => {
  it('enters, sets rules, reads, downloads, approves; the member reads and prints', async () => {
    const failures: string[] = []
    const watch = (page: Page) => {
      page.on('pageerror', (e) => failures.push(e.message))
      page.on('response', (r) => r.status() >= 500 && failures.push(`${r.status()} ${r.url()}`))
    }

    // The board's entries: a grant and the hosting bill, dated in the year.
    const board = await signedIn(browser, appUrl, 'board@demo.coop')
    watch(board.page)
    const page = board.page
    await addEntry(page, {
      kind: 'income',
      amount: '1500.00',
      date: `${YEAR}-06-15`,
      description: 'Community arts grant',
    })
    await addEntry(page, {
      kind: 'expense',
      amount: '120.00',
      date: `${YEAR}-03-31`,
      description: 'Hosting for the year',
    })

    // The rules: a fifth of the surplus to reserves, and an equal pool for every member. The
    // island previews as the board types, before anything is submitted.
    await page.goto(`/board/years/${YEAR}/rules`)
    const preview = page.locator('section.rules-preview')
    await page.getByLabel('Reserve (%)').fill('20')
    await fillPool(page, 0, { share: '50' })
    await fillPool(page, 1, { share: '20' })
    await fillPool(page, 2, { share: '10' })
    await fillPool(page, 3, { name: 'Everyone', role: 'member', basis: 'equal', share: '20' })
    await expect
      .poll(() => preview.innerText(), { timeout: 15_000 })
      .toMatch(/Everyone[\s\S]*members?/)
    expect(await preview.innerText()).toContain('$1,380.00') // net: 1,500 − 120
    expect(await preview.innerText()).toContain('$276.00') // the 20 % reserve
    await page.getByRole('button', { name: 'Save the rules' }).click()
    await page.waitForURL(`**/board/years/${YEAR}?notice=saved`)

    // The report: its charts are SVG images with a name and a description, and it fits a phone.
    await expect.poll(() => page.locator('h1').innerText()).toBe(`${LABEL} surplus report`)
    const charts = page.locator('figure.chart svg[role="img"]')
    expect(await charts.count()).toBeGreaterThanOrEqual(3)
    for (const chart of await charts.all()) {
      expect((await chart.locator('title').textContent())?.trim()).toBeTruthy()
      expect((await chart.locator('desc').textContent())?.trim()).toBeTruthy()
    }
    expect(await page.locator('main').innerText()).toContain('Everyone')
    await expectFitsPhone(page)
    await expectAccessible(page)

    // The CSV, downloaded by its link with the board's session: one row per member.
    const csvHref = await page
      .getByRole('link', { name: "Every member's line as CSV" })
      .getAttribute('href')
    const csv = await page.request.get(csvHref ?? '')
    expect(csv.status()).toBe(200)
    const rows = parse(await csv.text(), { bom: true, columns: true }) as Record<string, string>[]
    const json = await page.request.get(`/api/v1/board/years/${YEAR}/report?format=json`)
    const report = (await json.json()) as { members: { member_id: string }[] }
    expect(report.members.length).toBeGreaterThan(1)
    expect(rows.map((row) => row.member_id)).toEqual(report.members.map((m) => m.member_id))
    expect(JSON.stringify(rows)).toContain('Bo Tanaka')

    // Approval stores the year for good.
    await page.getByRole('button', { name: `Approve ${LABEL}` }).click()
    await page.waitForURL(`**/board/years/${YEAR}?notice=approved`)
    expect(await page.locator('main').innerText()).toMatch(/stored for good/)
    await board.context.close()

    // A member finds the year from their account, reads the statement and the notice.
    const member = await signedIn(browser, appUrl, 'buyer@demo.coop')
    watch(member.page)
    const own = member.page
    await own.getByRole('link', { name: 'Patronage', exact: true }).click()
    await own.waitForURL('**/account/patronage')
    expect(await own.locator('main').innerText()).toContain(LABEL)
    await expectFitsPhone(own)
    await expectAccessible(own)
    await own.getByRole('link', { name: `Read your ${LABEL} statement` }).click()
    await own.waitForURL(`**/account/patronage/${YEAR}`)
    const statement = await own.locator('main').innerText()
    expect(statement).toContain(`Patronage statement ${LABEL}`)
    expect(statement).toMatch(/The Everyone pool \(20 %, \$\S+\) was shared equally/)
    expect(statement).toContain('your share was')
    await expectFitsPhone(own)
    await expectAccessible(own)
    await own.getByRole('link', { name: 'Your written notice of allocation' }).click()
    await own.waitForURL(`**/account/patronage/${YEAR}/notice`)
    const notice = await own.locator('main').innerText()
    expect(notice).toContain('Written notice of allocation')
    expect(notice).toContain('Bo Tanaka')
    expect(notice).toContain('Under the co-op’s bylaws')
    await expectFitsPhone(own)
    await expectAccessible(own)
    // On paper the notice stands alone: no site header or footer.
    await own.emulateMedia({ media: 'print' })
    expect(await own.locator('.site-header').isVisible()).toBe(false)
    expect(await own.locator('.notice').isVisible()).toBe(true)
    await member.context.close()

    expect(failures).toEqual([])
  })
})
