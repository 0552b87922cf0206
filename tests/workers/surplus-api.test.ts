import { beforeAll, describe, expect, it } from 'vitest'

import { DEFAULT_RULES } from '../../functions/surplus/rules.ts'
import type { SurplusReport } from '../../functions/surplus/types.ts'
import { type Client, call, grantRole, signUp } from './helpers.ts'
import { readySeller } from './order-fixtures.ts'
import {
  OPEN,
  PAST,
  boardApi,
  boardMember,
  entry,
  member,
  paidSale,
  refund,
  reportOf,
} from './surplus-fixtures.ts'

let board: Client
let seller: Client
let buyer: Client

beforeAll(async () => {
  ;[board, seller, buyer] = await Promise.all([
    boardMember('Api Board'),
    readySeller('Api Potter'),
    member('Api Buyer'),
  ])
}, 60_000)

describe('the open year’s report', () => {
  it('sums sales, a refund and the board’s entries, and allocates as surplus.md says', async () => {
    const sale = await paidSale(seller, buyer, 5000)
    await refund(seller, sale, 1000)
    await entry(board, OPEN, { kind: 'income', amount_cents: 200_000, date: `${OPEN}-03-01` })
    await entry(board, OPEN, { kind: 'expense', amount_cents: 30_000, date: `${OPEN}-04-15` })
    const response = await boardApi(board, `${OPEN}/report`)
    expect(response.headers.get('server-timing')).toMatch(/^d1;desc="rows_read=[1-9]\d*"$/)
    const report = await response.json<SurplusReport>()
    expect(report).toMatchObject({ year: OPEN, status: 'open', currency: 'usd' })
    expect(report.period).toEqual({ start: '2026-01-01', end: '2026-12-31', time_zone: 'UTC' })
    // 10 % of 5000, less round_half_up(500 × 1000 / 5000) returned by the refund.
    expect(report.income.commission).toBe(400)
    expect(report.income.other_income).toBe(200_000)
    expect(report.income.expenses).toBe(30_000)
    expect(report.income.processing_fees).toBeGreaterThan(0)
    const { commission, processing_fees, dispute_losses } = report.income
    const net = commission - processing_fees - dispute_losses + 200_000 - 30_000
    expect(report.income.net_surplus).toBe(net)
    // §5.1: floor(net × 7000 / 10000) to distribute, the rest reserved.
    expect(report.distributable).toBe(Math.floor((net * 7000) / 10000))
    expect(report.reserve).toBe(net - report.distributable)
    const [artists, buyers, staff] = report.pools
    expect(artists).toMatchObject({ name: 'Artists', total_weight: 4000, members: 1 })
    expect(buyers).toMatchObject({ name: 'Buyers', total_weight: 4000, members: 1 })
    // Nobody logged hours: the staff pool goes to reserves.
    expect(staff).toMatchObject({ members: 0 })
    expect(report.unallocated).toBe(staff!.amount)
    const potter = report.members.find((m) => m.member_id === seller.id)!
    expect(potter.weights[0]).toBe(4000)
    expect(potter.allocation).toBe(artists!.amount)
    expect(potter.cash).toBe(Math.ceil((potter.allocation * 2000) / 10000))
    expect(potter.retained).toBe(potter.allocation - potter.cash)
    const shopper = report.members.find((m) => m.member_id === buyer.id)!
    expect(shopper.parts).toEqual([0, buyers!.amount, 0])
    expect(report.members.map((m) => m.member_id)).toEqual(
      report.members.map((m) => m.member_id).sort(),
    )
  })

  it('previews other rules without storing them, and lists the year', async () => {
    const rules = { ...DEFAULT_RULES, reserve_bp: 10000 }
    const response = await boardApi(board, `${OPEN}/preview`, { method: 'POST', json: { rules } })
    expect(response.status).toBe(200)
    const preview = await response.json<{ distributable: number; reserve: number }>()
    expect(preview.distributable).toBe(0)
    const stored = await (await boardApi(board, `${OPEN}/rules`)).json<{ is_default: boolean }>()
    expect(stored.is_default).toBe(true)
    const years = await (
      await call('/api/v1/board/years', { as: board })
    ).json<{
      items: { year: number; status: string; entries: number }[]
    }>()
    expect(years.items[0]).toMatchObject({ year: OPEN, status: 'open', entries: 2 })
  })

  it('counts a worker’s hours in the staff pool', async () => {
    const worker = await member('Api Worker')
    await grantRole(worker, 'worker')
    const put = await boardApi(board, `${OPEN}/hours/${worker.id}`, {
      method: 'PUT',
      json: { hours: 12.5 },
    })
    expect(put.status).toBe(200)
    expect(await put.json()).toMatchObject({ hundredths: 1250, hours: 12.5 })
    const report = await reportOf(board, OPEN)
    const line = report.members.find((m) => m.member_id === worker.id)!
    expect(line.weights[2]).toBe(1250)
    expect(line.parts[2]).toBe(report.pools[2]!.amount)
    const notWorker = await boardApi(board, `${OPEN}/hours/${buyer.id}`, {
      method: 'PUT',
      json: { hours: 1 },
    })
    expect(notWorker.status).toBe(409)
    const unknown = await boardApi(board, `${OPEN}/hours/acct_none`, {
      method: 'PUT',
      json: { hours: 1 },
    })
    expect(unknown.status).toBe(404)
  })
})

describe('bad input', () => {
  const fieldsOf = async (response: Response) => {
    expect(response.status).toBe(400)
    return (await response.json<{ error: { fields: Record<string, string> } }>()).error.fields
  }
  const putRules = (rules: unknown) =>
    boardApi(board, `${OPEN}/rules`, { method: 'PUT', json: rules })
  const pools = DEFAULT_RULES.pools

  it('refuses rules that are not §4’s, naming the field', async () => {
    const short = { ...DEFAULT_RULES, pools: [{ ...pools[0]!, share_bp: 9000 }] }
    expect(await fieldsOf(await putRules(short))).toHaveProperty('pools')
    const basis = { ...DEFAULT_RULES, pools: [{ ...pools[0]!, basis: 'luck' }, ...pools.slice(1)] }
    expect(await fieldsOf(await putRules(basis))).toHaveProperty(['pools.0.basis'])
    const role = { ...DEFAULT_RULES, pools: [{ ...pools[0]!, role: 'king' }, ...pools.slice(1)] }
    expect(await fieldsOf(await putRules(role))).toHaveProperty(['pools.0.role'])
    const sales = { ...DEFAULT_RULES, pools: [{ ...pools[0]!, role: 'member' }, ...pools.slice(1)] }
    expect(await fieldsOf(await putRules(sales))).toHaveProperty(['pools.0.basis'])
    expect(await fieldsOf(await putRules({ ...DEFAULT_RULES, cash_bp: -1 }))).toHaveProperty(
      'cash_bp',
    )
    // Nothing was stored.
    const after = await (await boardApi(board, `${OPEN}/rules`)).json<{ is_default: boolean }>()
    expect(after.is_default).toBe(true)
  })

  it('refuses a negative amount, a date outside the year and hours with three decimals', async () => {
    const post = (json: object) => boardApi(board, `${OPEN}/entries`, { method: 'POST', json })
    const good = { kind: 'income', amount_cents: 100, description: 'Grant', date: `${OPEN}-05-01` }
    expect(await fieldsOf(await post({ ...good, amount_cents: -5 }))).toHaveProperty('amount_cents')
    expect(await fieldsOf(await post({ ...good, date: `${PAST}-12-31` }))).toHaveProperty('date')
    expect(await fieldsOf(await post({ ...good, kind: 'gift' }))).toHaveProperty('kind')
    const hours = await boardApi(board, `${OPEN}/hours/${seller.id}`, {
      method: 'PUT',
      json: { hours: 1.005 },
    })
    expect(await fieldsOf(hours)).toHaveProperty('hours')
    expect(await fieldsOf(await boardApi(board, `1999/report`))).toHaveProperty('year')
  })
})

describe('who may call the board’s routes', () => {
  it('is the board only: members, sellers and admins get 403, visitors 401', async () => {
    const admin = await signUp({ display_name: 'Api Admin' })
    await grantRole(admin, 'admin')
    for (const who of [buyer, seller, admin]) {
      expect((await boardApi(who, `${OPEN}/report`)).status).toBe(403)
      expect((await boardApi(who, `${PAST}/approve`, { method: 'POST' })).status).toBe(403)
    }
    expect((await call(`/api/v1/board/years/${OPEN}/report`)).status).toBe(401)
    expect((await call('/api/v1/me/patronage')).status).toBe(401)
  })
})
