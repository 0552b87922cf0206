/**
 * The orders feature's Stripe events: an order's Checkout Session paid (completed and paid, or
 * its async payment succeeded), expired or failed. Amounts come from the order's own rows and
 * Stripe's API, never from the event. Each handler reads the order's state and does nothing
 * when the event no longer applies, so a repeated or late event (an expiry after the payment)
 * changes nothing; the status trigger of 0007_orders.sql guards the races between them.
 */
import { eventEmails } from '../notify/links.ts'
import type Stripe from 'stripe'

import type { Bindings } from '../app.ts'
import { newId } from '../lib/crypto.ts'
import { database } from '../lib/db.ts'
import { stripeClient } from '../lib/stripe.ts'
import { processingFee } from '../ledger/builders-coop.ts'
import { sale } from '../ledger/builders-sales.ts'
import { removeLines } from '../cart/repository.ts'
import { recordTransaction } from '../ledger/repository.ts'
import { paymentFacts } from '../ledger/stripe-fee.ts'
import { commitSale } from '../listings/stock.ts'
import type { NewJob } from '../jobs/types.ts'
import { emailStatements } from '../email/outbox.ts'
import { orderPaidEmails, recipients } from '../notify/emails.ts'
import {
  type Effect,
  type StripeEventHandler,
  type StripeEventHandlers,
  noEffect,
} from '../webhooks/types.ts'
import type { OrderItemRow, OrderRow } from '../../schema/tables.ts'
import { ORDER_PURPOSE } from './checkout.ts'
import { cancelOrder, findOrder, holdIdOf, itemsOfOrders } from './repository.ts'
import { payoutsBySeller, saleLinesOf, transferJobPayload } from './transfers.ts'

/** The Checkout Session an event carries, when it is one of an order's (metadata and reference). */
function orderSessionOf(event: Stripe.Event): Stripe.Checkout.Session | undefined {
  const session = event.data.object as Partial<Stripe.Checkout.Session>
  if (session.object !== 'checkout.session' || typeof session.id !== 'string') return undefined
  if (session.metadata?.purpose !== ORDER_PURPOSE || !session.client_reference_id) return undefined
  return session as Stripe.Checkout.Session
}

/** The order a session belongs to: the one it names, and only if the session is that order's. */
async function orderOf(env: Bindings, session: Stripe.Checkout.Session) {
  const db = database(env.DB)
  const order = await findOrder(db, session.client_reference_id ?? '')
  if (!order) return undefined
  // Before the session id is stored (a crash right after Stripe answered) the reference decides.
  const ours = order.stripe_checkout_session_id ?? session.id
  if (ours !== session.id) return undefined
  return { order, items: await itemsOfOrders(db, [order.id]) }
}

const intentIdOf = (session: Stripe.Checkout.Session) =>
  typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id

/** The ship-to address Checkout collected, as the order stores it. */
function collectedAddress(session: Stripe.Checkout.Session): string | undefined {
  const details = session.collected_information?.shipping_details
  if (!details) return undefined
  return JSON.stringify({ name: details.name, ...details.address })
}

/** The transfer jobs of a paid order: one per seller owed more than 0. */
function transferJobs(order: OrderRow, items: readonly OrderItemRow[]): NewJob[] {
  return payoutsBySeller(items)
    .filter((payout) => payout.amount > 0)
    .map((payout) => ({
      kind: 'seller_transfer',
      dedupeKey: `transfer:${order.id}:${payout.sellerId}`,
      payload: transferJobPayload(order.id, payout.sellerId),
    }))
}

/**
 * A paid order: marked paid with its charge, its holds sold, the sale and Stripe's fee booked,
 * one transfer job per seller, and the bought pieces out of the buyer's cart, all in the event's batch. Throws (a 503, so Stripe retries)
 * while the charge has no balance transaction yet.
 */
async function orderPaid(env: Bindings, event: Stripe.Event): Promise<Effect> {
  const session = orderSessionOf(event)
  const found = session && (await orderOf(env, session))
  if (!session || !found || session.payment_status !== 'paid') return noEffect
  const { order, items } = found
  const intentId = intentIdOf(session)
  if (order.status !== 'pending' || !intentId) {
    if (order.status === 'cancelled') console.error(`order ${order.id}: paid after cancelling`)
    return noEffect
  }
  const facts = await paymentFacts(stripeClient(env), intentId)
  const db = database(env.DB)
  const now = new Date().toISOString()
  const stripe = { paymentIntent: intentId, charge: facts.chargeId }
  const booking = sale(
    { id: newId('ltx'), currency: order.currency, occurredAt: facts.paidAt, memo: 'Order paid' },
    {
      orderId: order.id,
      stripe,
      lines: saleLinesOf(items),
    },
  )
  const fee =
    facts.fee > 0
      ? processingFee(
          { id: newId('ltx'), currency: order.currency, occurredAt: facts.feeAt },
          {
            fee: facts.fee,
            balanceTransactionId: facts.balanceTransactionId,
            source: { type: 'order', id: order.id },
            stripe,
          },
        )
      : undefined
  const shipTo = collectedAddress(session) ?? order.shipping_address
  const people = await recipients(db, [order.buyer_id, ...items.map((item) => item.seller_id)])
  const email = await emailStatements(
    db,
    env,
    eventEmails(() => orderPaidEmails(env, order, items, people, shipTo)),
    new Date(),
  )
  const paid = db
    .updateTable('orders')
    .set({
      status: 'paid',
      paid_at: facts.paidAt,
      updated_at: now,
      stripe_checkout_session_id: session.id,
      stripe_payment_intent_id: intentId,
      stripe_charge_id: facts.chargeId,
      shipping_address: shipTo,
    })
    .where('id', '=', order.id)
    // A cancellation that committed since the read is refused by the status trigger, which
    // aborts this batch rather than selling released stock.
    .where('status', 'in', ['pending', 'cancelled'])
  return {
    statements: [
      paid,
      ...items
        .filter((item) => item.kind === 'physical')
        .flatMap((item) => commitSale(db, holdIdOf(item.id), now)),
      ...recordTransaction(db, booking),
      ...(fee ? recordTransaction(db, fee) : []),
      // Bought: out of the buyer's cart (what else is in it stays for later).
      removeLines(db, order.buyer_id, [...new Set(items.map((item) => item.listing_id))]),
      // The buyer's receipt and each seller's new sale, in the payment's batch.
      ...email.statements,
    ],
    jobs: transferJobs(order, items),
    jobIds: email.jobIds,
  }
}

/** An unpaid session expired or its async payment failed: the pending order is cancelled. */
async function orderAbandoned(env: Bindings, event: Stripe.Event): Promise<Effect> {
  const session = orderSessionOf(event)
  const found = session && (await orderOf(env, session))
  if (!found || found.order.status !== 'pending') return noEffect
  return {
    statements: cancelOrder(
      database(env.DB),
      found.order.id,
      found.items,
      new Date().toISOString(),
    ),
  }
}

const ORDER_HANDLERS: StripeEventHandlers = {
  'checkout.session.completed': orderPaid,
  'checkout.session.async_payment_succeeded': orderPaid,
  'checkout.session.expired': orderAbandoned,
  'checkout.session.async_payment_failed': orderAbandoned,
}

/**
 * The handler map with order sessions routed here and every other session (the member share's)
 * to the handlers given: both features listen to the same checkout event types.
 */
export function withOrderEvents(others: StripeEventHandlers): StripeEventHandlers {
  const merged: StripeEventHandlers = { ...others }
  for (const [type, handler] of Object.entries(ORDER_HANDLERS) as [
    Stripe.Event.Type,
    StripeEventHandler,
  ][]) {
    const other = others[type]
    merged[type] = (env, event) =>
      orderSessionOf(event)
        ? handler(env, event)
        : (other?.(env, event) ?? Promise.resolve(noEffect))
  }
  return merged
}
