import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'

import worker from '../../functions/index.ts'
import { ORIGIN, type Client, becomeSeller, call, sessionIdOf, signUp } from './helpers.ts'
import { checkout, openOrder, publishedListing, readySeller, stockOf } from './order-fixtures.ts'
import { UNREACHABLE_STRIPE } from './share-race.ts'

let seller: Client
let otherSeller: Client
let buyer: Client

beforeAll(async () => {
  ;[seller, otherSeller, buyer] = await Promise.all([
    readySeller('Potter'),
    readySeller('Weaver'),
    signUp({ display_name: 'Buyer' }),
  ])
}, 60_000)

/** The session as Stripe (the emulator) holds it, with its line items. */
async function stripeSession(checkoutUrl: string) {
  const id = sessionIdOf(checkoutUrl)
  const headers = { authorization: 'Bearer sk_test_fairstall' }
  const base = `${env.STRIPE_EMULATOR_URL}/v1/checkout/sessions/${id}`
  const session = await (await fetch(base, { headers })).json<Record<string, unknown>>()
  const lines = await (
    await fetch(`${base}/line_items`, { headers })
  ).json<{
    data: { quantity: number; price: { unit_amount: number } }[]
  }>()
  return { session, lines: lines.data }
}

async function orderCount(buyerId: string) {
  const row = await env.DB.prepare('SELECT count(*) AS n FROM orders WHERE buyer_id = ?')
    .bind(buyerId)
    .first<{ n: number }>()
  return row?.n ?? 0
}

describe('checking out a cart', () => {
  it('prices the cart from the database, holds the stock and opens one Checkout for it', async () => {
    const bowl = await publishedListing(seller, {
      price_cents: 2500,
      quantity: 3,
      shipping_cents: 400,
    })
    const rug = await publishedListing(otherSeller, {
      price_cents: 9900,
      quantity: 1,
      shipping_cents: 0,
    })
    const { order_id, checkout_url } = await openOrder(buyer, [
      { listing_id: bowl, quantity: 2 },
      { listing_id: rug, quantity: 1 },
    ])
    expect(checkout_url.startsWith(env.STRIPE_EMULATOR_URL)).toBe(true)
    expect(await stockOf(seller, bowl)).toBe(1)
    expect(await stockOf(otherSeller, rug)).toBe(0)

    const order = await (
      await call(`/api/v1/orders/${order_id}`, { as: buyer })
    ).json<{
      status: string
      subtotal_cents: number
      shipping_cents: number
      total_cents: number
      checkout_url: string
    }>()
    // Shipping is the listing's price once per line, whatever the quantity.
    expect(order).toMatchObject({
      status: 'pending',
      subtotal_cents: 2 * 2500 + 9900,
      shipping_cents: 400,
      total_cents: 2 * 2500 + 9900 + 400,
      checkout_url,
    })
    const { session, lines } = await stripeSession(checkout_url)
    expect(session).toMatchObject({
      mode: 'payment',
      client_reference_id: order_id,
      amount_total: order.total_cents,
      metadata: { purpose: 'order', order_id },
      shipping_address_collection: { allowed_countries: expect.arrayContaining(['US']) },
    })
    expect(lines.map((l) => [l.quantity, l.price.unit_amount])).toEqual([
      [2, 2500],
      [1, 9900],
    ])
  })

  it('refuses prices or any field it does not know, and changes nothing', async () => {
    const bowl = await publishedListing(seller, { price_cents: 2500, quantity: 2 })
    const before = await orderCount(buyer.id)
    const priced = await checkout(buyer, [
      { listing_id: bowl, quantity: 1, price_cents: 1 } as never,
    ])
    expect(priced.status).toBe(400)
    for (const items of [
      [],
      [{ listing_id: bowl, quantity: 0 }],
      [{ listing_id: bowl, quantity: 1.5 }],
    ]) {
      expect((await checkout(buyer, items)).status).toBe(400)
    }
    const twice = await checkout(buyer, [
      { listing_id: bowl, quantity: 1 },
      { listing_id: bowl, quantity: 1 },
    ])
    expect(twice.status).toBe(400)
    expect(await orderCount(buyer.id)).toBe(before)
    expect(await stockOf(seller, bowl)).toBe(2)
  })

  it('needs a signed-in buyer', async () => {
    const bowl = await publishedListing(seller, { price_cents: 2500 })
    const response = await call('/api/v1/checkout', {
      method: 'POST',
      json: { items: [{ listing_id: bowl, quantity: 1 }] },
    })
    expect(response.status).toBe(401)
  })

  it('answers 409 for what cannot be bought now, and holds nothing of the rest of the cart', async () => {
    const fine = await publishedListing(seller, { price_cents: 1500, quantity: 4 })
    const draft = await (
      await call('/api/v1/listings', {
        method: 'POST',
        as: seller,
        json: { title: 'Unfinished', price_cents: 1000, kind: 'physical', quantity: 1 },
      })
    ).json<{ id: string }>()
    const few = await publishedListing(seller, { price_cents: 1500, quantity: 2 })
    const soldOut = await publishedListing(seller, { price_cents: 1500, quantity: 1 })
    await openOrder(buyer, [{ listing_id: soldOut, quantity: 1 }])
    const notReady = await signUp({ display_name: 'Not Ready' })
    await becomeSeller(notReady)
    const unpaid = await publishedListing(notReady, { price_cents: 1500 })
    const own = await publishedListing(seller, { price_cents: 1500 })

    const cases: [string, string, number][] = [
      [draft.id, 'not_buyable', 1],
      ['lst_nothing', 'not_buyable', 1],
      [soldOut, 'sold_out', 1],
      [few, 'sold_out', 3],
      [unpaid, 'not_buyable', 1],
    ]
    const before = await orderCount(buyer.id)
    for (const [listing, code, quantity] of cases) {
      const response = await checkout(buyer, [
        { listing_id: fine, quantity: 1 },
        { listing_id: listing, quantity },
      ])
      expect(response.status, `${listing} × ${quantity}`).toBe(409)
      expect((await response.json<{ error: { code: string } }>()).error.code).toBe(code)
    }
    // A seller cannot buy their own piece (it would move money to themselves through the co-op).
    const mine = await checkout(seller, [{ listing_id: own, quantity: 1 }])
    expect(mine.status).toBe(409)
    expect(await orderCount(buyer.id)).toBe(before)
    expect(await stockOf(seller, fine)).toBe(4)
    expect(await stockOf(seller, few)).toBe(2)
  })

  it('cancels the order and releases the stock when Stripe fails, with a message to try again', async () => {
    const bowl = await publishedListing(seller, { price_cents: 2500, quantity: 1 })
    const request = new Request(`${ORIGIN}/api/v1/checkout`, {
      method: 'POST',
      headers: { cookie: buyer.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ items: [{ listing_id: bowl, quantity: 1 }] }),
    })
    const ctx = createExecutionContext()
    const response = await worker.fetch(
      request,
      { ...env, STRIPE_EMULATOR_URL: UNREACHABLE_STRIPE },
      ctx,
    )
    await waitOnExecutionContext(ctx)
    expect(response.status).toBe(502)
    const body = await response.json<{ error: { code: string; message: string } }>()
    expect(body.error.code).toBe('payment_provider_error')
    expect(body.error.message).toMatch(/Nothing was charged.*try again/)
    expect(await stockOf(seller, bowl)).toBe(1)
    const row = await env.DB.prepare(
      `SELECT status FROM orders WHERE buyer_id = ? ORDER BY created_at DESC LIMIT 1`,
    )
      .bind(buyer.id)
      .first<{ status: string }>()
    expect(row?.status).toBe('cancelled')
    // The piece is on sale again: the next try succeeds.
    await openOrder(buyer, [{ listing_id: bowl, quantity: 1 }])
  })
})

describe('the last unit', () => {
  it('goes to exactly one of 50 buyers checking out at once; the others get 409', async () => {
    const vase = await publishedListing(seller, { price_cents: 4000, quantity: 1 })
    const buyers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => signUp({ display_name: `Racer ${i}` })),
    )
    const answers = await Promise.all(
      buyers.map((b) => checkout(b, [{ listing_id: vase, quantity: 1 }])),
    )
    const statuses = answers.map((a) => a.status)
    expect(statuses.filter((s) => s === 201)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(49)
    expect(await stockOf(seller, vase)).toBe(0)
    const holds = await env.DB.prepare(
      `SELECT sum(quantity) AS held FROM stock_holds WHERE listing_id = ? AND status = 'held'`,
    )
      .bind(vase)
      .first<{ held: number }>()
    expect(holds?.held).toBe(1)
  }, 60_000)
})
