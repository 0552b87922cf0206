/**
 * The member's patronage pages: the approved year's statement with its plain-words formula,
 * the written notice of allocation, this year's estimate, and who sees what. FY2025 (past, as
 * today is in 2026) is arranged with backdated rows (surplus-weights-rows.ts), a board income
 * entry through the API, and the board's approval through the API.
 */
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'

import { formatMoney } from '../../web/components/money.ts'
import { type Client, becomeMember, call, grantRole, signUp } from './helpers.ts'
import { account, period, sale } from './surplus-weights-rows.ts'

const PAST = 2025
const CURRENT = new Date().getUTCFullYear()

let artist: Client
let buyer: Client
let newcomer: Client

/** A signed-up account made an approved seller, as the admins' decision would. */
async function approvedSeller(client: Client) {
  await env.DB.prepare(`UPDATE accounts SET seller_status = 'approved' WHERE id = ?`)
    .bind(client.id)
    .run()
}

async function boardEntry(board: Client, year: number, amount_cents: number, date: string) {
  const response = await call(`/api/v1/board/years/${year}/entries`, {
    method: 'POST',
    as: board,
    json: { kind: 'income', amount_cents, description: 'Community arts grant', date },
  })
  expect(response.status).toBe(201)
}

async function page(path: string, as?: Client) {
  const response = await call(path, as ? { as } : {})
  return { status: response.status, text: await response.text(), response }
}

beforeAll(async () => {
  // One real share purchase, so the ledger holds a transaction the backdated periods can cite.
  await becomeMember(await signUp({ display_name: 'First Member' }))
  artist = await signUp({ display_name: 'Ada Artist' })
  buyer = await signUp({ display_name: 'Bo Buyer' })
  newcomer = await signUp({ display_name: 'Nia Newcomer' })
  await approvedSeller(artist)
  const potter = await account('Pia Potter', true)
  for (const member of [artist.id, buyer.id, potter]) {
    await period(member, '2024-01-01T00:00:00.000Z')
  }
  // FY2025: sales of $400 (Ada) and $600 (Pia), all bought by Bo.
  await sale(artist.id, buyer.id, 40_000, '2025-05-01T12:00:00.000Z')
  await sale(potter, buyer.id, 60_000, '2025-09-01T12:00:00.000Z')
  // This year so far: one sale of Ada's.
  await sale(artist.id, buyer.id, 10_000, `${CURRENT}-02-01T12:00:00.000Z`)

  const board = await signUp({ display_name: 'Bea Board' })
  await grantRole(board, 'board')
  // The rows carry no commission: the net surplus is the board's income, $1,000 and $500.
  await boardEntry(board, PAST, 100_000, `${PAST}-06-15`)
  await boardEntry(board, CURRENT, 50_000, `${CURRENT}-03-01`)
  const approved = await call(`/api/v1/board/years/${PAST}/approve`, { method: 'POST', as: board })
  expect(approved.status).toBe(200)
})

// Default rules: 30 % reserve, Artists 70 % by sales, Buyers 25 % by purchases, Staff 5 %.
// FY2025: $1,000 → $300 reserve, $700 to share; Artists $490, Buyers $175, Staff $35 unallocated.
// Ada: 400/1000 of $490 = $196.00; cash ceil(20 %) = $39.20; retained $156.80.
describe('a member with sales in an approved year', () => {
  it('sees the year on the patronage page with allocation, cash and retained', async () => {
    const { status, text } = await page('/account/patronage', artist)
    expect(status).toBe(200)
    expect(text).toContain(`FY${PAST}`)
    for (const figure of ['$196.00', '$39.20', '$156.80']) expect(text).toContain(figure)
    expect(text).toContain(`href="/account/patronage/${PAST}/notice"`)
  })

  it('reads the statement: their weight and part of each pool, and the formula in words', async () => {
    const { status, text } = await page(`/account/patronage/${PAST}`, artist)
    expect(status).toBe(200)
    expect(text).toContain(`Patronage statement FY${PAST}`)
    expect(text).toContain('Approved')
    expect(text).toContain('The Artists pool (70 %, $490.00) was shared by sales')
    expect(text).toContain(
      'your sales of $400.00 out of $1,000.00 gave you <strong>$196.00</strong>',
    )
    // Ada bought nothing: the Buyers pool says so rather than showing a part of $0.
    expect(text).toContain('The Buyers pool (25 %, $175.00)')
    expect(text).toContain('You had no purchases counted in it')
    expect(text).toContain('The Staff pool (5 %, $35.00) had no one to share it')
    expect(text).toMatch(/20 % of it, rounded up to the cent, is paid to you in cash:.*\$39\.20/)
    expect(text).toContain('$156.80')
    expect(text).toContain('credited to your capital account')
    expect(text).toContain(`The co-op’s net surplus for FY${PAST} was <strong>$1,000.00</strong>.`)
    expect(text).toContain('30 % ($300.00) went to reserves')
    expect(text).toContain('<strong>$700.00</strong>')
  })

  it('shows another member only their own figures', async () => {
    const { status, text } = await page(`/account/patronage/${PAST}`, buyer)
    expect(status).toBe(200)
    // Bo bought all $1,000 of the year's sales: the whole Buyers pool, $175.00.
    expect(text).toContain('your purchases of $1,000.00 out of $1,000.00 gave you')
    expect(text).toContain('$175.00')
    expect(text).not.toContain('Ada Artist')
    expect(text).not.toContain('$196.00')
    expect(text).not.toContain('$156.80')
    const notice = await page(`/account/patronage/${PAST}/notice`, buyer)
    expect(notice.text).toContain('Bo Buyer')
    expect(notice.text).not.toContain('Ada Artist')
  })

  it('prints the written notice of allocation of the approved year', async () => {
    const { status, text } = await page(`/account/patronage/${PAST}/notice`, artist)
    expect(status).toBe(200)
    expect(text).toContain('Written notice of allocation')
    expect(text).toContain('Fairstall')
    expect(text).toContain('Ada Artist')
    expect(text).toContain(`FY${PAST}`)
    expect(text).toMatch(/Total patronage dividend<\/dt><dd>\$196\.00/)
    expect(text).toMatch(/Paid in cash<\/dt><dd>\$39\.20/)
    expect(text).toMatch(/Retained \(qualified written notice\)<\/dt><dd>\$156\.80/)
    expect(text).toContain('qualified written notice of allocation, credited to your capital')
    expect(text).toContain('Under the co-op’s bylaws')
    // The day the board approved it: the approval was made today, in this file.
    const today = new Date().toISOString().slice(0, 10)
    expect(text).toContain(`datetime="${today}"`)
  })
})

describe('this year so far', () => {
  it('shows an estimate under the current rules, said to be one', async () => {
    const { text } = await page('/account/patronage', artist)
    // $500 of income, less the processing fee of the first member's share: Ada is this year's
    // only seller, so the Artists pool (70 % of 70 %) is all hers; the API says the same figure.
    const api = await call('/api/v1/me/patronage', { as: artist })
    const own = await api.json<{ current: { member: { allocation: number } | null } }>()
    const estimate = own.current.member?.allocation ?? 0
    expect(estimate).toBeGreaterThan(24_400)
    expect(estimate).toBeLessThanOrEqual(24_500)
    const shown = formatMoney(estimate, 'usd')
    expect(text).toContain(`This year so far: FY${CURRENT}`)
    expect(text).toContain('This is an estimate, not a promise.')
    expect(text).toContain('Estimated allocation')
    expect(text).toContain(`Estimated allocation</dt><dd>${shown}</dd>`)
    const statement = await page(`/account/patronage/${CURRENT}`, artist)
    expect(statement.status).toBe(200)
    expect(statement.text).toContain('has not been approved yet')
    expect(statement.text).toContain('Estimate')
  })

  it('explains how patronage works to a member with none yet', async () => {
    const { status, text } = await page('/account/patronage', newcomer)
    expect(status).toBe(200)
    expect(text).toContain('How patronage works')
    expect(text).toContain('You have no patronage yet')
    expect(text).not.toContain(`FY${PAST}`)
  })
})

describe('what is not there', () => {
  it('has no statement or notice for a year that is not approved', async () => {
    for (const path of [
      `/account/patronage/2024`,
      `/account/patronage/2024/notice`,
      `/account/patronage/${CURRENT}/notice`,
      `/account/patronage/1999`,
      `/account/patronage/next`,
    ]) {
      expect((await page(path, artist)).status, path).toBe(404)
    }
  })

  it('sends a visitor to sign in and back', async () => {
    for (const path of ['/account/patronage', `/account/patronage/${PAST}/notice`]) {
      const { status, response } = await page(path)
      expect(status).toBe(303)
      expect(response.headers.get('location')).toBe(`/signin?next=${encodeURIComponent(path)}`)
    }
  })

  it('links the patronage pages from the account page', async () => {
    const { text } = await page('/account', artist)
    expect(text).toContain('href="/account/patronage"')
  })
})
