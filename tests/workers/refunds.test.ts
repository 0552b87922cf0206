import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import { database } from '../../functions/lib/db.ts'
import { balanceOf } from '../../functions/ledger/repository.ts'
import { sellerTransferId } from '../../functions/refunds/repository.ts'
import { type Client, call, signUp } from './helpers.ts'
import {
  getOrder,
  jobsOf,
  openOrder,
  payOrder,
  publishedListing,
  marketCast,
  runJob,
} from './order-fixtures.ts'

const db = database(env.DB)
const STRIPE = { authorization: 'Bearer sk_test_fairstall' }
let potter: Client
let weaver: Client
let buyer: Client
let admin: Client

beforeAll(async () => {
  ;({ potter, weaver, buyer, admin } = await marketCast('Refunds'))
}, 60_000)

afterEach(async () => {
  vi.restoreAllMocks()
  await fetch(`${env.STRIPE_EMULATOR_URL}/_emulator/reset-faults`, { method: 'POST' })
})

interface Line {
  id: string
  seller_id: string
  subtotal_cents: number
  refunded_cents: number
}

/** Pays `orderId`'s transfer jobs, as the queue would. */
async function runTransfers(orderId: string) {
  for (const job of await jobsOf(orderId)) {
    if (job.kind === 'seller_transfer') await runJob(job.id)
  }
}

/**
 * A paid two-seller order whose sellers have been paid: the potter's line 2 × 2500 (+ 400
 * shipping, commission 500), the weaver's 9900 (commission 990).
 */
async function paidOrder({ transferred = true } = {}) {
  const bowl = await publishedListing(potter, {
    price_cents: 2500,
    quantity: 5,
    shipping_cents: 400,
  })
  const rug = await publishedListing(weaver, { price_cents: 9900, quantity: 2 })
  const { order_id, checkout_url } = await openOrder(buyer, [
    { listing_id: bowl, quantity: 2 },
    { listing_id: rug, quantity: 1 },
  ])
  await payOrder(checkout_url)
  if (transferred) await runTransfers(order_id)
  const items = (await orderOf(order_id)).items
  const lineOf = (seller: Client) => items.find((item) => item.seller_id === seller.id)!
  return { orderId: order_id, bowlLine: lineOf(potter).id, rugLine: lineOf(weaver).id }
}

/** POST /api/v1/orders/:id/refunds as `as`. */
const askRefund = (as: Client, orderId: string, itemId: string, amount: number) =>
  call(`/api/v1/orders/${orderId}/refunds`, {
    method: 'POST',
    as,
    json: { order_item_id: itemId, amount_cents: amount, reason: 'Arrived chipped' },
  })

interface RefundBody {
  id: string
  status: string
  amount_cents: number
  commission_returned_cents: number
}

/** A refund that must be accepted, and its job run to the end. */
async function refundInFull(as: Client, orderId: string, itemId: string, amount: number) {
  const response = await askRefund(as, orderId, itemId, amount)
  expect(response.status).toBe(201)
  const refund = await response.json<RefundBody>()
  expect(refund.status).toBe('pending')
  expect((await runJob(await refundJobOf(refund.id))).explicitAcks).toHaveLength(1)
  return refund
}

async function refundJobOf(refundId: string) {
  const row = await env.DB.prepare(`SELECT id FROM jobs WHERE dedupe_key = ?`)
    .bind(`refund:${refundId}`)
    .first<{ id: string }>()
  return row!.id
}

async function refundRow(id: string) {
  return env.DB.prepare(`SELECT * FROM refunds WHERE id = ?`)
    .bind(id)
    .first<{ status: string; stripe_refund_id: string | null; stripe_reversal_id: string | null }>()
}

const stripeGet = async <T>(path: string) =>
  (await fetch(`${env.STRIPE_EMULATOR_URL}${path}`, { headers: STRIPE })).json<T>()

/** The amounts Stripe refunded on the order's payment. */
async function refundsAtStripe(orderId: string) {
  const order = await db
    .selectFrom('orders')
    .select('stripe_payment_intent_id')
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow()
  const list = await stripeGet<{ data: { amount: number }[] }>(
    `/v1/refunds?payment_intent=${order.stripe_payment_intent_id}`,
  )
  return list.data.map((r) => r.amount).sort((a, b) => a - b)
}

/** The seller's transfer for the order at Stripe: its amount and its reversals' amounts. */
async function transferAtStripe(orderId: string, seller: Client) {
  const id = await sellerTransferId(db, orderId, seller.id)
  const transfer = await stripeGet<{ amount: number; amount_reversed: number }>(
    `/v1/transfers/${id}`,
  )
  const reversals = await stripeGet<{ data: { amount: number }[] }>(`/v1/transfers/${id}/reversals`)
  return { ...transfer, reversals: reversals.data.map((r) => r.amount).sort((a, b) => a - b) }
}

async function imbalance() {
  const row = await env.DB.prepare(
    'SELECT coalesce(sum(debit_cents), 0) - coalesce(sum(credit_cents), 0) AS d FROM ledger_entries',
  ).first<{ d: number }>()
  return row?.d
}

/** How many bookings of each kind the order's refunds have. */
async function refundBookings(orderId: string) {
  const rows = await env.DB.prepare(
    `SELECT t.kind, count(*) AS n FROM ledger_transactions t JOIN refunds r ON r.id = t.source_id
     WHERE t.source_type = 'refund' AND r.order_id = ? GROUP BY t.kind`,
  )
    .bind(orderId)
    .all<{ kind: string; n: number }>()
  return Object.fromEntries(rows.results.map((r) => [r.kind, r.n]))
}

/** The order as its buyer reads it. */
async function orderOf(orderId: string) {
  const response = await call(`/api/v1/orders/${orderId}`, { as: buyer })
  return response.json<{ status: string; items: Line[] }>()
}

const lineOf = async (orderId: string, itemId: string) =>
  (await orderOf(orderId)).items.find((item) => item.id === itemId)!

describe('refunding an order line', () => {
  it('refunds a whole line: the buyer is paid back, the transfer reversed less commission', async () => {
    const { orderId, bowlLine, rugLine } = await paidOrder()
    const refund = await refundInFull(potter, orderId, bowlLine, 5000)
    expect(refund.commission_returned_cents).toBe(500)
    expect(await refundRow(refund.id)).toMatchObject({ status: 'succeeded' })
    expect(await refundsAtStripe(orderId)).toEqual([5000])
    const transfer = await transferAtStripe(orderId, potter)
    expect(transfer).toMatchObject({ amount: 5000 + 400 - 500, reversals: [4500] })
    // The potter keeps the shipping; the co-op gives its commission back; nothing is owed.
    expect(transfer.amount - transfer.amount_reversed).toBe(400)
    expect(await balanceOf(db, `seller_payable:${potter.id}`)).toBe(0)
    expect(await refundBookings(orderId)).toEqual({
      refund: 1,
      commission_returned: 1,
      transfer_reversal: 1,
    })
    expect(await imbalance()).toBe(0)
    let order = (await getOrder(buyer, orderId)).body
    expect(order.status).toBe('partially_refunded')
    expect((await lineOf(orderId, bowlLine)).refunded_cents).toBe(5000)

    // The other line too (by an admin): the order is refunded.
    await refundInFull(admin, orderId, rugLine, 9900)
    order = (await getOrder(buyer, orderId)).body
    expect(order.status).toBe('refunded')
    expect(await refundsAtStripe(orderId)).toEqual([5000, 9900])
    expect((await transferAtStripe(orderId, weaver)).reversals).toEqual([9900 - 990])
    expect(await balanceOf(db, `seller_payable:${weaver.id}`)).toBe(0)
    expect(await imbalance()).toBe(0)
  })

  it('refunds part of a line twice, returning commission in proportion, then refuses more', async () => {
    const { orderId, bowlLine } = await paidOrder()
    const first = await refundInFull(potter, orderId, bowlLine, 1234)
    // round_half_up(500 × 1234 / 5000) = 123
    expect(first.commission_returned_cents).toBe(123)
    const second = await refundInFull(potter, orderId, bowlLine, 3766)
    // The line is refunded in full: its commission is returned in full, 500 in all.
    expect(second.commission_returned_cents).toBe(377)
    expect(await refundsAtStripe(orderId)).toEqual([1234, 3766])
    expect((await transferAtStripe(orderId, potter)).reversals).toEqual([1111, 3389])
    expect(await balanceOf(db, `seller_payable:${potter.id}`)).toBe(0)
    expect((await getOrder(buyer, orderId)).body.status).toBe('partially_refunded')

    const more = await askRefund(potter, orderId, bowlLine, 1)
    expect(more.status).toBe(409)
    expect((await more.json<{ error: { code: string } }>()).error.code).toBe('refund_too_large')
  })

  it('refuses more than the line subtotal with 409 and writes nothing', async () => {
    const { orderId, bowlLine } = await paidOrder()
    const response = await askRefund(potter, orderId, bowlLine, 5001)
    expect(response.status).toBe(409)
    expect((await lineOf(orderId, bowlLine)).refunded_cents).toBe(0)
    const rows = await env.DB.prepare(`SELECT count(*) AS n FROM refunds WHERE order_id = ?`)
      .bind(orderId)
      .first<{ n: number }>()
    expect(rows?.n).toBe(0)
    expect((await jobsOf(orderId)).filter((job) => job.kind === 'order_refund')).toEqual([])
  })

  it("lets only the line's seller or an admin refund it", async () => {
    const { orderId, bowlLine } = await paidOrder()
    // The weaver sells another line of the order; the buyer bought it: both see it, neither may.
    expect((await askRefund(weaver, orderId, bowlLine, 100)).status).toBe(403)
    expect((await askRefund(buyer, orderId, bowlLine, 100)).status).toBe(403)
    // Someone with no part in it, or an unknown order: not found.
    expect((await askRefund(await signUp(), orderId, bowlLine, 100)).status).toBe(404)
    expect((await askRefund(potter, 'ord_none', bowlLine, 100)).status).toBe(404)
    expect((await askRefund(potter, orderId, 'oi_none', 100)).status).toBe(404)
    expect((await lineOf(orderId, bowlLine)).refunded_cents).toBe(0)
    const refund = await refundInFull(admin, orderId, bowlLine, 100)
    expect(await refundRow(refund.id)).toMatchObject({ status: 'succeeded' })
  })

  it('lets one of two refunds racing for the last cents through, and the other gets 409', async () => {
    const { orderId, bowlLine } = await paidOrder()
    const answers = await Promise.all([
      askRefund(potter, orderId, bowlLine, 3000),
      askRefund(admin, orderId, bowlLine, 3000),
    ])
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409])
    expect((await lineOf(orderId, bowlLine)).refunded_cents).toBe(3000)
  })

  it('waits for the seller to be paid before refunding', async () => {
    const { orderId, bowlLine } = await paidOrder({ transferred: false })
    const response = await askRefund(potter, orderId, bowlLine, 2000)
    const refund = await response.json<RefundBody>()
    const job = await refundJobOf(refund.id)
    expect((await runJob(job)).retryMessages).toHaveLength(1)
    expect(await refundsAtStripe(orderId)).toEqual([])
    await runTransfers(orderId)
    expect((await runJob(job)).explicitAcks).toHaveLength(1)
    expect(await refundsAtStripe(orderId)).toEqual([2000])
    expect((await transferAtStripe(orderId, potter)).reversals).toEqual([1800])
    expect(await balanceOf(db, `seller_payable:${potter.id}`)).toBe(0)
  })

  it('gets past a failure Stripe keeps under the refund’s key, and makes one refund', async () => {
    const { orderId, bowlLine } = await paidOrder()
    const refund = await (await askRefund(potter, orderId, bowlLine, 1500)).json<RefundBody>()
    const job = await refundJobOf(refund.id)
    // A 500 from inside Stripe is saved under the key and replayed to a retry with that key.
    await fetch(`${env.STRIPE_EMULATOR_URL}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ fail_api_requests: 1 }),
    })
    expect((await runJob(job)).retryMessages).toHaveLength(1)
    expect(await refundsAtStripe(orderId)).toEqual([])
    expect((await runJob(job)).explicitAcks).toHaveLength(1)
    expect((await runJob(job)).explicitAcks).toHaveLength(1)
    expect(await refundsAtStripe(orderId)).toEqual([1500])
    expect((await transferAtStripe(orderId, potter)).reversals).toEqual([1350])
    expect(await refundRow(refund.id)).toMatchObject({ status: 'succeeded' })
  })

  it('makes exactly one refund and one reversal when Stripe fails mid-way and the job is retried', async () => {
    const { orderId, bowlLine } = await paidOrder()
    const refund = await (await askRefund(potter, orderId, bowlLine, 2500)).json<RefundBody>()
    const job = await refundJobOf(refund.id)
    // Stripe fails as the job asks for the reversal: the refund is made, the reversal is not
    // (three failures: stripe-node's own two retries fail too).
    const realFetch = globalThis.fetch
    let failed = false
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = input instanceof Request ? input.url : String(input)
      if (!failed && url.includes('/reversals')) {
        failed = true
        await realFetch(`${env.STRIPE_EMULATOR_URL}/_emulator/faults`, {
          method: 'POST',
          body: JSON.stringify({ fail_api_requests_transient: 3 }),
        })
      }
      return realFetch(input, init)
    })
    const firstRun = await runJob(job)
    expect(failed).toBe(true)
    expect(firstRun.retryMessages).toHaveLength(1)
    expect(await refundsAtStripe(orderId)).toEqual([2500])
    expect((await transferAtStripe(orderId, potter)).reversals).toEqual([])
    // What happened is booked; what did not is not.
    expect(await refundBookings(orderId)).toEqual({ refund: 1, commission_returned: 1 })
    expect(await refundRow(refund.id)).toMatchObject({ status: 'pending' })
    expect(await imbalance()).toBe(0)

    expect((await runJob(job)).explicitAcks).toHaveLength(1)
    expect((await runJob(job)).explicitAcks).toHaveLength(1)
    expect(await refundsAtStripe(orderId)).toEqual([2500])
    expect((await transferAtStripe(orderId, potter)).reversals).toEqual([2250])
    expect(await refundBookings(orderId)).toEqual({
      refund: 1,
      commission_returned: 1,
      transfer_reversal: 1,
    })
    expect(await refundRow(refund.id)).toMatchObject({ status: 'succeeded' })
    expect(await balanceOf(db, `seller_payable:${potter.id}`)).toBe(0)
  })

  it('makes no refund when Stripe fails before it, and one on the retry', async () => {
    const { orderId, bowlLine } = await paidOrder()
    const refund = await (await askRefund(potter, orderId, bowlLine, 700)).json<RefundBody>()
    const job = await refundJobOf(refund.id)
    await fetch(`${env.STRIPE_EMULATOR_URL}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ fail_api_requests_transient: 3 }),
    })
    expect((await runJob(job)).retryMessages).toHaveLength(1)
    expect(await refundsAtStripe(orderId)).toEqual([])
    expect(await refundBookings(orderId)).toEqual({})
    expect((await runJob(job)).explicitAcks).toHaveLength(1)
    expect(await refundsAtStripe(orderId)).toEqual([700])
    expect((await transferAtStripe(orderId, potter)).reversals).toEqual([630])
  })
})

describe('any sequence of partial refunds', () => {
  it('never refunds more than the line, and moves every cent to someone', async () => {
    // One listing for every run: 333 a piece, so 1–3 pieces are lines of 333, 666 or 999 cents.
    const cup = await publishedListing(potter, { price_cents: 333, quantity: 100 })
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.record({ amount: fc.integer({ min: 1, max: 700 }), byAdmin: fc.boolean() }), {
          minLength: 1,
          maxLength: 4,
        }),
        async (quantity, steps) => {
          const { order_id, checkout_url } = await openOrder(buyer, [{ listing_id: cup, quantity }])
          await payOrder(checkout_url)
          await runTransfers(order_id)
          const [line] = (await orderOf(order_id)).items
          const subtotal = line!.subtotal_cents
          const commission = Math.floor((subtotal * 1000 + 5000) / 10000)
          let refunded = 0
          let returned = 0
          for (const { amount, byAdmin } of steps) {
            const response = await askRefund(byAdmin ? admin : potter, order_id, line!.id, amount)
            if (refunded + amount > subtotal) {
              expect(response.status).toBe(409)
              continue
            }
            expect(response.status).toBe(201)
            const refund = await response.json<RefundBody>()
            await runJob(await refundJobOf(refund.id))
            refunded += amount
            returned += refund.commission_returned_cents
          }
          expect((await lineOf(order_id, line!.id)).refunded_cents).toBe(refunded)
          const atStripe = await refundsAtStripe(order_id)
          expect(atStripe.reduce((a, b) => a + b, 0)).toBe(refunded)
          // A line refunded in full gives all its commission back, never more.
          if (refunded === subtotal) expect(returned).toBe(commission)
          expect(returned).toBeLessThanOrEqual(commission)
          // The buyer's payment is split, to the cent, between what they got back, what the
          // seller keeps at Stripe and the commission the co-op keeps.
          const transfer = await transferAtStripe(order_id, potter)
          const sellerKeeps = transfer.amount - transfer.amount_reversed
          expect(refunded + sellerKeeps + (commission - returned)).toBe(subtotal)
          expect(await balanceOf(db, `seller_payable:${potter.id}`)).toBe(0)
          expect(await imbalance()).toBe(0)
          const status = (await getOrder(buyer, order_id)).body.status
          expect(status).toBe(
            refunded === 0 ? 'paid' : refunded === subtotal ? 'refunded' : 'partially_refunded',
          )
        },
      ),
      { numRuns: 8, seed: 8 },
    )
  }, 120_000)
})
