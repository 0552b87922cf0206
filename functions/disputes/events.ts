/**
 * The disputes feature's Stripe events. Every `charge.dispute.*` event is only a prompt: the
 * handler reads the dispute from Stripe as it is now and brings the app in line with it
 * (./service.ts), so each event can come twice or in any order.
 */
import { eventEmails } from '../notify/links.ts'
import type Stripe from 'stripe'

import type { Bindings } from '../app.ts'
import { database } from '../lib/db.ts'
import { stripeClient } from '../lib/stripe.ts'
import { findOrder, itemsOfOrders } from '../orders/repository.ts'
import { emailStatements } from '../email/outbox.ts'
import { disputeOpenedEmails, recipients } from '../notify/emails.ts'
import type { OrderRow } from '../../schema/tables.ts'
import { type Effect, type StripeEventHandlers, noEffect } from '../webhooks/types.ts'
import { disputeEffect } from './service.ts'
import { type DisputeFacts, disputeFacts } from './stripe-facts.ts'

const isoFromSeconds = (seconds: number) => new Date(seconds * 1000).toISOString()

async function syncDispute(env: Bindings, event: Stripe.Event): Promise<Effect> {
  const object = event.data.object as Partial<Stripe.Dispute>
  if (object.object !== 'dispute' || typeof object.id !== 'string') return noEffect
  const facts = await disputeFacts(stripeClient(env), object.id)
  // A dispute of a payment that is not an order's (the member share's): not this feature's.
  if (!facts.orderId) return noEffect
  const db = database(env.DB)
  const order = await findOrder(db, facts.orderId)
  if (!order) return noEffect
  const closedAt =
    event.type === 'charge.dispute.closed' ? isoFromSeconds(event.created) : undefined
  const effect = await disputeEffect(db, order, facts, closedAt)
  return { ...effect, ...(await openedEmails(env, order, facts, effect)) }
}

/**
 * The sellers of the order learn of the dispute from the first of its events the app records
 * (later ones find its row and send nothing); a dispute on a cancelled order tells no one.
 */
async function openedEmails(env: Bindings, order: OrderRow, facts: DisputeFacts, effect: Effect) {
  if (effect.statements.length === 0) return {}
  const db = database(env.DB)
  const known = await db
    .selectFrom('disputes')
    .select('id')
    .where('stripe_dispute_id', '=', facts.disputeId)
    .executeTakeFirst()
  if (known) return {}
  const items = await itemsOfOrders(db, [order.id])
  const people = await recipients(
    db,
    items.map((item) => item.seller_id),
  )
  const dispute = { id: facts.disputeId, amount_cents: facts.amount, currency: facts.currency }
  const emails = eventEmails(() => disputeOpenedEmails(env, order, items, people, dispute))
  const email = await emailStatements(db, env, emails, new Date())
  return {
    statements: [...effect.statements, ...email.statements],
    jobIds: [...(effect.jobIds ?? []), ...email.jobIds],
  }
}

/** The handlers, merged into the webhook's map in functions/server.ts. */
export const disputeEvents: StripeEventHandlers = {
  'charge.dispute.created': syncDispute,
  'charge.dispute.updated': syncDispute,
  'charge.dispute.funds_withdrawn': syncDispute,
  'charge.dispute.funds_reinstated': syncDispute,
  'charge.dispute.closed': syncDispute,
}
