/**
 * The membership feature's Stripe events: a share checkout paid or expired. Amounts come from
 * the app's own checkout_sessions rows and from Stripe's API, never from the event body.
 */
import { eventEmails } from '../notify/links.ts'
import type Stripe from 'stripe'

import type { Bindings } from '../app.ts'
import { database } from '../lib/db.ts'
import { AppError } from '../lib/errors.ts'
import { emailStatements } from '../email/outbox.ts'
import { membershipActiveEmail, recipients } from '../notify/emails.ts'
import { type Effect, type StripeEventHandlers, noEffect } from '../webhooks/types.ts'
import { duplicateShareEffect } from './duplicates.ts'
import { shareExpiryStatements, shareIssueStatements } from './service.ts'

/** The session in an event, or 400: a checkout event always carries one with its id. */
function sessionOf(event: Stripe.Event): Stripe.Checkout.Session {
  const session = event.data.object as Partial<Stripe.Checkout.Session>
  if (session.object !== 'checkout.session' || typeof session.id !== 'string') {
    throw new AppError(400, 'invalid_input', 'The event does not carry a Checkout Session.', {
      'data.object': 'Expected a checkout.session with an id.',
    })
  }
  return session as Stripe.Checkout.Session
}

function sessionRow(env: Bindings, id: string) {
  return database(env.DB)
    .selectFrom('checkout_sessions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Whether the member holds a share now (one not redeemed by a withdrawal). */
async function holdsShare(env: Bindings, accountId: string) {
  const share = await database(env.DB)
    .selectFrom('member_shares')
    .select('id')
    .where('account_id', '=', accountId)
    .where('redeemed_at', 'is', null)
    .executeTakeFirst()
  return share !== undefined
}

/**
 * A paid share session issues the share, or, when the member already holds one, completes the
 * session and leaves its refund to a job. Computed from the state found now: if a racing
 * payment issues a share before this batch commits, the batch fails, the event is answered 503,
 * and its redelivery takes the duplicate path.
 */
async function checkoutCompleted(env: Bindings, event: Stripe.Event): Promise<Effect> {
  const session = sessionOf(event)
  const row = await sessionRow(env, session.id)
  // Only sessions this app opened count, and only once they are paid (async methods may not be).
  if (!row || row.status === 'complete' || session.payment_status !== 'paid') return noEffect
  const paymentIntentId =
    typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id
  if (!paymentIntentId || row.purpose !== 'member_share') return noEffect
  if (await holdsShare(env, row.account_id)) {
    return duplicateShareEffect(env, row, paymentIntentId, new Date())
  }
  const statements = await shareIssueStatements(env, row, paymentIntentId)
  // "Your membership is active", in the share's batch: once per paid share checkout.
  const db = database(env.DB)
  const member = (await recipients(db, [row.account_id])).get(row.account_id)
  const email = member
    ? await emailStatements(
        db,
        env,
        eventEmails(() => [membershipActiveEmail(env, member, row.id)]),
        new Date(),
      )
    : { statements: [], jobIds: [] }
  return { statements: [...statements, ...email.statements], jobIds: email.jobIds }
}

/** An unpaid session expired: release the pending membership. */
async function checkoutExpired(env: Bindings, event: Stripe.Event): Promise<Effect> {
  const session = sessionOf(event)
  const row = await sessionRow(env, session.id)
  if (!row || row.status !== 'open' || row.purpose !== 'member_share') return noEffect
  return { statements: await shareExpiryStatements(env, row, new Date()) }
}

/** The membership feature's event handlers. */
export const membershipEvents: StripeEventHandlers = {
  'checkout.session.completed': checkoutCompleted,
  'checkout.session.async_payment_succeeded': checkoutCompleted,
  'checkout.session.expired': checkoutExpired,
}
