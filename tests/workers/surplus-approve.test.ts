/**
 * Approving a past year. FY2025's sales and memberships are rows written straight into D1
 * (surplus-weights-rows.ts): the Worker and the emulator pay orders and open memberships only
 * today, so a year in the past cannot be made through the API. Its board entries go through it.
 */
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'

import type { MemberPatronage, SurplusReport } from '../../functions/surplus/types.ts'
import { type Client, call, grantRole, signUp } from './helpers.ts'
import {
  OPEN,
  PAST,
  balance,
  boardApi,
  boardMember,
  entry,
  member,
  reportOf,
} from './surplus-fixtures.ts'
import { account, period, refund, sale } from './surplus-weights-rows.ts'

let board: Client
let buyer: Client
let other: Client
let seller: string
let pastSale: Awaited<ReturnType<typeof sale>>

beforeAll(async () => {
  board = await boardMember('Approve Board')
  // Members since mid-2024 (by their periods): a seller and a buyer who can sign in.
  seller = await account('Past Potter', true)
  buyer = await signUp({ display_name: 'Past Buyer' })
  other = await member('Other Member')
  await period(seller, '2024-06-01T00:00:00.000Z')
  await period(buyer.id, '2024-06-01T00:00:00.000Z')
  pastSale = await sale(seller, buyer.id, 10_000, '2025-05-01T12:00:00.000Z')
  await sale(seller, buyer.id, 30_000, '2026-06-01T12:00:00.000Z')
  await entry(board, PAST, { kind: 'income', amount_cents: 50_000, date: '2025-03-10' })
  await entry(board, PAST, { kind: 'expense', amount_cents: 10_000, date: '2025-08-20' })
}, 60_000)

const approve = (year: number) => boardApi(board, `${year}/approve`, { method: 'POST' })
let approved: string

describe('approving a year', () => {
  it('refuses the open year', async () => {
    const response = await approve(OPEN)
    expect(response.status).toBe(409)
    expect((await response.json<{ error: { code: string } }>()).error.code).toBe('year_not_ended')
  })

  it('stores the report, figures as §5 computes them by hand', async () => {
    const response = await approve(PAST)
    expect(response.status).toBe(200)
    approved = await response.text()
    const report = JSON.parse(approved) as SurplusReport
    expect(report).toMatchObject({ status: 'approved', approved_by: board.id })
    // 50,000 − 10,000 = 40,000: 30 % reserved, 28,000 split 70/25/5.
    expect(report.income.net_surplus).toBe(40_000)
    expect([report.reserve, report.distributable, report.unallocated]).toEqual([
      12_000, 28_000, 1400,
    ])
    expect(report.pools.map((p) => p.amount)).toEqual([19_600, 7000, 1400])
    const lines = Object.fromEntries(report.members.map((m) => [m.member_id, m]))
    expect(lines[seller]).toMatchObject({ allocation: 19_600, cash: 3920, retained: 15_680 })
    expect(lines[buyer.id]).toMatchObject({ allocation: 7000, cash: 1400, retained: 5600 })
    expect(report.members).toHaveLength(2)
  })

  it('books the reserve and the allocation in the ledger, balanced', async () => {
    expect(await balance('reserves')).toBe(-(12_000 + 1400))
    expect(await balance(`patronage_payable:${seller}`)).toBe(-3920)
    expect(await balance(`retained_patronage:${seller}`)).toBe(-15_680)
    expect(await balance(`patronage_payable:${buyer.id}`)).toBe(-1400)
    expect(await balance(`retained_patronage:${buyer.id}`)).toBe(-5600)
    expect(await balance('undistributed_surplus')).toBe(40_000)
    const { results } = await env.DB.prepare(
      `SELECT t.reference, c.imbalance_cents FROM ledger_transactions t
       JOIN ledger_balance_checks c ON c.transaction_id = t.id
       WHERE t.kind IN ('reserve', 'patronage_allocation') ORDER BY t.reference`,
    ).all()
    expect(results).toEqual([
      { reference: `allocation:${PAST}`, imbalance_cents: 0 },
      { reference: `reserve:${PAST}`, imbalance_cents: 0 },
    ])
  })

  it('refuses a second approval and any change to the year’s inputs', async () => {
    const again = await approve(PAST)
    expect(again.status).toBe(409)
    expect((await again.json<{ error: { code: string } }>()).error.code).toBe('already_approved')
    const worker = await member('Past Worker')
    await grantRole(worker, 'worker')
    const writes = [
      boardApi(board, `${PAST}/rules`, {
        method: 'PUT',
        json: (JSON.parse(approved) as SurplusReport).rules,
      }),
      boardApi(board, `${PAST}/entries`, {
        method: 'POST',
        json: { kind: 'income', amount_cents: 5, description: 'Late', date: '2025-12-31' },
      }),
      boardApi(board, `${PAST}/hours/${worker.id}`, { method: 'PUT', json: { hours: 3 } }),
    ]
    for (const response of await Promise.all(writes)) {
      expect(response.status).toBe(409)
      expect((await response.json<{ error: { code: string } }>()).error.code).toBe('year_approved')
    }
    // The database refuses too, whoever writes.
    await expect(
      env.DB.prepare('UPDATE surplus_statements SET cash = 0 WHERE year = ?').bind(PAST).run(),
    ).rejects.toThrow(/never changes/)
    await expect(
      env.DB.prepare('DELETE FROM surplus_approvals WHERE year = ?').bind(PAST).run(),
    ).rejects.toThrow(/never changes/)
  })

  it('never changes: a late refund of its sale counts in the open year instead', async () => {
    const before = await reportOf(board, OPEN)
    const weightBefore = before.members.find((m) => m.member_id === seller)!.weights[0]
    expect(weightBefore).toBe(30_000)
    await refund(pastSale, 4000, new Date().toISOString())
    expect(JSON.stringify(await reportOf(board, PAST))).toBe(approved)
    const after = await reportOf(board, OPEN)
    expect(after.members.find((m) => m.member_id === seller)!.weights[0]).toBe(26_000)
    const years = await (
      await call('/api/v1/board/years', { as: board })
    ).json<{
      items: { year: number; status: string }[]
    }>()
    expect(years.items.slice(0, 2)).toMatchObject([
      { year: OPEN, status: 'open' },
      { year: PAST, status: 'approved' },
    ])
  })
})

describe('a loss year', () => {
  it('charges the loss to reserves, allocates nothing, and one of two approvals wins', async () => {
    await entry(board, 2024, { kind: 'expense', amount_cents: 2500, date: '2024-11-30' })
    const reservesBefore = await balance('reserves')
    const answers = await Promise.all([approve(2024), approve(2024)])
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409])
    const report = await reportOf(board, 2024)
    expect(report).toMatchObject({ reserve: -2500, distributable: 0, status: 'approved' })
    expect(report.members.every((m) => m.allocation === 0)).toBe(true)
    expect(await balance('reserves')).toBe(reservesBefore + 2500)
    const { results } = await env.DB.prepare(
      `SELECT count(*) AS n FROM ledger_transactions WHERE reference IN (?, ?)`,
    )
      .bind('allocation:2024', 'reserve:2024')
      .all<{ n: number }>()
    expect(results[0]!.n).toBe(1)
  })
})

describe('a member’s patronage', () => {
  const patronageOf = async (who: Client) => {
    const response = await call('/api/v1/me/patronage', { as: who })
    expect(response.status).toBe(200)
    return { text: await response.clone().text(), body: await response.json<MemberPatronage>() }
  }

  it('shows their own line of the approved year and this year’s estimate, nobody else’s', async () => {
    const mine = await patronageOf(buyer)
    expect(mine.body.years[0]).toMatchObject({ year: PAST, status: 'approved' })
    expect(mine.body.years[0]!.member).toMatchObject({ member_id: buyer.id, allocation: 7000 })
    expect(mine.body.current).toMatchObject({ year: OPEN, status: 'open' })
    expect(mine.body.current.member?.weights[1]).toBe(26_000)
    expect(mine.text).not.toContain(seller)
    const theirs = await patronageOf(other)
    expect(theirs.body.years[0]!.member).toBeNull()
    expect(theirs.text).not.toContain(buyer.id)
    const year = await call(`/api/v1/me/patronage/${PAST}`, { as: buyer })
    expect((await year.json<{ member: { cash: number } }>()).member.cash).toBe(1400)
    expect((await call(`/api/v1/me/patronage/2023`, { as: buyer })).status).toBe(404)
  })
})
