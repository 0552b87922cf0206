/**
 * The seller's sales: `GET /api/v1/sales` (JSON and `?format=csv`) and the "My sales" page.
 * Orders are made and paid through the API and the emulator's Checkout page; the CSV is read
 * back with csv-parse, the parser of the library that writes it.
 */
import { env } from 'cloudflare:workers'
import { parse } from 'csv-parse/sync'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'

import { csvFileName, salesCsv } from '../../functions/sales/csv.ts'
import { linePayout } from '../../functions/sales/payout.ts'
import type { SaleView } from '../../functions/sales/responses.ts'
import { type Client, call, deliver, signUp } from './helpers.ts'
import {
  jobsOf,
  openOrder,
  publishedListing,
  readySeller,
  runJob,
  sessionEvents,
} from './order-fixtures.ts'

const HOSTILE_TITLE = '=HYPERLINK("http://evil.example/","Click"), "quoted", a,b'
const HOSTILE_BUYER = '@SUM(1+1) "Bea", Buyer'
const ADDRESS = {
  name: 'Ann "Annie" Lee, Jr.',
  line1: '-1 Main St, Apt 2',
  city: 'Portland',
  state: 'OR',
  postal_code: '97201',
  country: 'US',
}

type Sale = SaleView
type SalePage = { items: Sale[]; next_cursor: string | null }

/** Pays on the emulator's page with a typed shipping address, then delivers the events. */
async function payWithAddress(checkoutUrl: string) {
  const form = new URLSearchParams({ card_number: '4242 4242 4242 4242' })
  for (const [key, value] of Object.entries(ADDRESS)) form.set(`shipping_${key}`, value)
  const paid = await fetch(checkoutUrl, { method: 'POST', body: form, redirect: 'manual' })
  expect(paid.status).toBe(303)
  for (const event of await sessionEvents(checkoutUrl))
    expect((await deliver(event)).status).toBe(200)
}

async function sales(client: Client, query = ''): Promise<SalePage> {
  const response = await call(`/api/v1/sales${query}`, { as: client })
  expect(response.status).toBe(200)
  return response.json<SalePage>()
}

async function csvOf(client: Client, query = '') {
  const response = await call(`/api/v1/sales?format=csv${query}`, { as: client })
  expect(response.status).toBe(200)
  const bytes = new Uint8Array(await response.arrayBuffer())
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
  const rows = parse(text, { bom: true, columns: true, record_delimiter: '\r\n' }) as Record<
    string,
    string
  >[]
  return { response, bytes, text, rows }
}

const today = new Date().toISOString().slice(0, 10)
const dayOffset = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

let seller: Client
let otherSeller: Client
let buyer: Client
let orderId: string
let olderOrderId: string
let hostileListing: string

beforeAll(async () => {
  seller = await readySeller('Sally Seller')
  otherSeller = await readySeller('Otto Other')
  buyer = await signUp({ display_name: HOSTILE_BUYER })
  hostileListing = await publishedListing(seller, {
    title: HOSTILE_TITLE,
    price_cents: 1999,
    quantity: 5,
    shipping_cents: 500,
  })
  const small = await publishedListing(seller, {
    title: 'Café cup',
    price_cents: 333,
    shipping_cents: 0,
  })
  const theirs = await publishedListing(otherSeller, {
    title: 'Their vase',
    price_cents: 1250,
    shipping_cents: 250,
  })
  const order = await openOrder(buyer, [
    { listing_id: hostileListing, quantity: 2 },
    { listing_id: small, quantity: 1 },
    { listing_id: theirs, quantity: 1 },
  ])
  orderId = order.order_id
  await payWithAddress(order.checkout_url)
  // A second, older sale of the seller: paid, then dated back to the 15th of January.
  const older = await openOrder(buyer, [{ listing_id: small, quantity: 1 }])
  olderOrderId = older.order_id
  await payWithAddress(older.checkout_url)
  await env.DB.prepare(`UPDATE orders SET paid_at = ? WHERE id = ?`)
    .bind('2026-01-15T10:00:00.000Z', olderOrderId)
    .run()
})

describe('GET /api/v1/sales', () => {
  it("shows a seller their own lines with buyer, ship-to, commission and payout, never another seller's", async () => {
    const mine = await sales(seller)
    expect(mine.items.map((s) => s.seller_id)).toEqual([seller.id, seller.id, seller.id])
    const [hostile, cup, older] = mine.items
    // Newest payment first; within an order, in cart order.
    expect([hostile?.order_id, cup?.order_id, older?.order_id]).toEqual([
      orderId,
      orderId,
      olderOrderId,
    ])
    expect(hostile).toMatchObject({
      title: HOSTILE_TITLE,
      quantity: 2,
      subtotal_cents: 3998,
      shipping_cents: 500,
      commission_cents: 400, // round_half_up(3998 × 10 %)
      refunded_cents: 0,
      payout_cents: 4098,
      status: 'paid',
      buyer_display_name: HOSTILE_BUYER,
      ship_to: { ...ADDRESS, line2: null },
    })
    expect(cup).toMatchObject({ subtotal_cents: 333, commission_cents: 33, payout_cents: 300 })
    const theirs = await sales(otherSeller)
    expect(theirs.items.map((s) => [s.title, s.payout_cents])).toEqual([['Their vase', 1375]])
  })

  it('refuses a member who is not a seller (403) and a visitor (401)', async () => {
    const response = await call('/api/v1/sales', { as: buyer })
    expect(response.status).toBe(403)
    expect((await response.json<{ error: { code: string } }>()).error.code).toBe('forbidden')
    expect((await call('/api/v1/sales?format=csv', { as: buyer })).status).toBe(403)
    expect((await call('/api/v1/sales')).status).toBe(401)
  })

  it('says the transfer is queued until the job makes it, then names the Transfer', async () => {
    const before = await sales(seller)
    expect(before.items[0]?.transfer).toEqual({ status: 'queued', id: null })
    const job = (await jobsOf(orderId)).find(
      (j) => j.dedupe_key === `transfer:${orderId}:${seller.id}`,
    )
    await runJob(job!.id)
    const after = await sales(seller)
    const booked = await env.DB.prepare(
      `SELECT stripe_transfer_id AS id FROM ledger_transactions WHERE kind = 'seller_transfer' AND source_id = ?`,
    )
      .bind(orderId)
      .first<{ id: string }>()
    expect(booked?.id).toMatch(/^tr_/)
    expect(after.items[0]?.transfer).toEqual({ status: 'transferred', id: booked?.id })
    expect(after.items[1]?.transfer).toEqual({ status: 'transferred', id: booked?.id })
    // The other seller's transfer is their own, still queued.
    expect((await sales(otherSeller)).items[0]?.transfer.status).toBe('queued')
  })

  it('filters by the days the payment was made, both days included', async () => {
    const titles = async (query: string) =>
      (await sales(seller, query)).items.map((s) => s.order_id)
    expect(await titles(`?from=${today}&to=${today}`)).toEqual([orderId, orderId])
    expect(await titles('?from=2026-01-15&to=2026-01-15')).toEqual([olderOrderId])
    expect(await titles('?to=2026-01-14')).toEqual([])
    expect(await titles(`?from=${dayOffset(1)}`)).toEqual([])
    expect(await titles('?from=2026-01-01')).toHaveLength(3)
  })

  it('refuses a range that ends before it starts, or a day that does not exist', async () => {
    const reversed = await call(`/api/v1/sales?from=2026-03-02&to=2026-03-01`, { as: seller })
    expect(reversed.status).toBe(400)
    expect(
      (await reversed.json<{ error: { fields: Record<string, string> } }>()).error.fields,
    ).toHaveProperty('to')
    expect((await call('/api/v1/sales?from=2026-02-30', { as: seller })).status).toBe(400)
    expect((await call('/api/v1/sales?to=yesterday', { as: seller })).status).toBe(400)
  })

  it('pages with a cursor through the same lines, none twice', async () => {
    const all = (await sales(seller)).items.map((s) => s.id)
    const seen: string[] = []
    let cursor: string | null = ''
    while (cursor !== null) {
      const page: SalePage = await sales(seller, `?limit=1${cursor ? `&cursor=${cursor}` : ''}`)
      seen.push(...page.items.map((s) => s.id))
      cursor = page.next_cursor
    }
    expect(seen).toEqual(all)
    expect((await call('/api/v1/sales?cursor=bm9wZQ', { as: seller })).status).toBe(400)
  })
})

describe('the sales CSV', () => {
  it('is UTF-8 with a BOM, CRLF, a header row, and an attachment named by the range', async () => {
    const { response, bytes, text } = await csvOf(seller, '&from=2026-01-01&to=2026-12-31')
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="sales-2026-01-01-to-2026-12-31.csv"',
    )
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(text.startsWith('\uFEFFpaid_at,order_id,line_id,')).toBe(true)
    expect(text.endsWith('\r\n')).toBe(true)
    // Outside quoted cells, every record ends in CRLF, never a bare LF.
    expect(text.replace(/"(?:[^"]|"")*"/g, '')).not.toMatch(/[^\r]\n/)
    expect(text).toContain('Café cup')
  })

  it('parses back to the same figures as the JSON, to the cent, in units and in cents', async () => {
    const json = (await sales(seller)).items
    const { rows } = await csvOf(seller)
    expect(rows.map((r) => r.line_id)).toEqual(json.map((s) => s.id))
    for (const [i, sale] of json.entries()) {
      const row = rows[i]!
      for (const name of ['subtotal', 'shipping', 'commission', 'refunded', 'payout'] as const) {
        const cents = sale[`${name}_cents`]
        expect(row[`${name}_cents`]).toBe(String(cents))
        expect(row[name]).toBe(`${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`)
      }
      expect(row.currency).toBe('USD')
      expect(row.paid_at).toBe(sale.paid_at)
      expect(row.transfer_status).toBe(sale.transfer.status)
      expect(row.transfer_id).toBe(sale.transfer.id ?? '')
    }
    expect(rows[0]).toMatchObject({ unit_price: '19.99', payout: '40.98', payout_cents: '4098' })
  })

  it('defuses formulas in hostile titles, names and addresses, and they round-trip', async () => {
    const { rows } = await csvOf(seller)
    const row = rows[0]!
    // A spreadsheet shows the text; the leading ' keeps it from running as a formula.
    expect(row.title).toBe(`'${HOSTILE_TITLE}`)
    expect(row.buyer).toBe(`'${HOSTILE_BUYER}`)
    expect(row.ship_to_name).toBe(ADDRESS.name)
    expect(row.ship_to_line1).toBe(`'${ADDRESS.line1}`)
    expect(row.ship_to_city).toBe('Portland')
  })

  it('keeps a line break inside one quoted cell', async () => {
    // The API refuses line breaks in titles; this stands for a row written some other way.
    const title = 'Two\r\nlines, "and" =1+1'
    await env.DB.prepare(`UPDATE order_items SET title = ? WHERE order_id = ?`)
      .bind(title, olderOrderId)
      .run()
    const { rows } = await csvOf(seller, '&to=2026-01-31')
    expect(rows).toHaveLength(1)
    expect(rows[0]!.title).toBe(title)
    expect(rows[0]!.order_id).toBe(olderOrderId)
  })

  it('honours the date range, down to a header row alone', async () => {
    const { rows, text } = await csvOf(seller, `&from=${dayOffset(1)}`)
    expect(rows).toEqual([])
    expect(text.split('\r\n')).toHaveLength(2) // the header and the empty string after its CRLF
    expect((await csvOf(seller, `&from=${today}`)).rows.map((r) => r.order_id)).toEqual([
      orderId,
      orderId,
    ])
  })

  it('names a range left open by its start and today', () => {
    expect(csvFileName({}, '2026-12-01')).toBe('sales-start-to-2026-12-01.csv')
    expect(csvFileName({ from: '2026-01-01' }, '2026-12-01')).toBe(
      'sales-2026-01-01-to-2026-12-01.csv',
    )
  })

  it('round-trips any text in any cell: formulas prefixed with one quote, nothing else changed', () => {
    const base = {
      id: 'oi_1',
      order_id: 'ord_1',
      listing_id: 'lst_1',
      seller_id: 'acc_1',
      kind: 'physical',
      quantity: 1,
      currency: 'usd',
      unit_price_cents: 100,
      subtotal_cents: 100,
      shipping_cents: 0,
      commission_cents: 10,
      refunded_cents: 0,
      commission_returned_cents: 0,
      payout_cents: 90,
      status: 'paid',
      ship_to: null,
      transfer: { status: 'none', id: null },
      paid_at: '2026-01-01T00:00:00.000Z',
    } as const
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        (title, name) => {
          const csv = salesCsv([{ ...base, title, buyer_display_name: name }])
          const [row] = parse(csv, { bom: true, columns: true }) as Record<string, string>[]
          const guarded = (text: string) =>
            /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(text) ? `'${text}` : text
          expect(row?.title).toBe(guarded(title))
          expect(row?.buyer).toBe(guarded(name))
          expect(row?.payout_cents).toBe('90')
        },
      ),
      { seed: 8, numRuns: 300 },
    )
  })
})

describe('the payout of a line', () => {
  it('is subtotal + shipping − commission − (refunded − commission returned), never below shipping', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }).chain((subtotal) =>
          fc.record({
            subtotal: fc.constant(subtotal),
            commission: fc.integer({ min: 0, max: subtotal }),
            refunded: fc.integer({ min: 0, max: subtotal }),
            shipping: fc.integer({ min: 0, max: 100_000 }),
          }),
        ),
        (line) => {
          const { commissionReturned, payout } = linePayout(line)
          expect(commissionReturned).toBeGreaterThanOrEqual(0)
          expect(commissionReturned).toBeLessThanOrEqual(line.commission)
          expect(payout).toBe(
            line.subtotal + line.shipping - line.commission - line.refunded + commissionReturned,
          )
          expect(payout).toBeGreaterThanOrEqual(line.shipping)
          if (line.refunded === line.subtotal) expect(payout).toBe(line.shipping)
          if (line.refunded === 0) expect(commissionReturned).toBe(0)
        },
      ),
      { seed: 8 },
    )
  })

  it("counts the line's refunds in the API's payout", async () => {
    // Stands for a refund of 1000 of the 3998 (the refunds feature writes refunded_cents).
    const line = (await sales(seller)).items[0]!
    await env.DB.prepare(`UPDATE order_items SET refunded_cents = 1000 WHERE id = ?`)
      .bind(line.id)
      .run()
    const after = (await sales(seller)).items[0]!
    // 400 × 1000 / 3998 = 100.05 → 100 returned; 4098 − 1000 + 100.
    expect(after).toMatchObject({
      refunded_cents: 1000,
      commission_returned_cents: 100,
      payout_cents: 3198,
      status: 'partially_refunded',
    })
    await env.DB.prepare(`UPDATE order_items SET refunded_cents = 0 WHERE id = ?`)
      .bind(line.id)
      .run()
  })
})

describe('a disputed order', () => {
  it("shows each of the seller's lines as disputed", async () => {
    // Stands for charge.dispute.created (the disputes feature moves the order forward).
    await env.DB.prepare(`UPDATE orders SET status = 'disputed' WHERE id = ?`)
      .bind(olderOrderId)
      .run()
    const older = (await sales(seller, '?to=2026-01-31')).items
    expect(older.map((s) => s.status)).toEqual(['disputed'])
    expect((await csvOf(seller, '&to=2026-01-31')).rows[0]?.status).toBe('disputed')
  })
})

describe('the My sales page', () => {
  it('shows the lines, the range form and the CSV link of the same range', async () => {
    const response = await call(`/sell/sales?from=${today}&to=`, { as: seller })
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('<h1>My sales</h1>')
    expect(html).toContain(
      '=HYPERLINK(&quot;http://evil.example/&quot;,&quot;Click&quot;), &quot;quoted&quot;, a,b',
    )
    expect(html).toContain('Portland')
    expect(html).toContain('$40.98')
    expect(html).toContain(`href="/api/v1/sales?from=${today}&amp;format=csv"`)
    expect(html).toContain('data-label="Your payout"')
    expect(html).not.toContain('Their vase')
    expect(html).not.toContain(olderOrderId)
  })

  it('explains a bad range next to its field, with 400', async () => {
    const response = await call('/sell/sales?from=2026-03-02&to=2026-03-01', { as: seller })
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('The end comes before the start.')
    expect(html).not.toContain('Download CSV')
  })

  it('is not for a member who does not sell', async () => {
    expect((await call('/sell/sales', { as: buyer })).status).toBe(403)
    expect((await call('/sell/sales')).status).toBe(303)
  })
})

describe('the payout after a refund', () => {
  it('is what the Transfer left with the seller once the refund reversed its part', async () => {
    const bowl = await publishedListing(seller, {
      price_cents: 2500,
      quantity: 5,
      shipping_cents: 400,
    })
    const { order_id, checkout_url } = await openOrder(buyer, [{ listing_id: bowl, quantity: 3 }])
    await payWithAddress(checkout_url)
    for (const job of await jobsOf(order_id)) await runJob(job.id)
    const line = (await sales(seller)).items.find((s) => s.order_id === order_id)!
    const asked = await call(`/api/v1/orders/${order_id}/refunds`, {
      method: 'POST',
      as: seller,
      json: { order_item_id: line.id, amount_cents: 1234, reason: 'A chipped rim' },
    })
    expect(asked.status).toBe(201)
    const refund = await asked.json<{ id: string }>()
    // The refund's job, as the queue would run it: the Refund, then the transfer's reversal.
    const job = await env.DB.prepare(`SELECT id FROM jobs WHERE dedupe_key = ?`)
      .bind(`refund:${refund.id}`)
      .first<{ id: string }>()
    await runJob(job!.id)
    const after = (await sales(seller)).items.find((s) => s.id === line.id)!
    // 7500 + 400 − 750, less 1234 refunded with round_half_up(750 × 1234 / 7500) = 123 returned.
    expect(after).toMatchObject({ refunded_cents: 1234, commission_returned_cents: 123 })
    expect(after.payout_cents).toBe(7150 - 1234 + 123)
    const transfer = await fetch(`${env.STRIPE_EMULATOR_URL}/v1/transfers/${after.transfer.id}`, {
      headers: { authorization: 'Bearer sk_test_fairstall' },
    })
    const { amount, amount_reversed } = await transfer.json<{
      amount: number
      amount_reversed: number
    }>()
    expect(amount - amount_reversed).toBe(after.payout_cents)
  })
})
