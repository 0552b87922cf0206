import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'

import { database } from '../../functions/lib/db.ts'
import { balanceOf } from '../../functions/ledger/repository.ts'
import { type Client, call, deliver, sessionIdOf, signUp } from './helpers.ts'
import {
  expireSession,
  getOrder,
  jobsOf,
  openOrder,
  payOnly,
  payOrder,
  publishedListing,
  readySeller,
  runJob,
  sameSessionAs,
  stockOf,
} from './order-fixtures.ts'

const db = database(env.DB)
let potter: Client
let weaver: Client
let buyer: Client

beforeAll(async () => {
  ;[potter, weaver, buyer] = await Promise.all([
    readySeller('Potter'),
    readySeller('Weaver'),
    signUp({ display_name: 'Buyer' }),
  ])
}, 60_000)

/** The ledger's transactions about an order, by kind. */
async function bookings(orderId: string) {
  const rows = await env.DB.prepare(
    `SELECT kind, count(*) AS n FROM ledger_transactions WHERE source_type = 'order' AND source_id = ?
     GROUP BY kind`,
  )
    .bind(orderId)
    .all<{ kind: string; n: number }>()
  return Object.fromEntries(rows.results.map((r) => [r.kind, r.n]))
}

/** The Transfers Stripe made for an order (its transfer group). */
async function stripeTransfers(orderId: string) {
  const response = await fetch(
    `${env.STRIPE_EMULATOR_URL}/v1/transfers?transfer_group=${orderId}`,
    {
      headers: { authorization: 'Bearer sk_test_fairstall' },
    },
  )
  const body = await response.json<{
    data: { amount: number; destination: string; source_transaction: string | null }[]
  }>()
  return body.data
}

async function imbalance() {
  const row = await env.DB.prepare(
    'SELECT coalesce(sum(debit_cents), 0) - coalesce(sum(credit_cents), 0) AS d FROM ledger_entries',
  ).first<{ d: number }>()
  return row?.d
}

/** A two-seller order: 2 × 2500 + 400 shipping from the potter, 9900 from the weaver. */
async function twoSellerOrder() {
  const bowl = await publishedListing(potter, {
    price_cents: 2500,
    quantity: 5,
    shipping_cents: 400,
  })
  const rug = await publishedListing(weaver, { price_cents: 9900, quantity: 2 })
  const order = await openOrder(buyer, [
    { listing_id: bowl, quantity: 2 },
    { listing_id: rug, quantity: 1 },
  ])
  return { ...order, bowl, rug }
}

describe('paying for an order', () => {
  it('marks it paid, books the sale and fee, and pays each seller their part once', async () => {
    const { order_id, checkout_url, bowl } = await twoSellerOrder()
    await payOrder(checkout_url)
    const { body } = await getOrder(buyer, order_id)
    expect(body.status).toBe('paid')
    // The address Checkout collected is the ship-to address.
    expect(body.shipping_address).toMatchObject({ country: 'US', postal_code: '94103' })
    expect(await stockOf(potter, bowl)).toBe(3)
    expect(await bookings(order_id)).toEqual({ sale: 1, processing_fee: 1 })

    const jobs = await jobsOf(order_id)
    expect(jobs.map((j) => j.dedupe_key).sort()).toEqual(
      [`transfer:${order_id}:${potter.id}`, `transfer:${order_id}:${weaver.id}`].sort(),
    )
    for (const job of jobs) {
      // A job delivered twice (the cron's copy) makes one Transfer.
      expect((await runJob(job.id)).explicitAcks).toHaveLength(1)
      expect((await runJob(job.id)).explicitAcks).toHaveLength(1)
    }
    const transfers = await stripeTransfers(order_id)
    // Commission is 10 % of each line's subtotal; shipping goes to the seller whole.
    expect(transfers.map((t) => t.amount).sort((a, b) => a - b)).toEqual([
      5000 + 400 - 500,
      9900 - 990,
    ])
    for (const t of transfers) expect(t.source_transaction).toMatch(/^ch_/)
    expect(await bookings(order_id)).toEqual({ sale: 1, processing_fee: 1, seller_transfer: 2 })
    // Every seller was paid what the co-op owed them; the ledger balances.
    expect(await balanceOf(db, `seller_payable:${potter.id}`)).toBe(0)
    expect(await balanceOf(db, `seller_payable:${weaver.id}`)).toBe(0)
    expect(await imbalance()).toBe(0)
  })

  it('changes nothing when every event arrives twice, or an expiry comes after the payment', async () => {
    const { order_id, checkout_url, bowl } = await twoSellerOrder()
    const events = await payOnly(checkout_url)
    for (const event of [...events, ...events]) expect((await deliver(event)).status).toBe(200)
    // Stripe does not expire or fail a paid session, but a late or confused event must not cancel it.
    const completed = events.find((e) => e.type === 'checkout.session.completed')!
    for (const type of ['checkout.session.expired', 'checkout.session.async_payment_failed']) {
      expect((await deliver(await sameSessionAs(completed, type))).status).toBe(200)
    }
    expect((await getOrder(buyer, order_id)).body.status).toBe('paid')
    expect(await bookings(order_id)).toEqual({ sale: 1, processing_fee: 1 })
    expect(await jobsOf(order_id)).toHaveLength(2)
    expect(await stockOf(potter, bowl)).toBe(3)
  })

  it('cancels the order and gives the stock back when the session expires, once', async () => {
    const { order_id, checkout_url, bowl, rug } = await twoSellerOrder()
    expect(await stockOf(potter, bowl)).toBe(3)
    const events = await expireSession(checkout_url)
    const expired = events.filter((e) => e.type === 'checkout.session.expired')
    expect(expired).toHaveLength(1)
    for (const event of [...expired, ...expired]) expect((await deliver(event)).status).toBe(200)
    expect((await getOrder(buyer, order_id)).body.status).toBe('cancelled')
    expect(await stockOf(potter, bowl)).toBe(5)
    expect(await stockOf(weaver, rug)).toBe(2)
    expect(await bookings(order_id)).toEqual({})
  })

  it('books nothing for a payment event that comes after the order was cancelled', async () => {
    const { order_id, checkout_url } = await twoSellerOrder()
    const [expired] = (await expireSession(checkout_url)).filter(
      (e) => e.type === 'checkout.session.expired',
    )
    expect((await deliver(expired!)).status).toBe(200)
    const paid = JSON.parse(expired!.payload) as { data: { object: Record<string, unknown> } }
    paid.data.object.payment_status = 'paid'
    const late = await sameSessionAs(
      { ...expired!, payload: JSON.stringify(paid) },
      'checkout.session.completed',
    )
    expect((await deliver(late)).status).toBe(200)
    expect((await getOrder(buyer, order_id)).body.status).toBe('cancelled')
    expect(await bookings(order_id)).toEqual({})
    expect(await jobsOf(order_id)).toEqual([])
  })

  it('cancels a pending order whose async payment failed, and releases its stock', async () => {
    const { order_id, checkout_url, bowl } = await twoSellerOrder()
    const session = await (
      await fetch(`${env.STRIPE_EMULATOR_URL}/v1/checkout/sessions/${sessionIdOf(checkout_url)}`, {
        headers: { authorization: 'Bearer sk_test_fairstall' },
      })
    ).text()
    const failed = await sameSessionAs(
      {
        id: '',
        type: '',
        signature: '',
        payload: JSON.stringify({ object: 'event', data: { object: JSON.parse(session) } }),
      },
      'checkout.session.async_payment_failed',
    )
    expect((await deliver(failed)).status).toBe(200)
    expect((await getOrder(buyer, order_id)).body.status).toBe('cancelled')
    expect(await stockOf(potter, bowl)).toBe(5)
  })
})

describe('who sees an order', () => {
  it('is its buyer only: anyone else gets 404, and their list does not show it', async () => {
    const { order_id } = await twoSellerOrder()
    expect((await getOrder(buyer, order_id)).status).toBe(200)
    const stranger = await signUp({ display_name: 'Stranger' })
    for (const someone of [stranger, potter]) {
      expect((await getOrder(someone, order_id)).status).toBe(404)
      const list = await (
        await call('/api/v1/orders', { as: someone })
      ).json<{
        items: { id: string }[]
      }>()
      expect(list.items.map((o) => o.id)).not.toContain(order_id)
    }
    expect((await call(`/api/v1/orders/${order_id}`)).status).toBe(401)
    const mine = await (
      await call('/api/v1/orders?limit=1', { as: buyer })
    ).json<{
      items: { id: string }[]
      next_cursor: string | null
    }>()
    expect(mine.items.map((o) => o.id)).toEqual([order_id])
    expect(mine.next_cursor).not.toBeNull()
  })
})
