/**
 * Deduplicate and dispatch one verified event. The handler's statements, its jobs and the
 * insert of the event id run in one batch: the event is recorded exactly when its whole effect
 * is. Only a conflict on the event id is a duplicate; any other failure is a 503, so Stripe
 * delivers the event again and the handler recomputes its effect from the state it then finds.
 */
import type Stripe from 'stripe'

import type { Bindings } from '../app.ts'
import { type DB, atomically, database } from '../lib/db.ts'
import { AppError } from '../lib/errors.ts'
import { outboxStatements, sendJobs } from '../jobs/outbox.ts'
import { type Effect, type StripeEventHandlers, noEffect } from './types.ts'

/** What became of an event: its effect committed now, or it had been already. */
export type EventOutcome = 'processed' | 'duplicate'

/** The answer that makes Stripe retry: the effect did not commit, and nothing else did. */
export const retryLater = () =>
  new AppError(503, 'retry_later', 'The event could not be processed now; deliver it again.')

async function seen(db: DB, eventId: string): Promise<boolean> {
  const row = await db
    .selectFrom('stripe_events')
    .select('id')
    .where('id', '=', eventId)
    .executeTakeFirst()
  return row !== undefined
}

async function effectOf(env: Bindings, event: Stripe.Event, handlers: StripeEventHandlers) {
  const handler = handlers[event.type]
  if (!handler) return noEffect
  try {
    return await handler(env, event)
  } catch (error) {
    // A 4xx says the event itself is unacceptable; anything else (Stripe unreachable, a fee
    // not settled yet) may pass, so Stripe should try again.
    if (error instanceof AppError && error.status < 500) throw error
    console.error(`event ${event.id} (${event.type}): handler failed`, error)
    throw retryLater()
  }
}

/** Processes `event` once; throws {@link retryLater} when its effect could not commit. */
export async function processStripeEvent(
  env: Bindings,
  event: Stripe.Event,
  handlers: StripeEventHandlers,
  now = new Date(),
): Promise<EventOutcome> {
  const db = database(env.DB)
  if (await seen(db, event.id)) return 'duplicate'
  const effect: Effect = await effectOf(env, event, handlers)
  const outbox = outboxStatements(env, effect.jobs ?? [], now)
  try {
    await atomically(env.DB, [
      db
        .insertInto('stripe_events')
        .values({ id: event.id, type: event.type, received_at: now.toISOString() }),
      ...effect.statements,
      ...outbox.statements,
    ])
  } catch (error) {
    // A concurrent delivery of this event committed first: its effect is in.
    if (await seen(db, event.id)) return 'duplicate'
    // Another constraint refused the effect (a racing event changed the state it was computed
    // from): nothing was written, and the redelivery recomputes it.
    console.error(`event ${event.id} (${event.type}): batch refused`, error)
    throw retryLater()
  }
  await sendJobs(env, [...outbox.ids, ...(effect.jobIds ?? [])])
  return 'processed'
}
