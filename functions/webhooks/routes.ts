/**
 * `POST /webhooks/stripe`: verify, deduplicate, dispatch; nothing else lives in this folder.
 * The features' handlers come in from functions/index.ts, so this router knows no feature.
 */
import { router } from '../app.ts'
import { readBodyText } from '../lib/validate.ts'
import { parseStripeEvent } from './envelope.ts'
import { processStripeEvent } from './process.ts'
import type { StripeEventHandlers } from './types.ts'
import { verifyStripeSignature } from './verify.ts'

/** Stripe's events are well under this; anything larger is not from Stripe. */
const MAX_EVENT_BYTES = 512 * 1024

/** The webhook router, dispatching to `handlers` by event type. */
export function stripeWebhookRoutes(handlers: StripeEventHandlers) {
  const routes = router()
  routes.post('/stripe', async function stripeWebhook(c) {
    const raw = await readBodyText(c.req.raw, MAX_EVENT_BYTES)
    const signed = await verifyStripeSignature(c.env, raw, c.req.header('stripe-signature'))
    const event = parseStripeEvent(signed)
    const outcome = await processStripeEvent(c.env, event, handlers)
    return c.json({ received: true, ...(outcome === 'duplicate' && { duplicate: true }) })
  })
  return routes
}
