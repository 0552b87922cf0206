/**
 * The refund form on the seller's "My sales" page: one per line that can still be refunded,
 * posting to `POST /orders/:id/refunds` with the page's CSRF token and coming back to the page.
 */
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'

import { type Client, call, csrfIn, form, signUp } from './helpers.ts'
import { openOrder, payOrder, publishedListing, readySeller } from './order-fixtures.ts'

type Line = { id: string; order_id: string }

let seller: Client
let buyer: Client
let line: Line

/** The `<form>` that refunds `lineId` on the page, or '' when there is none. */
const refundFormOf = (html: string, lineId: string) =>
  (html.match(/<form[^>]*class="refund-form"[\s\S]*?<\/form>/g) ?? []).find((f) =>
    f.includes(`value="${lineId}"`),
  ) ?? ''

/** Posts the line's refund form as the seller's browser would, for `amount` dollars. */
async function refund(target: Line, amount: string) {
  const token = csrfIn(refundFormOf(await salesPage(), target.id))
  return call(`/orders/${target.order_id}/refunds`, {
    as: seller,
    ...form({
      _csrf: token,
      order_item_id: target.id,
      amount,
      reason: 'A crease in one corner',
      back: '/sell/sales',
    }),
  })
}

async function salesLines(client: Client): Promise<Line[]> {
  const response = await call('/api/v1/sales', { as: client })
  return (await response.json<{ items: Line[] }>()).items
}

async function salesPage(path = '/sell/sales') {
  const response = await call(path, { as: seller })
  expect(response.status).toBe(200)
  return response.text()
}

beforeAll(async () => {
  seller = await readySeller('Fern Seller')
  buyer = await signUp({ display_name: 'Rowan Buyer' })
  const listing = await publishedListing(seller, {
    title: 'Fern study',
    price_cents: 3000,
    quantity: 4,
    shipping_cents: 500,
  })
  const order = await openOrder(buyer, [{ listing_id: listing, quantity: 2 }])
  await payOrder(order.checkout_url)
  line = (await salesLines(seller)).find((l) => l.order_id === order.order_id)!
})

describe("the sales page's refund form", () => {
  it('offers the whole price of a paid line, with the CSRF token, back to the same range', async () => {
    const today = new Date().toISOString().slice(0, 10)
    const html = await salesPage(`/sell/sales?from=${today}`)
    const refund = refundFormOf(html, line.id)
    expect(refund).toContain(`action="/orders/${line.order_id}/refunds"`)
    expect(csrfIn(refund)).not.toBe('')
    expect(refund).toContain(`name="back" value="/sell/sales?from=${today}"`)
    expect(refund).toContain('at most $60.00')
  })

  it('refunds part of the line and comes back to the page saying so, offering the rest', async () => {
    const posted = await refund(line, '12.50')
    expect(posted.status).toBe(303)
    expect(posted.headers.get('location')).toBe('/sell/sales?refund=requested')
    const after = await salesPage('/sell/sales?refund=requested')
    expect(after).toContain('The refund is on its way to Stripe.')
    expect(refundFormOf(after, line.id)).toContain('at most $47.50')
    // The rest of it: the line is refunded in full and offers no form any more.
    expect((await refund(line, '47.50')).status).toBe(303)
    expect(refundFormOf(await salesPage(), line.id)).toBe('')
  })

  it('is not offered on a disputed order', async () => {
    const listing = await publishedListing(seller, { title: 'Moss study', price_cents: 2000 })
    const order = await openOrder(buyer, [{ listing_id: listing, quantity: 1 }])
    await payOrder(order.checkout_url)
    const moss = (await salesLines(seller)).find((l) => l.order_id === order.order_id)!
    expect(refundFormOf(await salesPage(), moss.id)).not.toBe('')
    // Stands for charge.dispute.created, as the sales tests do.
    await env.DB.prepare(`UPDATE orders SET status = 'disputed' WHERE id = ?`)
      .bind(order.order_id)
      .run()
    const html = await salesPage()
    expect(html).toContain('Moss study')
    expect(refundFormOf(html, moss.id)).toBe('')
  })
})
