import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'

import { disputesOfOrder, disputesOfSeller } from '../../functions/disputes/repository.ts'
import { database } from '../../functions/lib/db.ts'
import {
  type Client,
  call,
  deliver,
  emulatorEvents,
  payCheckout,
  sessionIdOf,
  signUp,
} from './helpers.ts'
import {
  DISPUTED_CARD,
  closeDisputeAt,
  disputeIdOf,
  getOrder,
  openOrder,
  payOnly,
  publishedListing,
  readySeller,
  sessionEvents,
} from './order-fixtures.ts'
import {
  closedEventTime,
  deliverAll,
  disputeLedgerOf,
  expectedDisputeLedger,
  imbalance,
  movements,
  stateOf,
  stripeNet,
} from './dispute-helpers.ts'

const db = database(env.DB)
/** Stripe's dispute fee at the emulator (USD 15.00). */
const DISPUTE_FEE = 1500
const PRICE = 3000
const SHIPPING = 500

let seller: Client
let buyer: Client
let listing: string

beforeAll(async () => {
  ;[seller, buyer] = await Promise.all([readySeller('Glazier'), signUp({ display_name: 'Buyer' })])
  listing = await publishedListing(seller, {
    price_cents: PRICE,
    quantity: 1000,
    shipping_cents: SHIPPING,
  })
}, 60_000)

/** An order paid with the card whose payment the buyer's bank then disputes; nothing delivered. */
async function disputedPayment() {
  const { order_id, checkout_url } = await openOrder(buyer, [{ listing_id: listing, quantity: 1 }])
  await payOnly(checkout_url, DISPUTED_CARD)
  return {
    orderId: order_id,
    checkoutUrl: checkout_url,
    disputeId: await disputeIdOf(checkout_url),
  }
}

describe('a disputed payment', () => {
  it('marks the order disputed, holds the withdrawn funds, and books the loss when lost', async () => {
    const { orderId, checkoutUrl, disputeId } = await disputedPayment()
    await deliverAll(await sessionEvents(checkoutUrl))
    expect((await getOrder(buyer, orderId)).body.status).toBe('disputed')
    const [row] = await disputesOfOrder(db, orderId)
    expect(row).toMatchObject({
      stripe_dispute_id: disputeId,
      status: 'needs_response',
      reason: 'fraudulent',
      amount_cents: PRICE + SHIPPING,
      fee_cents: DISPUTE_FEE,
      closed_at: null,
    })
    // The seller's and admins' pages read it from here.
    expect((await disputesOfSeller(db, seller.id)).map((d) => d.order_id)).toContain(orderId)
    const withdrawn = PRICE + SHIPPING + DISPUTE_FEE
    expect(await movements(orderId, disputeId)).toMatchObject({ disputes_pending: withdrawn })
    expect(disputeLedgerOf(await stateOf(buyer, orderId, disputeId))).toEqual(
      await expectedDisputeLedger(disputeId),
    )

    await closeDisputeAt(disputeId, 'lost')
    await deliverAll(await sessionEvents(checkoutUrl))
    const state = await stateOf(buyer, orderId, disputeId)
    expect(state.status).toBe('disputed')
    expect(state.disputes[0]).toMatchObject({ status: 'lost', closed_at: expect.any(String) })
    expect(disputeLedgerOf(state)).toEqual(
      await expectedDisputeLedger(disputeId, await closedEventTime(checkoutUrl)),
    )
    const moved = await movements(orderId, disputeId)
    expect(moved).toMatchObject({ disputes_pending: 0, dispute_losses: withdrawn })
    // What the ledger says left Stripe is what Stripe's balance moved.
    expect(moved.stripe_clearing).toBe(await stripeNet(orderId, disputeId))
    expect(await imbalance()).toBe(0)
  })

  it('books a won dispute as the funds and fee coming back, with no loss', async () => {
    const { orderId, checkoutUrl, disputeId } = await disputedPayment()
    await closeDisputeAt(disputeId, 'won')
    await deliverAll(await sessionEvents(checkoutUrl))
    const state = await stateOf(buyer, orderId, disputeId)
    expect(state.status).toBe('disputed')
    expect(state.disputes[0]).toMatchObject({ status: 'won', fee_cents: DISPUTE_FEE })
    expect(disputeLedgerOf(state)).toEqual(await expectedDisputeLedger(disputeId))
    const moved = await movements(orderId, disputeId)
    expect(moved.disputes_pending).toBe(0)
    expect(moved.dispute_losses ?? 0).toBe(0)
    expect(moved.stripe_clearing).toBe(await stripeNet(orderId, disputeId))
    expect(await imbalance()).toBe(0)
  })
})

/** What an order's whole delivery must end in, from Stripe's own records. */
async function expectSettled(
  ids: { orderId: string; checkoutUrl: string; disputeId: string },
  outcome: 'open' | 'won' | 'lost',
) {
  const { orderId, checkoutUrl, disputeId } = ids
  const state = await stateOf(buyer, orderId, disputeId)
  expect(state.status).toBe('disputed')
  expect(state.disputes).toHaveLength(1)
  expect(state.disputes[0]!.status).toBe(outcome === 'open' ? 'needs_response' : outcome)
  const closedAt = outcome === 'lost' ? await closedEventTime(checkoutUrl) : undefined
  const expected = await expectedDisputeLedger(disputeId, closedAt)
  expect(disputeLedgerOf(state)).toEqual(expected)
  // The row's closing time is the closing booking's, whichever event came first.
  const closing = expected.find((r) => r.reference.startsWith('dispute-closed:'))
  expect(state.disputes[0]!.closed_at).toBe(closing?.at ?? null)
  // The payment itself is booked once: its sale and its fee.
  const kinds = new Set(state.ledger.map((r) => `${r.kind}:${r.reference}`))
  expect([...kinds].filter((k) => !k.includes('dispute'))).toHaveLength(2)
  expect((await movements(orderId, disputeId)).stripe_clearing).toBe(
    await stripeNet(orderId, disputeId),
  )
  expect(await imbalance()).toBe(0)
}

describe('delivery in any order', () => {
  it('gets there when every event comes in reverse, the closing before the opening', async () => {
    const ids = await disputedPayment()
    await closeDisputeAt(ids.disputeId, 'lost')
    const events = await sessionEvents(ids.checkoutUrl)
    await deliverAll([...events].reverse())
    await expectSettled(ids, 'lost')
  })

  it('ends in the same state for any order of delivery, each event once or twice', async () => {
    const slots = 48
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('open' as const, 'won' as const, 'lost' as const),
        fc.array(fc.nat(1000), { minLength: slots, maxLength: slots }),
        fc.array(fc.boolean(), { minLength: slots / 2, maxLength: slots / 2 }),
        async (outcome, keys, twice) => {
          const ids = await disputedPayment()
          if (outcome !== 'open') await closeDisputeAt(ids.disputeId, outcome)
          const events = await sessionEvents(ids.checkoutUrl)
          expect(events.length).toBeLessThanOrEqual(slots / 2)
          const plan = events
            .flatMap((event, i) => (twice[i] ? [event, event] : [event]))
            .map((event, j) => ({ event, key: keys[j]! * slots + j }))
            .sort((a, b) => a.key - b.key)
            .map(({ event }) => event)
          await deliverAll(plan)
          await expectSettled(ids, outcome)
        },
      ),
      { numRuns: 12 },
    )
  }, 120_000)
})

describe("a dispute that is not an order's", () => {
  it('leaves a disputed member share to the membership: answered 200, nothing recorded', async () => {
    const member = await signUp({ display_name: 'Joiner' })
    const started = await call('/api/v1/membership/checkout', { method: 'POST', as: member })
    expect(started.status).toBe(201)
    const { checkout_url } = await started.json<{ checkout_url: string }>()
    expect((await payCheckout(checkout_url, DISPUTED_CARD)).status).toBe(303)
    const before = await db
      .selectFrom('disputes')
      .select(db.fn.countAll().as('n'))
      .executeTakeFirst()
    const events = await emulatorEvents(sessionIdOf(checkout_url))
    expect(events.map((e) => e.type)).toContain('charge.dispute.created')
    for (const event of events) expect((await deliver(event)).status).toBe(200)
    const after = await db
      .selectFrom('disputes')
      .select(db.fn.countAll().as('n'))
      .executeTakeFirst()
    expect(after).toEqual(before)
  })
})
