/**
 * The admins' order pages and the refund form of the pages: an admin sees an order's Stripe
 * ids and its ledger, balanced, as the page shows them; nobody else opens the pages; a refund
 * posted through the form by the admin or by the line's seller is made (its job then
 * succeeds), another seller's is refused, and a hostile amount is a 400 that changes nothing.
 */
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'

import { type Client, call, csrfOf, form } from './helpers.ts'
import { deliverAll } from './dispute-helpers.ts'
import {
  DISPUTED_CARD,
  disputeIdOf,
  jobsOf,
  openOrder,
  payOnly,
  payOrder,
  publishedListing,
  marketCast,
  runJob,
} from './order-fixtures.ts'

let potter: Client
let weaver: Client
let buyer: Client
let admin: Client

beforeAll(async () => {
  ;({ potter, weaver, buyer, admin } = await marketCast('Admin'))
}, 60_000)

interface OrderRow {
  stripe_checkout_session_id: string
  stripe_payment_intent_id: string
  stripe_charge_id: string
}

/**
 * A paid two-seller order whose sellers have been paid: the potter's line 2 × 2500 (+ 400
 * shipping), the weaver's 9900.
 */
async function paidOrder() {
  const bowl = await publishedListing(potter, { price_cents: 2500, shipping_cents: 400 })
  const rug = await publishedListing(weaver, { price_cents: 9900, quantity: 2 })
  const { order_id, checkout_url } = await openOrder(buyer, [
    { listing_id: bowl, quantity: 2 },
    { listing_id: rug, quantity: 1 },
  ])
  await payOrder(checkout_url)
  for (const job of await jobsOf(order_id)) {
    if (job.kind === 'seller_transfer') await runJob(job.id)
  }
  const lines = await env.DB.prepare(`SELECT id, seller_id FROM order_items WHERE order_id = ?`)
    .bind(order_id)
    .all<{ id: string; seller_id: string }>()
  const lineOf = (seller: Client) => lines.results.find((l) => l.seller_id === seller.id)!.id
  return { orderId: order_id, bowlLine: lineOf(potter), rugLine: lineOf(weaver) }
}

async function page(path: string, as?: Client) {
  const response = await call(path, { as })
  return { status: response.status, html: await response.text() }
}

/** Posts the pages' refund form as `as`, with the session's CSRF token. */
async function postRefund(as: Client, orderId: string, fields: Record<string, string>) {
  const _csrf = await csrfOf('/account', as)
  return call(`/orders/${orderId}/refunds`, {
    ...form({ reason: 'Arrived chipped', ...fields, _csrf }),
    as,
  })
}

/** The refunds of an order and its lines' refunded amounts: what a refused form must not move. */
async function refundState(orderId: string) {
  const refunds = await env.DB.prepare(`SELECT id, status FROM refunds WHERE order_id = ?`)
    .bind(orderId)
    .all<{ id: string; status: string }>()
  const lines = await env.DB.prepare(
    `SELECT id, refunded_cents FROM order_items WHERE order_id = ? ORDER BY id`,
  )
    .bind(orderId)
    .all()
  const jobs = await env.DB.prepare(`SELECT count(*) AS n FROM jobs`).first<{ n: number }>()
  return { refunds: refunds.results, lines: lines.results, jobs: jobs?.n }
}

/** Runs a refund's `order_refund` job as the queue would; the job's and the refund's status. */
async function runRefundJob(refundId: string) {
  const job = await env.DB.prepare(`SELECT id FROM jobs WHERE dedupe_key = ?`)
    .bind(`refund:${refundId}`)
    .first<{ id: string }>()
  expect(job).not.toBeNull()
  await runJob(job!.id)
  const after = await env.DB.prepare(
    `SELECT j.status AS job, r.status AS refund, r.stripe_refund_id AS stripe
     FROM jobs j, refunds r WHERE j.id = ? AND r.id = ?`,
  )
    .bind(job!.id, refundId)
    .first<{ job: string; refund: string; stripe: string | null }>()
  return after!
}

/** Cents of a money cell as the page shows it ("$1,234.56"); 0 for an empty cell. */
function centsOf(cell: string) {
  const text = cell.replace(/<[^>]+>/g, '').trim()
  if (text === '') return 0
  const match = /^\$([\d,]+)\.(\d\d)$/.exec(text)
  expect(match, `money cell ${text}`).not.toBeNull()
  return Number(match![1]!.replaceAll(',', '')) * 100 + Number(match![2])
}

describe('the admin order page', () => {
  it("shows an order's Stripe ids and its ledger transactions, each balanced", async () => {
    const { orderId } = await paidOrder()
    const order = await env.DB.prepare(`SELECT * FROM orders WHERE id = ?`)
      .bind(orderId)
      .first<OrderRow>()
    const transfers = await env.DB.prepare(
      `SELECT stripe_transfer_id AS id FROM ledger_transactions
       WHERE kind = 'seller_transfer' AND source_id = ?`,
    )
      .bind(orderId)
      .all<{ id: string }>()
    expect(transfers.results).toHaveLength(2)

    const { status, html } = await page(`/admin/orders/${orderId}`, admin)
    expect(status).toBe(200)
    for (const id of [
      order!.stripe_checkout_session_id,
      order!.stripe_payment_intent_id,
      order!.stripe_charge_id,
      ...transfers.results.map((t) => t.id),
    ]) {
      expect(html).toContain(id)
    }
    expect(html).toContain('Admin Potter')
    expect(html).toContain('Admin Weaver')
    // A refund form per line.
    expect(html.match(/class="refund-form"/g)).toHaveLength(2)

    const tables = html.match(/<table class="admin-order__ledger">[\s\S]*?<\/table>/g) ?? []
    // The sale, the processing fee and one transfer per seller at least.
    expect(tables.length).toBeGreaterThanOrEqual(3)
    expect(tables.join('')).toContain('Sale')
    for (const table of tables) {
      let debit = 0
      let credit = 0
      for (const row of table.match(/<tr>[\s\S]*?<\/tr>/g)!.slice(1)) {
        const cells = [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!)
        debit += centsOf(cells[1]!)
        credit += centsOf(cells[2]!)
      }
      expect(debit).toBeGreaterThan(0)
      expect(debit).toBe(credit)
    }
  })

  it('lists orders newest first and filters them by status', async () => {
    const { orderId } = await paidOrder()
    const all = await page('/admin/orders', admin)
    expect(all.status).toBe(200)
    expect(all.html).toContain(orderId)
    const older = await env.DB.prepare(
      `SELECT id FROM orders WHERE created_at < (SELECT created_at FROM orders WHERE id = ?)
       ORDER BY created_at LIMIT 1`,
    )
      .bind(orderId)
      .first<{ id: string }>()
    expect(older).not.toBeNull()
    expect(all.html.indexOf(orderId)).toBeLessThan(all.html.indexOf(older!.id))
    expect((await page('/admin/orders?status=paid', admin)).html).toContain(orderId)
    expect((await page('/admin/orders?status=disputed', admin)).html).not.toContain(orderId)
    expect((await page('/admin/orders?status=bogus', admin)).status).toBe(400)
  })

  it('shows a disputed order under its filter, with the dispute and no refund form', async () => {
    const listing = await publishedListing(potter, { price_cents: 3000 })
    const { order_id, checkout_url } = await openOrder(buyer, [
      { listing_id: listing, quantity: 1 },
    ])
    await deliverAll(await payOnly(checkout_url, DISPUTED_CARD))
    const disputeId = await disputeIdOf(checkout_url)
    expect((await page('/admin/orders?status=disputed', admin)).html).toContain(order_id)
    expect((await page('/admin/orders?status=paid', admin)).html).not.toContain(order_id)
    const { html } = await page(`/admin/orders/${order_id}`, admin)
    expect(html).toContain(disputeId)
    expect(html).toContain('Dispute opened')
    expect(html).not.toContain('class="refund-form"')
  })

  it('is 403 to anyone but an admin, and links to the dead jobs', async () => {
    const { orderId } = await paidOrder()
    for (const who of [buyer, potter]) {
      expect((await page('/admin/orders', who)).status).toBe(403)
      const detail = await page(`/admin/orders/${orderId}`, who)
      expect(detail.status).toBe(403)
      expect(detail.html).not.toContain(orderId)
    }
    expect((await page('/admin/orders')).status).toBe(303)
    expect((await page(`/admin/orders/${orderId}`, admin)).html).toContain('href="/admin/jobs"')
  })
})

describe('the refund form', () => {
  it('by the admin refunds a line, back to the order page, and the job succeeds', async () => {
    const { orderId, rugLine } = await paidOrder()
    const back = `/admin/orders/${orderId}`
    const response = await postRefund(admin, orderId, {
      order_item_id: rugLine,
      amount: '12.50',
      back,
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(`${back}?refund=requested`)
    const { refunds, lines } = await refundState(orderId)
    expect(refunds).toHaveLength(1)
    expect(lines.find((l) => l.id === rugLine)?.refunded_cents).toBe(1250)
    expect(await runRefundJob(refunds[0]!.id)).toMatchObject({ job: 'done', refund: 'succeeded' })

    const after = await page(`${back}?refund=requested`, admin)
    expect(after.html).toContain('The refund is on its way to Stripe.')
    const { stripe } = await runRefundJob(refunds[0]!.id)
    expect(after.html).toContain(stripe!)
  })

  it("by the line's seller refunds it and returns to their sales", async () => {
    const { orderId, bowlLine } = await paidOrder()
    const response = await postRefund(potter, orderId, { order_item_id: bowlLine, amount: '50' })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/sell/sales?refund=requested')
    const { refunds } = await refundState(orderId)
    expect(refunds).toHaveLength(1)
    expect(await runRefundJob(refunds[0]!.id)).toMatchObject({ job: 'done', refund: 'succeeded' })
    // Refunded in full: a second refund of the line is refused (409) and changes nothing.
    const again = await postRefund(potter, orderId, { order_item_id: bowlLine, amount: '1' })
    expect(again.status).toBe(409)
  })

  it("by another line's seller is 403 and changes nothing", async () => {
    const { orderId, bowlLine } = await paidOrder()
    const before = await refundState(orderId)
    const response = await postRefund(weaver, orderId, { order_item_id: bowlLine, amount: '5' })
    expect(response.status).toBe(403)
    expect(await response.text()).toContain('Only the line')
    expect(await refundState(orderId)).toEqual(before)
  })

  it('never leaves the site when sending the person back', async () => {
    const { orderId, rugLine } = await paidOrder()
    const response = await postRefund(admin, orderId, {
      order_item_id: rugLine,
      amount: '1',
      back: '//evil.example/x',
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(`/admin/orders/${orderId}?refund=requested`)
  })

  it('answers a hostile amount with a 400 page that changes nothing', async () => {
    const { orderId, rugLine } = await paidOrder()
    const before = await refundState(orderId)
    for (const amount of ['-1', '1e9', 'abc', '', '0', '0.001', '12,50', ' 1 2']) {
      const response = await postRefund(admin, orderId, { order_item_id: rugLine, amount })
      expect(response.status, amount).toBe(400)
      expect(response.headers.get('content-type'), amount).toMatch(/text\/html/)
      expect(await response.text(), amount).toContain('The refund was not made')
    }
    // More than the line: the service's 409, and nothing written either.
    const tooMuch = await postRefund(admin, orderId, { order_item_id: rugLine, amount: '99.01' })
    expect(tooMuch.status).toBe(409)
    expect(await refundState(orderId)).toEqual(before)
  })
})
