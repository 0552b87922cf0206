/**
 * Shipping with tracking: a line's seller marks it shipped once, with carrier and tracking
 * number, from the API or the sales page; the buyer sees both on their order and is emailed.
 */
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'

import { jpegBase64 } from './fixtures/images.ts'
import { type Client, ORIGIN, call, csrfOf, form, signUp } from './helpers.ts'
import { linksOf, mailTo, runEmailJobs } from './mail-helpers.ts'
import { marketCast, openOrder, payOrder, publishedListing } from './order-fixtures.ts'

let cast: Awaited<ReturnType<typeof marketCast>>
let bowl: string
let scarf: string
let recording: string

/** A published digital listing of `seller` (a file to download, nothing to ship). */
async function digitalListing(seller: Client) {
  const json = { title: 'Field recordings', kind: 'digital', price_cents: 1500 }
  const created = await call('/api/v1/listings', { method: 'POST', json, as: seller })
  const { id } = await created.json<{ id: string }>()
  const image = new FormData()
  const jpeg = Uint8Array.from(atob(jpegBase64), (c) => c.charCodeAt(0))
  image.append('file', new File([jpeg], 'cover.jpg', { type: 'image/jpeg' }))
  await call(`/api/v1/listings/${id}/images`, { method: 'POST', body: image, as: seller })
  const upload = new FormData()
  upload.append('file', new File(['la la la'], 'song.txt', { type: 'text/plain' }))
  await call(`/api/v1/listings/${id}/file`, { method: 'POST', body: upload, as: seller })
  expect(
    (await call(`/api/v1/listings/${id}/publish`, { method: 'POST', as: seller })).status,
  ).toBe(200)
  return id
}

/** A paid order of a bowl (potter), a scarf (weaver) and a recording (potter): its lines. */
async function paidOrder() {
  const { order_id, checkout_url } = await openOrder(cast.buyer, [
    { listing_id: bowl, quantity: 1 },
    { listing_id: scarf, quantity: 1 },
    { listing_id: recording, quantity: 1 },
  ])
  await payOrder(checkout_url)
  const { results } = await env.DB.prepare(
    `SELECT id, listing_id FROM order_items WHERE order_id = ?`,
  )
    .bind(order_id)
    .all<{ id: string; listing_id: string }>()
  const line = (listing: string) => results.find((r) => r.listing_id === listing)!.id
  return {
    orderId: order_id,
    bowlLine: line(bowl),
    scarfLine: line(scarf),
    digital: line(recording),
  }
}

const ship = (as: Client, orderId: string, itemId: string, json: unknown) =>
  call(`/api/v1/orders/${orderId}/items/${itemId}/shipment`, { method: 'POST', as, json })

const tracking = { carrier: 'USPS', tracking_number: '9400 1000 0000 0000 0001' }

async function shippedMails(orderId: string) {
  await runEmailJobs()
  return (await mailTo(cast.buyer.email))
    .filter((m) => m.subject === 'Shipped: Celadon Bowl')
    .filter((m) => m.text.includes(orderId))
}

beforeAll(async () => {
  cast = await marketCast('Ship')
  bowl = await publishedListing(cast.potter, {
    title: 'Celadon Bowl',
    price_cents: 4000,
    quantity: 100,
  })
  scarf = await publishedListing(cast.weaver, {
    title: 'Wool Scarf',
    price_cents: 2500,
    quantity: 100,
  })
  recording = await digitalListing(cast.potter)
}, 120_000)

describe('shipping a line', () => {
  it('shows the buyer the carrier and tracking, and emails them once, linking to the order', async () => {
    const { orderId, bowlLine } = await paidOrder()
    const response = await ship(cast.potter, orderId, bowlLine, tracking)
    expect(response.status).toBe(201)
    expect(await response.json()).toMatchObject({ order_item_id: bowlLine, ...tracking })

    const order = await call(`/api/v1/orders/${orderId}`, { as: cast.buyer })
    const { items } = await order.json<{ items: { id: string; shipment?: object }[] }>()
    expect(items.find((i) => i.id === bowlLine)?.shipment).toMatchObject(tracking)
    const page = await (await call(`/orders/${orderId}`, { as: cast.buyer })).text()
    expect(page).toContain('USPS')
    expect(page).toContain(tracking.tracking_number)

    const mails = await shippedMails(orderId)
    expect(mails).toHaveLength(1)
    expect(mails[0]!.text).toContain(tracking.tracking_number)
    expect(linksOf(mails[0]!)).toContain(`${ORIGIN}/orders/${orderId}`)
  })

  it('ships once: a second shipment is 409 and changes nothing, nor sends again', async () => {
    const { orderId, bowlLine } = await paidOrder()
    expect((await ship(cast.potter, orderId, bowlLine, tracking)).status).toBe(201)
    const again = await ship(cast.potter, orderId, bowlLine, {
      carrier: 'DHL',
      tracking_number: 'X1',
    })
    expect(again.status).toBe(409)
    expect((await again.json<{ error: { code: string } }>()).error.code).toBe('already_shipped')
    const row = await env.DB.prepare(`SELECT carrier FROM order_items WHERE id = ?`)
      .bind(bowlLine)
      .first<{ carrier: string }>()
    expect(row?.carrier).toBe('USPS')
    expect(await shippedMails(orderId)).toHaveLength(1)
  })

  it("lets only the line's seller ship it: 403 for the order's others, 404 for strangers", async () => {
    const { orderId, bowlLine } = await paidOrder()
    expect((await ship(cast.weaver, orderId, bowlLine, tracking)).status).toBe(403)
    expect((await ship(cast.buyer, orderId, bowlLine, tracking)).status).toBe(403)
    const stranger = await signUp({ display_name: 'Stranger' })
    expect((await ship(stranger, orderId, bowlLine, tracking)).status).toBe(404)
    expect((await ship(cast.admin, orderId, bowlLine, tracking)).status).toBe(404)
    expect((await ship(cast.potter, orderId, 'oli_none', tracking)).status).toBe(404)
    const row = await env.DB.prepare(`SELECT shipped_at FROM order_items WHERE id = ?`)
      .bind(bowlLine)
      .first<{ shipped_at: string | null }>()
    expect(row?.shipped_at).toBeNull()
  })

  it('refuses a digital line and an unpaid order with 409', async () => {
    const { orderId, digital } = await paidOrder()
    const refused = await ship(cast.potter, orderId, digital, tracking)
    expect(refused.status).toBe(409)
    expect((await refused.json<{ error: { code: string } }>()).error.code).toBe('not_shippable')

    const unpaid = await openOrder(cast.buyer, [{ listing_id: bowl, quantity: 1 }])
    const line = await env.DB.prepare(`SELECT id FROM order_items WHERE order_id = ?`)
      .bind(unpaid.order_id)
      .first<{ id: string }>()
    expect((await ship(cast.potter, unpaid.order_id, line!.id, tracking)).status).toBe(409)
  })

  it('answers bad input with 400 naming the field, and ships nothing', async () => {
    const { orderId, bowlLine } = await paidOrder()
    for (const body of [
      { carrier: '', tracking_number: 'X1' },
      { carrier: 'USPS', tracking_number: 'x'.repeat(101) },
      { carrier: 'USPS' },
      { ...tracking, extra: 1 },
    ]) {
      const response = await ship(cast.potter, orderId, bowlLine, body)
      expect(response.status).toBe(400)
    }
    const missing = await ship(cast.potter, orderId, bowlLine, { carrier: 'USPS' })
    expect(
      (await missing.json<{ error: { fields: Record<string, string> } }>()).error.fields,
    ).toHaveProperty('tracking_number')
    const row = await env.DB.prepare(`SELECT shipped_at FROM order_items WHERE id = ?`)
      .bind(bowlLine)
      .first<{ shipped_at: string | null }>()
    expect(row?.shipped_at).toBeNull()
  })
})

describe('the sales page', () => {
  it('has a shipment form per unshipped physical line, and shows the tracking once shipped', async () => {
    const { orderId, bowlLine } = await paidOrder()
    const before = await (await call('/sell/sales', { as: cast.potter })).text()
    const action = `/orders/${orderId}/items/${bowlLine}/shipment`
    expect(before).toContain(`action="${action}"`)
    const _csrf = await csrfOf('/sell/sales', cast.potter)
    const posted = await call(action, {
      ...form({ _csrf, carrier: 'Royal Mail', tracking_number: 'RM123456789GB' }),
      as: cast.potter,
    })
    expect(posted.status).toBe(303)
    expect(posted.headers.get('location')).toBe('/sell/sales?shipped=1')
    const after = await (await call('/sell/sales?shipped=1', { as: cast.potter })).text()
    expect(after).toContain('RM123456789GB')
    expect(after).not.toContain(`action="${action}"`)
    const sales = await call('/api/v1/sales', { as: cast.potter })
    const { items } = await sales.json<{ items: { id: string; shipment?: object }[] }>()
    expect(items.find((s) => s.id === bowlLine)?.shipment).toMatchObject({
      carrier: 'Royal Mail',
    })
  })
})
