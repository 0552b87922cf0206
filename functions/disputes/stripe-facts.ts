/**
 * What the app books about a dispute, read from Stripe's Dispute object as it is now (never
 * from an event's copy): its order, status, and the money its balance transactions moved.
 */
import type Stripe from 'stripe'

import { sumCents } from '../lib/money.ts'
import { ORDER_PURPOSE } from '../orders/checkout.ts'
import type { DisputeStatus } from '../../schema/tables.ts'

/** Money a set of balance transactions moved, dated by the first (withdrawal) or last of them. */
export interface DisputeMovement {
  /** Withdrawn: the disputed amount, positive. Reinstated: the net that came back. */
  amount: number
  /** Stripe's dispute fee taken with the withdrawal (0 for a reinstatement). */
  fee: number
  at: string
  balanceTransactionId: string
}

/** A dispute as the app books it. Times are ISO strings from Stripe's clock. */
export interface DisputeFacts {
  disputeId: string
  chargeId: string
  paymentIntentId: string | undefined
  /** The order it contests (the payment's metadata), or undefined when it is not an order's. */
  orderId: string | undefined
  status: DisputeStatus
  reason: string
  amount: number
  currency: string
  openedAt: string
  evidenceDueBy: string | null
  withdrawn: DisputeMovement | undefined
  reinstated: DisputeMovement | undefined
}

const isoFromSeconds = (seconds: number) => new Date(seconds * 1000).toISOString()

const idOf = (value: string | { id: string } | null | undefined) =>
  typeof value === 'string' ? value : value?.id

/** The withdrawals (amount < 0) or reinstatements (amount > 0) among the dispute's movements. */
function movement(
  txns: readonly Stripe.BalanceTransaction[],
  direction: 'out' | 'in',
): DisputeMovement | undefined {
  const picked = txns
    .filter((txn) => (direction === 'out' ? txn.amount < 0 : txn.amount > 0))
    .sort((a, b) => a.created - b.created || a.id.localeCompare(b.id))
  const first = picked[0]
  const last = picked[picked.length - 1]
  if (!first || !last) return undefined
  if (direction === 'out') {
    return {
      amount: sumCents(picked.map((txn) => -txn.amount)),
      fee: sumCents(picked.map((txn) => txn.fee)),
      at: isoFromSeconds(first.created),
      balanceTransactionId: first.id,
    }
  }
  // A reinstatement's fee is negative (Stripe gives its dispute fee back): the net is what came in.
  return {
    amount: sumCents(picked.map((txn) => txn.net)),
    fee: 0,
    at: isoFromSeconds(last.created),
    balanceTransactionId: last.id,
  }
}

/** The order id a payment names, when the payment is one of an order's Checkout Sessions. */
function orderIdOf(intent: Stripe.PaymentIntent | undefined): string | undefined {
  const id = intent?.metadata?.order_id
  if (!id) return undefined
  // Checkout sets both the order id and the transfer group; a share's payment has neither.
  return intent.transfer_group === id || intent.metadata?.purpose === ORDER_PURPOSE ? id : undefined
}

/** Reads a dispute and its payment (one API call, expanded). */
export async function disputeFacts(stripe: Stripe, disputeId: string): Promise<DisputeFacts> {
  const dispute = await stripe.disputes.retrieve(disputeId, { expand: ['payment_intent'] })
  const intent =
    dispute.payment_intent && typeof dispute.payment_intent === 'object'
      ? dispute.payment_intent
      : undefined
  const txns = dispute.balance_transactions ?? []
  const dueBy = dispute.evidence_details?.due_by
  return {
    disputeId: dispute.id,
    chargeId: idOf(dispute.charge) ?? '',
    paymentIntentId: idOf(dispute.payment_intent),
    orderId: orderIdOf(intent),
    status: dispute.status as DisputeStatus,
    reason: dispute.reason,
    amount: dispute.amount,
    currency: dispute.currency,
    openedAt: isoFromSeconds(dispute.created),
    evidenceDueBy: dueBy ? isoFromSeconds(dueBy) : null,
    withdrawn: movement(txns, 'out'),
    reinstated: movement(txns, 'in'),
  }
}
