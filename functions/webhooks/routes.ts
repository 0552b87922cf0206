/**
 * `POST /webhooks/stripe`: verify, deduplicate, dispatch; nothing else lives in this folder.
 * The features' handlers come in from functions/index.ts, so this router knows no feature.
 */
import { z } from 'zod'

import { errorsOf } from '../lib/responses.ts'
import { apiRouter, declareRoute, jsonAnswer, rawBody } from '../lib/routes.ts'
import { readBodyText } from '../lib/validate.ts'
import { parseStripeEvent } from './envelope.ts'
import { processStripeEvent } from './process.ts'
import type { StripeEventHandlers } from './types.ts'
import { verifyStripeSignature } from './verify.ts'

/** Stripe's events are well under this; anything larger is not from Stripe. */
const MAX_EVENT_BYTES = 512 * 1024

const stripeWebhookRoute = declareRoute({
  method: 'post',
  path: '/stripe',
  tag: 'Webhooks',
  summary: 'Stripe events: verified by their signature, each processed once.',
  permission: 'anonymous',
  csrf: 'signature',
  request: {
    headers: z.object({ 'stripe-signature': z.string().optional() }),
    // Read raw by the handler: the signature is over the exact bytes.
    body: rawBody(
      'application/json',
      {
        type: 'object',
        properties: { id: { type: 'string' }, type: { type: 'string' }, data: { type: 'object' } },
        required: ['id', 'type'],
      },
      'A Stripe event, signed with the endpoint secret.',
    ),
  },
  responses: {
    200: jsonAnswer(
      'Received (and processed, or already processed before).',
      z.object({ received: z.literal(true), duplicate: z.literal(true).optional() }),
    ),
    ...errorsOf(400, 413, 503),
  },
})

/** The webhook router, dispatching to `handlers` by event type. */
export function stripeWebhookRoutes(handlers: StripeEventHandlers) {
  const routes = apiRouter()
  routes.openapi(stripeWebhookRoute, async function stripeWebhook(c) {
    const raw = await readBodyText(c.req.raw, MAX_EVENT_BYTES)
    const signed = await verifyStripeSignature(c.env, raw, c.req.header('stripe-signature'))
    const event = parseStripeEvent(signed)
    const outcome = await processStripeEvent(c.env, event, handlers)
    return c.json(
      { received: true as const, ...(outcome === 'duplicate' && { duplicate: true as const }) },
      200,
    )
  })
  return routes
}
