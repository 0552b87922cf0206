/** What a feature's Stripe event handler gives back to the webhook dispatcher. */
import type { Compilable } from 'kysely'
import type Stripe from 'stripe'

import type { Bindings } from '../app.ts'
import type { NewJob } from '../jobs/types.ts'

/** A statement a handler contributes to the event's batch. */
export type Statement = Compilable | D1PreparedStatement

/**
 * The whole effect of an event: statements that commit together with the event id, and the jobs
 * (outbox rows, written in the same batch) for work that must call Stripe afterwards.
 */
export interface Effect {
  statements: Statement[]
  jobs?: NewJob[]
  /** Ids of jobs the statements write themselves (an email's, functions/email/outbox.ts). */
  jobIds?: string[]
}

/** No change: an event this app has nothing to do for (a session it did not open, say). */
export const noEffect: Effect = { statements: [] }

/**
 * A feature's handler for one event type. It reads current state and returns the effect; it
 * throws to mean "not now" (the event is answered 503 so Stripe retries it), or an AppError
 * 4xx for an event whose object it cannot accept.
 */
export type StripeEventHandler = (env: Bindings, event: Stripe.Event) => Promise<Effect>

/** Handlers by event type, as each feature exports them and functions/index.ts merges them. */
export type StripeEventHandlers = Partial<Record<Stripe.Event.Type, StripeEventHandler>>
