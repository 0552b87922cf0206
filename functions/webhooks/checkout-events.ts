/**
 * Checkout Session events. Amounts come from the app's own checkout_sessions rows and from
 * Stripe's API, never from the event body.
 */
import type Stripe from 'stripe'

import type { Bindings } from '../app.ts'
import { database } from '../lib/db.ts'
import { shareExpiryStatements, shareIssueStatements } from '../membership/service.ts'
import { duplicateShareStatements } from '../membership/duplicates.ts'
import type { Statement } from './types.ts'

function sessionRow(env: Bindings, id: string) {
  return database(env.DB)
    .selectFrom('checkout_sessions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
}

/** A paid session: issue the member share (orders come with the orders issue). */
export async function checkoutCompleted(env: Bindings, event: Stripe.Event): Promise<Statement[]> {
  const session = event.data.object as Stripe.Checkout.Session
  const row = await sessionRow(env, session.id)
  // Only sessions this app opened count, and only once they are paid (async methods may not be).
  if (!row || row.status === 'complete' || session.payment_status !== 'paid') return []
  const paymentIntentId =
    typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id
  if (!paymentIntentId || row.purpose !== 'member_share') return []

  const existing = await database(env.DB)
    .selectFrom('member_shares')
    .select('checkout_session_id')
    .where('account_id', '=', row.account_id)
    .executeTakeFirst()
  if (existing) return duplicateShareStatements(env, row, paymentIntentId)
  return shareIssueStatements(env, row, paymentIntentId)
}

/** An unpaid session expired: release the pending membership. */
export async function checkoutExpired(env: Bindings, event: Stripe.Event): Promise<Statement[]> {
  const session = event.data.object as Stripe.Checkout.Session
  const row = await sessionRow(env, session.id)
  if (!row || row.status !== 'open' || row.purpose !== 'member_share') return []
  return shareExpiryStatements(env, row, new Date())
}
