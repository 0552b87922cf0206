/**
 * The marketplace's event emails: each is sent once, to the right person, with the right link,
 * whatever Stripe delivers twice; a member who switched off an optional category gets none.
 * Read as the member reads them: the raw MIME that was sent, parsed by postal-mime.
 */
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'

import {
  type Client,
  ORIGIN,
  becomeMember,
  becomeSeller,
  call,
  deliver,
  signUp,
} from './helpers.ts'
import { type MailMessage, linksOf, mailTo, runEmailJobs } from './mail-helpers.ts'
import { runAllJobs } from './money-paths-helpers.ts'
import {
  DISPUTED_CARD,
  marketCast,
  openOrder,
  payOnly,
  payOrder,
  publishedListing,
  runJob,
  sameSessionAs,
  sessionEvents,
} from './order-fixtures.ts'
import { deliverAll } from './dispute-helpers.ts'
import { PAST, boardApi, boardMember, entry } from './surplus-fixtures.ts'
import { account, period, sale } from './surplus-weights-rows.ts'

/** The messages to `client` whose subject starts with `subject`, after the queue ran. */
async function mailOf(client: Pick<Client, 'email'>, subject: string): Promise<MailMessage[]> {
  await runEmailJobs()
  return (await mailTo(client.email)).filter((m) => m.subject?.startsWith(subject))
}

let cast: Awaited<ReturnType<typeof marketCast>>
let bowl: string
let scarf: string

beforeAll(async () => {
  cast = await marketCast('Mail')
  bowl = await publishedListing(cast.potter, {
    title: 'Celadon Bowl',
    price_cents: 4000,
    shipping_cents: 600,
  })
  scarf = await publishedListing(cast.weaver, {
    title: 'Wool Scarf',
    price_cents: 2500,
    quantity: 50,
  })
}, 120_000)

describe('membership and selling', () => {
  it('tells a new member their membership is active, once, linking to their account', async () => {
    const member = await signUp({ display_name: 'Mia Member' })
    const { events } = await becomeMember(member)
    // Stripe delivers again: the event is a duplicate, and no second email is written.
    for (const event of events) expect((await deliver(event)).status).toBe(200)
    const mails = await mailOf(member, 'Welcome')
    expect(mails).toHaveLength(1)
    expect(mails[0]!.to?.[0]?.address).toBe(member.email.toLowerCase())
    expect(linksOf(mails[0]!)).toContain(`${ORIGIN}/account`)
  })

  it('tells an applicant the decision, with the note, and where to go next', async () => {
    const approved = await signUp({ display_name: 'Approved Applicant' })
    await becomeSeller(approved)
    const yes = await mailOf(approved, 'Your seller application is approved')
    expect(yes).toHaveLength(1)
    expect(linksOf(yes[0]!)).toContain(`${ORIGIN}/sell`)

    const turnedDown = await signUp({ display_name: 'Turned Down' })
    await becomeMember(turnedDown)
    const applied = await call('/api/v1/seller-applications', {
      method: 'POST',
      as: turnedDown,
      json: {
        statement: 'I would like to sell my prints here.',
        portfolio_url: 'https://x.example',
      },
    })
    const { id } = await applied.json<{ id: string }>()
    const decided = await call(`/api/v1/admin/seller-applications/${id}/decision`, {
      method: 'POST',
      as: cast.admin,
      json: { decision: 'reject', note: 'Show us more of your own work.' },
    })
    expect(decided.status).toBe(200)
    const no = await mailOf(turnedDown, 'Your seller application')
    expect(no).toHaveLength(1)
    expect(no[0]!.text).toContain('Show us more of your own work.')
    expect(linksOf(no[0]!)).toContain(`${ORIGIN}/sell/apply`)
  })
})

describe('an order', () => {
  let orderId: string

  beforeAll(async () => {
    const order = await openOrder(cast.buyer, [
      { listing_id: bowl, quantity: 1 },
      { listing_id: scarf, quantity: 2 },
    ])
    orderId = order.order_id
    const events = await payOnly(order.checkout_url)
    for (const event of events) expect((await deliver(event)).status).toBe(200)
    // The same payment told again under a new event id: the order is paid, nothing is sent.
    const completed = events.find((e) => e.type === 'checkout.session.completed')!
    expect((await deliver(await sameSessionAs(completed, completed.type))).status).toBe(200)
  }, 60_000)

  it('sends the buyer one receipt linking to the order', async () => {
    const mails = await mailOf(cast.buyer, `Order ${orderId} is paid`)
    expect(mails).toHaveLength(1)
    expect(linksOf(mails[0]!)).toContain(`${ORIGIN}/orders/${orderId}`)
  })

  it('sends each seller one email of their own lines, with the ship-to address', async () => {
    const order = await call(`/api/v1/orders/${orderId}`, { as: cast.buyer })
    const address = (await order.json<{ shipping_address: { line1: string } }>()).shipping_address
    const potter = await mailOf(cast.potter, `New sale: order ${orderId}`)
    const weaver = await mailOf(cast.weaver, `New sale: order ${orderId}`)
    expect(potter).toHaveLength(1)
    expect(weaver).toHaveLength(1)
    expect(potter[0]!.text).toContain(address.line1)
    expect(potter[0]!.text).toContain('1 × Celadon Bowl')
    // Each seller reads their own lines only.
    expect(weaver[0]!.text).toContain('2 × Wool Scarf')
    expect(weaver[0]!.text).not.toContain('Celadon Bowl')
    expect(linksOf(potter[0]!)).toContain(`${ORIGIN}/sell/sales`)
  })

  it('tells the buyer of a refund once Stripe made it, not before, and once', async () => {
    const line = await env.DB.prepare(
      `SELECT id FROM order_items WHERE order_id = ? AND listing_id = ?`,
    )
      .bind(orderId, bowl)
      .first<{ id: string }>()
    const refunded = await call(`/api/v1/orders/${orderId}/refunds`, {
      method: 'POST',
      as: cast.potter,
      json: { order_item_id: line!.id, amount_cents: 1000, reason: 'A chip on the rim' },
    })
    expect(refunded.status).toBe(201)
    expect(await mailOf(cast.buyer, `A refund for order ${orderId}`)).toHaveLength(0)
    await runAllJobs([orderId])
    await runAllJobs([orderId])
    const mails = await mailOf(cast.buyer, `A refund for order ${orderId}`)
    expect(mails).toHaveLength(1)
    expect(linksOf(mails[0]!)).toContain(`${ORIGIN}/orders/${orderId}`)
  })
})

describe('optional emails', () => {
  it('sends no receipt to a buyer who switched orders off, and the seller still hears', async () => {
    const buyer = await signUp({ display_name: 'Quiet Buyer' })
    const off = await call('/api/v1/me/email-preferences', {
      method: 'PUT',
      as: buyer,
      json: { orders: false, sales: true, coop: true },
    })
    expect(off.status).toBe(200)
    const { order_id, checkout_url } = await openOrder(buyer, [{ listing_id: scarf, quantity: 1 }])
    await payOrder(checkout_url)
    expect(await mailOf(buyer, `Order ${order_id} is paid`)).toHaveLength(0)
    expect(await mailOf(cast.weaver, `New sale: order ${order_id}`)).toHaveLength(1)
  })
})

describe('a dispute', () => {
  it('tells the seller once, whatever Stripe sends about it and how often', async () => {
    const { order_id, checkout_url } = await openOrder(cast.buyer, [
      { listing_id: bowl, quantity: 1 },
    ])
    await payOnly(checkout_url, DISPUTED_CARD)
    const events = await sessionEvents(checkout_url)
    await deliverAll(events)
    // Each event again, as new deliveries of the same dispute (new ids, same dispute).
    for (const event of events.filter((e) => e.type.startsWith('charge.dispute.'))) {
      expect((await deliver(await sameSessionAs(event, event.type))).status).toBe(200)
    }
    const mails = await mailOf(cast.potter, `A payment dispute on order ${order_id}`)
    expect(mails).toHaveLength(1)
    expect(linksOf(mails[0]!)).toContain(`${ORIGIN}/sell/sales`)
    // The buyer's bank disputed: the buyer is not told by the marketplace.
    expect(await mailOf(cast.buyer, `A payment dispute on order ${order_id}`)).toHaveLength(0)
  })
})

describe("a year's patronage", () => {
  it('tells each member with an allocation once, from one job the approval queued', async () => {
    const board = await boardMember('Mail Board')
    const seller = await account('Past Maker', true)
    const buyer = await signUp({ display_name: 'Past Patron' })
    const quiet = await signUp({ display_name: 'Quiet Patron' })
    await call('/api/v1/me/email-preferences', {
      method: 'PUT',
      as: quiet,
      json: { orders: true, sales: true, coop: false },
    })
    for (const id of [seller, buyer.id, quiet.id]) await period(id, '2024-06-01T00:00:00.000Z')
    await sale(seller, buyer.id, 10_000, '2025-05-01T12:00:00.000Z')
    await sale(seller, quiet.id, 10_000, '2025-06-01T12:00:00.000Z')
    await entry(board, PAST, { kind: 'income', amount_cents: 50_000, date: '2025-03-10' })
    expect((await boardApi(board, `${PAST}/approve`, { method: 'POST' })).status).toBe(200)

    const jobs = await env.DB.prepare(`SELECT id FROM jobs WHERE kind = 'patronage_notices'`).all<{
      id: string
    }>()
    expect(jobs.results).toHaveLength(1)
    await runJob(jobs.results[0]!.id)
    // A copy of the job run again (a redelivery) writes nothing twice.
    await env.DB.prepare(`UPDATE jobs SET status = 'pending' WHERE id = ?`)
      .bind(jobs.results[0]!.id)
      .run()
    await runJob(jobs.results[0]!.id)

    const mails = await mailOf(buyer, `Your ${PAST} patronage statement is ready`)
    expect(mails).toHaveLength(1)
    expect(linksOf(mails[0]!)).toContain(`${ORIGIN}/account/patronage/${PAST}`)
    expect(await mailOf(quiet, `Your ${PAST} patronage`)).toHaveLength(0)
    const sellerMail = await env.DB.prepare(
      `SELECT count(*) AS n FROM emails WHERE kind = 'patronage_ready' AND account_id = ?`,
    )
      .bind(seller)
      .first<{ n: number }>()
    expect(sellerMail?.n).toBe(1)
  })
})
