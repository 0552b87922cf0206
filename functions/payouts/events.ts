/** The payouts feature's Stripe events: a seller's Connect account changed at Stripe. */
import type Stripe from 'stripe'

import type { Bindings } from '../app.ts'
import { database } from '../lib/db.ts'
import { type Effect, type StripeEventHandlers, noEffect } from '../webhooks/types.ts'
import { refreshPayoutsStatus } from './service.ts'

/** Re-reads the account from Stripe and records whether transfers to it are active. */
async function accountUpdated(env: Bindings, event: Stripe.Event): Promise<Effect> {
  const account = event.data.object as Partial<Stripe.Account>
  if (typeof account.id !== 'string') return noEffect
  const known = await database(env.DB)
    .selectFrom('accounts')
    .select('id')
    .where('stripe_account_id', '=', account.id)
    .executeTakeFirst()
  // Only accounts this app made for its sellers count.
  if (!known) return noEffect
  return { statements: [await refreshPayoutsStatus(env, account.id)] }
}

/** The payouts feature's event handlers. */
export const payoutEvents: StripeEventHandlers = { 'account.updated': accountUpdated }
