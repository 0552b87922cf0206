/**
 * The disputes feature's Stripe events. Every `charge.dispute.*` event is only a prompt: the
 * handler reads the dispute from Stripe as it is now and brings the app in line with it
 * (./service.ts), so each event can come twice or in any order.
 */
import type Stripe from 'stripe'

import type { Bindings } from '../app.ts'
import { database } from '../lib/db.ts'
import { stripeClient } from '../lib/stripe.ts'
import { findOrder } from '../orders/repository.ts'
import { type Effect, type StripeEventHandlers, noEffect } from '../webhooks/types.ts'
import { disputeEffect } from './service.ts'
import { disputeFacts } from './stripe-facts.ts'

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
  return disputeEffect(db, order, facts, closedAt)
}

/** The handlers, merged into the webhook's map in functions/server.ts. */
export const disputeEvents: StripeEventHandlers = {
  'charge.dispute.created': syncDispute,
  'charge.dispute.updated': syncDispute,
  'charge.dispute.funds_withdrawn': syncDispute,
  'charge.dispute.funds_reinstated': syncDispute,
  'charge.dispute.closed': syncDispute,
}
