/**
 * A seller's payouts account: one Stripe Connect Express account per seller, made once, and
 * the onboarding link that sends them to Stripe. Buyers can buy from a seller only once Stripe
 * says transfers to that account are active (`payouts_ready`).
 */
import type Stripe from 'stripe'

import type { AccountRow } from '../../schema/tables.ts'
import type { Bindings, Viewer } from '../app.ts'
import { requirePermission } from '../access/api.ts'
import { publicOrigin } from '../lib/config.ts'
import { database } from '../lib/db.ts'
import { callStripe, stripeClient } from '../lib/stripe.ts'
import { payoutsReadyOf } from './repository.ts'

/** Whether Stripe will accept transfers to the account: the only readiness that matters here. */
export function transfersActive(account: Stripe.Account): boolean {
  return account.capabilities?.transfers === 'active' && account.payouts_enabled === true
}

/**
 * The seller's Express account id, creating it the first time. The idempotency key is the
 * member's, so two clicks at once still make one Stripe account, and the UPDATE only fills an
 * empty column.
 */
async function expressAccountOf(env: Bindings, account: AccountRow): Promise<string> {
  if (account.stripe_account_id) return account.stripe_account_id
  const created = await callStripe(() =>
    stripeClient(env).accounts.create(
      {
        type: 'express',
        email: account.email,
        capabilities: { transfers: { requested: true } },
        metadata: { account_id: account.id },
      },
      { idempotencyKey: `connect-account:${account.id}` },
    ),
  )
  await database(env.DB)
    .updateTable('accounts')
    .set({ stripe_account_id: created.id })
    .where('id', '=', account.id)
    .where('stripe_account_id', 'is', null)
    .execute()
  return created.id
}

/** The Stripe onboarding URL for an approved seller (403 for anyone else). */
export async function startPayoutsOnboarding(env: Bindings, viewer: Viewer, requestUrl: string) {
  requirePermission(viewer, 'approvedSeller', 'Only approved sellers set up payouts.')
  const accountId = await expressAccountOf(env, viewer.account)
  const origin = publicOrigin(env, requestUrl)
  const link = await callStripe(() =>
    stripeClient(env).accountLinks.create({
      account: accountId,
      type: 'account_onboarding',
      refresh_url: `${origin}/sell/payouts`,
      return_url: `${origin}/sell/payouts/return`,
    }),
  )
  return { onboarding_url: link.url }
}

/**
 * Reads the seller's Connect account from Stripe and records whether transfers are active.
 * Used by the `account.updated` webhook and on the seller's return from onboarding; reading
 * the current state (rather than trusting an event's copy) makes late or repeated events
 * harmless.
 */
export async function refreshPayoutsStatus(env: Bindings, stripeAccountId: string) {
  const account = await callStripe(() => stripeClient(env).accounts.retrieve(stripeAccountId))
  return database(env.DB)
    .updateTable('accounts')
    .set({ payouts_ready: transfersActive(account) ? 1 : 0 })
    .where('stripe_account_id', '=', stripeAccountId)
}

/**
 * The seller is back from Stripe's onboarding: reads their account now rather than wait for
 * the webhook, and says whether they can be paid (null when they have no Stripe account yet).
 */
export async function payoutsReadyOnReturn(env: Bindings, viewer: Viewer): Promise<boolean | null> {
  const stripeAccount = viewer.account.stripe_account_id
  if (!stripeAccount) return null
  await (await refreshPayoutsStatus(env, stripeAccount)).execute()
  return (await payoutsReadyOf(database(env.DB), viewer.account.id)) ?? false
}
