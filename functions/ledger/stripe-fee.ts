/**
 * What the ledger needs to know from Stripe about a payment: its charge, and the charge's
 * balance transaction, whose `fee` is the processing fee and whose `created` dates it.
 */
import type Stripe from 'stripe'

/** The booked facts of a paid PaymentIntent. Times are ISO strings from Stripe's clock. */
export interface PaymentFacts {
  paymentIntentId: string
  chargeId: string
  /** When the charge succeeded (`charge.created`). */
  paidAt: string
  balanceTransactionId: string
  fee: number
  /** The fee's date: the balance transaction's `created`, never our clock. */
  feeAt: string
}

/**
 * Thrown while Stripe has not yet attached a balance transaction to the charge. It means
 * "retry later": the webhook answers non-2xx so that Stripe delivers the event again; booking
 * a fee of 0 instead would lose the real fee for good.
 */
export class BalanceTransactionPending extends Error {
  override name = 'BalanceTransactionPending'
}

const isoFromSeconds = (seconds: number) => new Date(seconds * 1000).toISOString()

/** Reads the charge and balance transaction of a PaymentIntent (one API call, expanded). */
export async function paymentFacts(stripe: Stripe, paymentIntentId: string): Promise<PaymentFacts> {
  const intent = await stripe.paymentIntents.retrieve(paymentIntentId, {
    expand: ['latest_charge.balance_transaction'],
  })
  const charge = intent.latest_charge
  if (!charge || typeof charge === 'string') {
    throw new BalanceTransactionPending(`${paymentIntentId} has no charge yet`)
  }
  const txn = charge.balance_transaction
  if (!txn || typeof txn === 'string' || !Number.isSafeInteger(txn.fee)) {
    throw new BalanceTransactionPending(`${charge.id} has no balance transaction yet`)
  }
  return {
    paymentIntentId,
    chargeId: charge.id,
    paidAt: isoFromSeconds(charge.created),
    balanceTransactionId: txn.id,
    fee: txn.fee,
    feeAt: isoFromSeconds(txn.created),
  }
}
