/**
 * The buyer's order pages: the confirmation that turns paid once Stripe's webhook lands, the
 * list and detail of their orders, and the download of a digital line, which only the buyer of
 * a paid order gets.
 */
import { describe, expect, it } from 'vitest'

import { MAX_POLLS, pollDelay } from '../../web/islands/OrderStatusWatch.tsx'
import { jpegBase64 } from './fixtures/images.ts'
import { type Client, call, deliver, signUp } from './helpers.ts'
import {
  getOrder,
  openOrder,
  payOnly,
  payOrder,
  publishedListing,
  readySeller,
} from './order-fixtures.ts'

/** A published digital listing of `seller` whose private file is `file`. */
async function digitalListing(seller: Client, file: File, price_cents = 1500) {
  const json = { title: 'Field recordings', kind: 'digital', price_cents }
  const created = await call('/api/v1/listings', { method: 'POST', json, as: seller })
  expect(created.status).toBe(201)
  const { id } = await created.json<{ id: string }>()
  const image = new FormData()
  const jpeg = Uint8Array.from(atob(jpegBase64), (c) => c.charCodeAt(0))
  image.append('file', new File([jpeg], 'cover.jpg', { type: 'image/jpeg' }))
  expect(
    (await call(`/api/v1/listings/${id}/images`, { method: 'POST', body: image, as: seller }))
      .status,
  ).toBe(201)
  const upload = new FormData()
  upload.append('file', file)
  expect(
    (await call(`/api/v1/listings/${id}/file`, { method: 'POST', body: upload, as: seller }))
      .status,
  ).toBe(201)
  expect(
    (await call(`/api/v1/listings/${id}/publish`, { method: 'POST', as: seller })).status,
  ).toBe(200)
  return id
}

async function page(path: string, as: Client | undefined) {
  const response = await call(path, { as, redirect: 'manual' })
  return { status: response.status, html: await response.text(), headers: response.headers }
}

type Line = { id: string; download_url?: string }

describe('the confirmation page after Checkout', () => {
  it('says the payment is being confirmed, then shows the order paid', async () => {
    const seller = await readySeller()
    const listing = await publishedListing(seller, { price_cents: 2400, shipping_cents: 500 })
    const buyer = await signUp()
    const { order_id, checkout_url } = await openOrder(buyer, [
      { listing_id: listing, quantity: 2 },
    ])
    const events = await payOnly(checkout_url)

    // Back from Stripe before the webhook: no second payment, a page that looks again by itself.
    const before = await page(`/orders/${order_id}?checkout=done`, buyer)
    expect(before.status).toBe(200)
    expect(before.html).toContain('confirming your payment')
    expect(before.html).toMatch(
      new RegExp(`<noscript><meta http-equiv="refresh" content="5;url=/orders/${order_id}`),
    )
    expect(before.html).toContain('data-island="OrderStatusWatch"')
    expect(before.html).not.toContain('Pay for this order')
    expect((await getOrder(buyer, order_id)).body.status).toBe('pending')

    for (const event of events) expect((await deliver(event)).status).toBe(200)

    // What the island polls, and what the refreshed page shows.
    expect((await getOrder(buyer, order_id)).body.status).toBe('paid')
    const after = await page(`/orders/${order_id}?checkout=done`, buyer)
    expect(after.html).not.toContain('confirming your payment')
    expect(after.html).not.toContain('http-equiv="refresh"')
    expect(after.html).toContain('>Paid<')
    expect(after.html).toContain('$53.00') // 2 × $24 + $5 shipping
    expect(after.html).toContain('Shipping to')
  })

  it('offers the way back to Checkout for an order left unpaid', async () => {
    const seller = await readySeller()
    const listing = await publishedListing(seller, { price_cents: 900 })
    const buyer = await signUp()
    const { order_id, checkout_url } = await openOrder(buyer, [
      { listing_id: listing, quantity: 1 },
    ])
    const { html } = await page(`/orders/${order_id}`, buyer)
    expect(html).toContain('Awaiting payment')
    expect(html).toContain(`href="${checkout_url}"`)
    expect(html).not.toContain('http-equiv="refresh"')
  })

  it('polls with a backoff that grows to 15 s and stops after a few minutes', () => {
    const delays = Array.from({ length: MAX_POLLS }, (_, i) => pollDelay(i))
    expect(delays.slice(0, 5)).toEqual([1000, 2000, 4000, 8000, 15_000])
    expect(Math.max(...delays)).toBe(15_000)
    const total = delays.reduce((sum, delay) => sum + delay, 0)
    expect(total).toBeGreaterThan(3 * 60_000)
    expect(total).toBeLessThan(10 * 60_000)
  })
})

describe('my orders', () => {
  it('lists the buyer’s orders newest first, and only theirs', async () => {
    const seller = await readySeller()
    const first = await publishedListing(seller, { title: 'Older jug', price_cents: 1000 })
    const second = await publishedListing(seller, { title: 'Newer bowl', price_cents: 1200 })
    const buyer = await signUp()
    const older = await openOrder(buyer, [{ listing_id: first, quantity: 1 }])
    const newer = await openOrder(buyer, [{ listing_id: second, quantity: 1 }])
    await payOrder(newer.checkout_url)
    const { status, html } = await page('/orders', buyer)
    expect(status).toBe(200)
    expect(html.indexOf('Newer bowl')).toBeGreaterThan(-1)
    expect(html.indexOf('Newer bowl')).toBeLessThan(html.indexOf('Older jug'))
    expect(html).toContain(`href="/orders/${older.order_id}"`)
    const other = await page('/orders', await signUp())
    expect(other.html).not.toContain('Older jug')
    expect(other.html).toContain('You have not ordered anything yet.')
  })

  it('answers a forged cursor with 400, not an error of ours', async () => {
    expect((await page('/orders?cursor=not-ours', await signUp())).status).toBe(400)
  })
})

/** A new buyer's paid order of one $10 piece from a new seller. */
async function paidOrderOfOnePiece() {
  const seller = await readySeller()
  const listing = await publishedListing(seller, { price_cents: 1000 })
  const buyer = await signUp()
  const { order_id, checkout_url } = await openOrder(buyer, [{ listing_id: listing, quantity: 1 }])
  await payOrder(checkout_url)
  return { seller, buyer, order_id }
}

describe('the order page to anyone but its buyer', () => {
  it('is a 404 to another member, and sends a visitor to sign in', async () => {
    const { seller, order_id } = await paidOrderOfOnePiece()
    const stranger = await signUp()
    expect((await page(`/orders/${order_id}`, stranger)).status).toBe(404)
    expect((await page(`/orders/${order_id}`, seller)).status).toBe(404)
    const visitor = await page(`/orders/${order_id}`, undefined)
    expect(visitor.status).toBe(303)
    expect(visitor.headers.get('location')).toMatch(/^\/signin\?next=/)
  })
})

describe('the download of a digital line', () => {
  it('streams the exact file to the buyer once paid, and to nobody else', async () => {
    const seller = await readySeller()
    // Every byte value, and more than one R2 read's worth of them.
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 131 + (i >> 8)) % 256)
    const listing = await digitalListing(seller, new File([bytes], 'Chants d’été.zip'))
    const buyer = await signUp()
    const { order_id, checkout_url } = await openOrder(buyer, [
      { listing_id: listing, quantity: 1 },
    ])
    const pending = await getOrder(buyer, order_id)
    const [line] = pending.body.items as Line[]
    const url = `/orders/${order_id}/items/${line!.id}/download`
    expect(line!.download_url).toBeUndefined()
    expect((await call(url, { as: buyer })).status).toBe(409)

    await payOrder(checkout_url)
    const paid = (await getOrder(buyer, order_id)).body.items as Line[]
    expect(paid[0]!.download_url).toBe(url)
    expect(await page(`/orders/${order_id}`, buyer).then((p) => p.html)).toContain(`href="${url}"`)

    const response = await call(url, { as: buyer })
    expect(response.status).toBe(200)
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes)
    const disposition = response.headers.get('content-disposition') ?? ''
    expect(disposition).toMatch(/^attachment; filename="[A-Za-z0-9._-]+"/)
    expect(disposition).toContain("filename*=UTF-8''Chants%20d%E2%80%99%C3%A9t%C3%A9.zip")
    expect(response.headers.get('cache-control')).toContain('no-store')

    for (const other of [await signUp(), seller]) {
      const denied = await call(url, { as: other })
      expect(denied.status).toBe(404)
      expect(await denied.text()).not.toContain('PK')
    }
    const visitor = await call(url, { redirect: 'manual' })
    expect(visitor.status).toBe(303)
    // An unknown line of the buyer’s own order is no download either.
    expect((await call(`/orders/${order_id}/items/oi_none/download`, { as: buyer })).status).toBe(
      404,
    )
  })
})

describe('the order page for everyone', () => {
  it('has one main heading, labelled sections and a table with headers', async () => {
    const { buyer, order_id } = await paidOrderOfOnePiece()
    for (const path of [`/orders/${order_id}`, `/orders/${order_id}?checkout=done`, '/orders']) {
      const { html } = await page(path, buyer)
      expect(html.match(/<h1[ >]/g), path).toHaveLength(1)
      expect(html).toContain('<html lang="en">')
      for (const [, id] of html.matchAll(/aria-labelledby="([^"]+)"/g)) {
        expect(html, `${path}: #${id}`).toMatch(new RegExp(`<h2 id="${id}"`))
      }
      // Every link says where it goes.
      for (const [, inner] of html.matchAll(/<a [^>]*>(.*?)<\/a>/gs)) {
        expect(inner!.replace(/<[^>]+>/g, '').trim(), path).not.toBe('')
      }
    }
    const { html } = await page(`/orders/${order_id}`, buyer)
    expect(html).toContain('<th scope="col">Status</th>')
    expect(html).toMatch(/<caption[^>]*>What you bought<\/caption>/)
    expect(html).toContain('href="/orders">My orders</a>')
  })
})
