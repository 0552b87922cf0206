/**
 * `POST /webhooks/stripe`: verify, deduplicate, dispatch. Each handler returns the statements
 * of its change; they run in one batch with the insert of the event id, whose PRIMARY KEY makes
 * a second delivery of the same event fail the batch and change nothing.
 */
import type Stripe from 'stripe'

import { router } from '../app.ts'
import type { Bindings } from '../app.ts'
import { atomically, database } from '../lib/db.ts'
import { isUniqueViolation } from '../lib/errors.ts'
import { stripeClient, verifyStripeEvent } from '../lib/stripe.ts'
import { readBodyText } from '../lib/validate.ts'
import { accountUpdated } from './account-events.ts'
import { checkoutCompleted, checkoutExpired } from './checkout-events.ts'
import type { Statement } from './types.ts'

export const webhookRoutes = router()

/** Stripe's events are well under this; anything larger is not from Stripe. */
const MAX_EVENT_BYTES = 512 * 1024

type Handler = (env: Bindings, event: Stripe.Event) => Promise<Statement[]>

const handlers: Partial<Record<Stripe.Event.Type, Handler>> = {
  'checkout.session.completed': checkoutCompleted,
  'checkout.session.async_payment_succeeded': checkoutCompleted,
  'checkout.session.expired': checkoutExpired,
  'account.updated': accountUpdated,
}

webhookRoutes.post('/stripe', async (c) => {
  const raw = await readBodyText(c.req.raw, MAX_EVENT_BYTES)
  const stripe = stripeClient(c.env)
  const event = await verifyStripeEvent(
    stripe,
    raw,
    c.req.header('stripe-signature'),
    c.env.STRIPE_WEBHOOK_SECRET,
  )
  const db = database(c.env.DB)
  const seen = await db
    .selectFrom('stripe_events')
    .select('id')
    .where('id', '=', event.id)
    .executeTakeFirst()
  if (seen) return c.json({ received: true, duplicate: true })

  const statements = (await handlers[event.type]?.(c.env, event)) ?? []
  try {
    await atomically(c.env.DB, [
      db.insertInto('stripe_events').values({
        id: event.id,
        type: event.type,
        received_at: new Date().toISOString(),
      }),
      ...statements,
    ])
  } catch (error) {
    // A concurrent delivery of the same event won the race: its batch already applied.
    if (isUniqueViolation(error)) return c.json({ received: true, duplicate: true })
    throw error
  }
  return c.json({ received: true })
})
