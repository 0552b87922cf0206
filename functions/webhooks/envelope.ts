/**
 * The envelope every Stripe event must have before any handler sees it. A signed body can
 * still be malformed (a test tool, a future API version): such an event is a 400 that changes
 * nothing, not a handler crash.
 */
import type Stripe from 'stripe'
import { z } from 'zod'

import { parseWith } from '../lib/validate.ts'

const stripeObject = z.looseObject({ object: z.string().min(1) })

/** `{id, type, data: {object}}`, the object being a Stripe object (it names its `object` kind). */
export const stripeEventEnvelope = z.looseObject({
  id: z.string().min(1),
  object: z.literal('event'),
  type: z.string().min(1),
  data: z.looseObject({ object: stripeObject }),
})

/** The verified event, or 400 `invalid_input` naming what is missing. */
export function parseStripeEvent(event: unknown): Stripe.Event {
  parseWith(stripeEventEnvelope, event)
  return event as Stripe.Event
}
