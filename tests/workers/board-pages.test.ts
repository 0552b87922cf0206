/**
 * The board's surplus pages as the board reads them: the years, a year's report with its
 * figures, downloads and approval form, and the refusals (a member gets 403; an open year
 * cannot be approved). The forms (rules, entries, hours) are in board-pages-forms.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest'

import { formatMoney } from '../../web/components/money.ts'
import { type Client, becomeMember, call, csrfIn, form, grantRole, signUp } from './helpers.ts'

let board: Client
let member: Client

type Report = {
  status: string
  income: { net_surplus: number; other_income: number; expenses: number; processing_fees: number }
  reserve: number
  distributable: number
  members: { member_id: string; allocation: number; cash: number; retained: number }[]
  pools: { name: string; amount: number }[]
  approved_at: string | null
}

const usd = (cents: number) => formatMoney(cents, 'usd')

async function page(path: string, as: Client = board) {
  const response = await call(path, { as })
  return { status: response.status, html: await response.text() }
}

async function apiReport(year: number): Promise<Report> {
  const response = await call(`/api/v1/board/years/${year}/report`, { as: board })
  expect(response.status).toBe(200)
  return response.json<Report>()
}

async function addEntry(year: number, kind: string, amount_cents: number, date: string) {
  const json = { kind, amount_cents, description: `${kind} of ${date}`, date }
  const response = await call(`/api/v1/board/years/${year}/entries`, {
    method: 'POST',
    as: board,
    json,
  })
  expect(response.status).toBe(201)
}

/** Every member shares the whole distributable surplus equally: figures a member can check. */
const EQUAL_RULES = {
  reserve_bp: 3000,
  pools: [{ name: 'Everyone', role: 'member', share_bp: 10000, basis: 'equal' }],
  cash_bp: 2000,
  min_cash_cents: 500,
  reportable_cents: 1000,
}

async function approveForm(year: number) {
  const token = csrfIn((await page(`/board/years/${year}`)).html)
  return call(`/board/years/${year}/approve`, { as: board, ...form({ _csrf: token }) })
}

beforeAll(async () => {
  board = await signUp({ display_name: 'Bea Board' })
  await grantRole(board, 'board')
  member = await signUp({ display_name: 'Mo Member' })
  await becomeMember(member)
  await addEntry(2026, 'income', 250_000, '2026-03-01')
  await addEntry(2026, 'expense', 50_000, '2026-04-01')
  await addEntry(2025, 'income', 120_000, '2025-05-01')
  for (const year of [2025, 2026]) {
    const response = await call(`/api/v1/board/years/${year}/rules`, {
      method: 'PUT',
      as: board,
      json: EQUAL_RULES,
    })
    expect(response.status).toBe(200)
  }
})

describe('the board pages', () => {
  it('list the years with their status, net surplus, entries and rules', async () => {
    const { status, html } = await page('/board')
    expect(status).toBe(200)
    expect(html).toContain('href="/board/years/2026"')
    expect(html).toContain('FY2026')
    expect(html).toContain('FY2025')
    expect(html).toContain('Ended: awaiting approval')
    expect(html).toContain('Open')
    // The entries, less the card fee of the member's share: what the report says.
    expect(html).toContain(usd((await apiReport(2026)).income.net_surplus))
    expect(html).toContain('Set by the board')
    expect(html).toContain('href="/board/years/2026/hours"')
  })

  it("show an open year's report as a preview with its figures and no approval form", async () => {
    const report = await apiReport(2026)
    expect(report.income.other_income).toBe(250_000)
    expect(report.income.expenses).toBe(50_000)
    const { status, html } = await page('/board/years/2026')
    expect(status).toBe(200)
    expect(html).toContain('Preview: the year has not ended')
    expect(html).toContain(usd(250_000)) // other income
    expect(html).toContain(usd(-50_000)) // expenses, as they count
    expect(html).toContain(usd(report.income.net_surplus))
    expect(html).toContain(usd(-report.income.processing_fees))
    expect(html).toContain(usd(report.reserve))
    expect(html).toContain(usd(report.distributable))
    expect(report.members.length).toBeGreaterThan(0)
    for (const line of report.members) expect(html).toContain(usd(line.allocation))
    expect(html).toContain('Mo Member')
    expect(html).toContain('/api/v1/board/years/2026/report?format=csv')
    expect(html).toContain('/api/v1/board/years/2026/report?format=1099-patr')
    expect(html).toContain('/api/v1/board/years/2026/report?format=json')
    expect(html).not.toContain('action="/board/years/2026/approve"')
  })

  it('show the rules, entries and hours pages of a year', async () => {
    const rules = await page('/board/years/2026/rules')
    expect(rules.status).toBe(200)
    expect(rules.html).toContain('value="Everyone"')
    expect(rules.html).toContain('name="reserve_pct"')
    const entries = await page('/board/years/2026/entries')
    expect(entries.html).toContain('income of 2026-03-01')
    expect(entries.html).toContain(usd(200_000)) // the net of the year's entries
    const hours = await page('/board/years/2026/hours')
    expect(hours.status).toBe(200)
    expect(hours.html).toContain('FY2026 hours')
  })

  it('show a member a 403 page on every board page and no Board link', async () => {
    for (const path of ['/board', '/board/years/2026', '/board/years/2026/rules']) {
      const { status, html } = await page(path, member)
      expect(status, path).toBe(403)
      expect(html).toContain('Only the co-op’s board')
    }
    expect((await page('/account', member)).html).not.toContain('href="/board"')
    expect((await page('/account', board)).html).toContain('href="/board"')
  })

  it('refuse to approve an open year, saying when it can be', async () => {
    const response = await approveForm(2026)
    expect(response.status).toBe(409)
    expect(await response.text()).toContain('FY2026 has not ended')
    expect((await apiReport(2026)).approved_at).toBeNull()
  })

  it('approve an ended year from its report page, which then says who approved it', async () => {
    const before = await page('/board/years/2025')
    expect(before.html).toContain('action="/board/years/2025/approve"')
    expect(before.html).toContain('Approving stores this report for good and books')
    const response = await approveForm(2025)
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/board/years/2025?notice=approved')
    const report = await apiReport(2025)
    expect(report.status).toBe('approved')
    const after = await page('/board/years/2025?notice=approved')
    expect(after.html).toContain('Approved by Bea Board on')
    expect(after.html).not.toContain('action="/board/years/2025/approve"')
    expect(after.html).toContain(usd(report.distributable))
    const again = await call('/board/years/2025/approve', {
      as: board,
      ...form({ _csrf: csrfIn(before.html) }),
    })
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('FY2025 is already approved')
  })
})
