/** Connect account events: a seller's payouts account changed at Stripe. */
import type Stripe from 'stripe'

import type { Bindings } from '../app.ts'
import { database } from '../lib/db.ts'
import { refreshPayoutsStatus } from '../payouts/service.ts'
import type { Statement } from './types.ts'

/** Re-reads the account from Stripe and records whether transfers to it are active. */
export async function accountUpdated(env: Bindings, event: Stripe.Event): Promise<Statement[]> {
  const account = event.data.object as Stripe.Account
  const known = await database(env.DB)
    .selectFrom('accounts')
    .select('id')
    .where('stripe_account_id', '=', account.id)
    .executeTakeFirst()
  // Only accounts this app made for its sellers count.
  if (!known) return []
  return [await refreshPayoutsStatus(env, account.id)]
}
