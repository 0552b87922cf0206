/**
 * Builders for the marketplace's money: a paid order, the transfers to its sellers, refunds and
 * the reversals and commission they return, and disputes. Pure: each returns a balanced
 * {@link LedgerTransaction}. The seller's part and shipping are never co-op income.
 */
import { type Cents, sumCents } from '../lib/money.ts'
import { type TransactionMeta, InvalidBooking, build, nonNegative, positive } from './build.ts'
import { LedgerAccount as A } from './chart.ts'
import type { LedgerTransaction, Posting, StripeRefs } from './ledger.ts'

/** One line of a paid order, as priced by the server (surplus.md §2 for the commission). */
export interface SaleLine {
  orderLineId: string
  sellerId: string
  subtotal: Cents
  shipping: Cents
  commission: Cents
}

/**
 * A paid order: the whole charge reaches Stripe clearing; each line's subtotal and shipping,
 * less its commission, is owed to its seller; the commission is the co-op's income.
 */
export function sale(
  meta: TransactionMeta,
  input: { orderId: string; lines: readonly SaleLine[]; stripe?: StripeRefs },
): LedgerTransaction {
  const postings: Posting[] = []
  for (const line of input.lines) {
    const subtotal = nonNegative('subtotal', line.subtotal)
    const commission = nonNegative('commission', line.commission)
    if (commission > subtotal) throw new InvalidBooking('commission above the line subtotal')
    const payable = sumCents([subtotal, nonNegative('shipping', line.shipping), -commission])
    postings.push(
      { account: A.sellerPayable(line.sellerId), credit: payable },
      { account: A.commissionIncome, credit: commission },
    )
  }
  const total = positive(
    'order total',
    sumCents(postings.map((p) => ('credit' in p ? p.credit : 0))),
  )
  return build(
    meta,
    'sale',
    `sale:${input.orderId}`,
    { type: 'order', id: input.orderId },
    input.stripe ?? {},
    [{ account: A.stripeClearing, debit: total }, ...postings],
  )
}

/** A Stripe Transfer of a seller's part of an order: settles what the co-op owed them. */
export function sellerTransfer(
  meta: TransactionMeta,
  input: {
    orderId: string
    sellerId: string
    amount: Cents
    transferId: string
    stripe?: StripeRefs
  },
): LedgerTransaction {
  const amount = positive('transfer', input.amount)
  return build(
    meta,
    'seller_transfer',
    `transfer:${input.transferId}`,
    { type: 'order', id: input.orderId },
    { ...input.stripe, transfer: input.transferId },
    [
      { account: A.sellerPayable(input.sellerId), debit: amount },
      { account: A.stripeClearing, credit: amount },
    ],
  )
}

/**
 * A refund of part or all of a line: the money leaves Stripe clearing and is charged to the
 * line's seller in full; {@link commissionReturned} and {@link transferReversal} then settle it.
 */
export function refund(
  meta: TransactionMeta,
  input: {
    refundId: string
    sellerId: string
    amount: Cents
    stripeRefundId: string
    stripe?: StripeRefs
  },
): LedgerTransaction {
  const amount = positive('refund', input.amount)
  return build(
    meta,
    'refund',
    `refund:${input.refundId}`,
    { type: 'refund', id: input.refundId },
    { ...input.stripe, refund: input.stripeRefundId },
    [
      { account: A.sellerPayable(input.sellerId), debit: amount },
      { account: A.stripeClearing, credit: amount },
    ],
  )
}

/** The commission a refund returns (surplus.md §2): the co-op bears it, not the seller. */
export function commissionReturned(
  meta: TransactionMeta,
  input: { refundId: string; sellerId: string; amount: Cents },
): LedgerTransaction {
  const amount = positive('commission returned', input.amount)
  return build(
    meta,
    'commission_returned',
    `commission-returned:${input.refundId}`,
    { type: 'refund', id: input.refundId },
    {},
    [
      { account: A.commissionIncome, debit: amount },
      { account: A.sellerPayable(input.sellerId), credit: amount },
    ],
  )
}

/** A reversal of the seller's transfer (the refund less the commission returned) back to clearing. */
export function transferReversal(
  meta: TransactionMeta,
  input: {
    refundId: string
    sellerId: string
    amount: Cents
    reversalId: string
    stripe?: StripeRefs
  },
): LedgerTransaction {
  const amount = positive('reversal', input.amount)
  return build(
    meta,
    'transfer_reversal',
    `reversal:${input.reversalId}`,
    { type: 'refund', id: input.refundId },
    { ...input.stripe, reversal: input.reversalId },
    [
      { account: A.stripeClearing, debit: amount },
      { account: A.sellerPayable(input.sellerId), credit: amount },
    ],
  )
}

/** The dispute's amount and Stripe's dispute fee, as Stripe withdrew them. */
export interface DisputeFunds {
  disputeId: string
  amount: Cents
  fee: Cents
  stripe?: StripeRefs
}

const withdrawn = (d: DisputeFunds) =>
  positive('dispute funds', sumCents([positive('disputed', d.amount), nonNegative('fee', d.fee)]))

/** Stripe withdrew a disputed amount and its fee: held as pending until the dispute closes. */
export function disputeOpened(meta: TransactionMeta, input: DisputeFunds): LedgerTransaction {
  const total = withdrawn(input)
  return build(
    meta,
    'dispute_opened',
    `dispute-opened:${input.disputeId}`,
    { type: 'dispute', id: input.disputeId },
    { ...input.stripe, dispute: input.disputeId },
    [
      { account: A.disputesPending, debit: total },
      { account: A.stripeClearing, credit: total },
    ],
  )
}

/** A lost dispute: the amount and fee become the co-op's dispute loss (surplus.md §2). */
export function disputeLost(meta: TransactionMeta, input: DisputeFunds): LedgerTransaction {
  const total = withdrawn(input)
  return build(
    meta,
    'dispute_lost',
    `dispute-closed:${input.disputeId}`,
    { type: 'dispute', id: input.disputeId },
    { ...input.stripe, dispute: input.disputeId },
    [
      { account: A.disputeLosses, debit: total },
      { account: A.disputesPending, credit: total },
    ],
  )
}

/**
 * A won dispute: Stripe reinstates `reinstated` (the amount, and the fee where it returns it);
 * whatever it keeps is a dispute loss.
 */
export function disputeWon(
  meta: TransactionMeta,
  input: DisputeFunds & { reinstated: Cents },
): LedgerTransaction {
  const total = withdrawn(input)
  const back = positive('reinstated', input.reinstated)
  if (back > total) throw new InvalidBooking('reinstated more than was withdrawn')
  return build(
    meta,
    'dispute_won',
    `dispute-closed:${input.disputeId}`,
    { type: 'dispute', id: input.disputeId },
    { ...input.stripe, dispute: input.disputeId },
    [
      { account: A.stripeClearing, debit: back },
      { account: A.disputeLosses, debit: sumCents([total, -back]) },
      { account: A.disputesPending, credit: total },
    ],
  )
}
