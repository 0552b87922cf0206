/**
 * What the account page says about a membership beyond its status: whether a paid share is
 * still being confirmed (so the page offers no second payment), and a withdrawal waiting.
 */
import type { Bindings } from '../app.ts'
import { database } from '../lib/db.ts'
import { stripeClient } from '../lib/stripe.ts'
import type { AccountRow } from '../../schema/tables.ts'
import { latestOpenShareCheckout, pendingWithdrawalOf } from './repository.ts'

/** The account page's membership extras. */
export interface MembershipPageState {
  /** Paid at Stripe (or just back from paying), but the webhook has not landed yet. */
  confirming: boolean
  withdrawal: { status: 'pending'; requested_at: string } | null
}

/**
 * Whether a pending member's share checkout is already paid. The `?share=paid` return says so
 * at once; otherwise Stripe is asked about the latest open checkout, since a member who closed
 * the tab after paying must not be invited to pay again. A failed lookup counts as unpaid.
 */
async function shareBeingConfirmed(env: Bindings, account: AccountRow, shareParam?: string) {
  if (account.membership_status !== 'pending') return false
  if (shareParam === 'paid') return true
  const open = await latestOpenShareCheckout(database(env.DB), account.id)
  if (!open) return false
  try {
    const session = await stripeClient(env).checkout.sessions.retrieve(open.id)
    return session.status === 'complete'
  } catch (error) {
    console.warn(`share checkout ${open.id} could not be checked:`, error)
    return false
  }
}

/** The membership extras of the account page for `account`. */
export async function membershipPageState(
  env: Bindings,
  account: AccountRow,
  shareParam?: string,
): Promise<MembershipPageState> {
  const [confirming, request] = await Promise.all([
    shareBeingConfirmed(env, account, shareParam),
    pendingWithdrawalOf(database(env.DB), account.id),
  ])
  return {
    confirming,
    withdrawal: request ? { status: 'pending', requested_at: request.created_at } : null,
  }
}
