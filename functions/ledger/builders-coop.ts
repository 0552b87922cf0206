/**
 * Builders for the co-op's own money: member shares, Stripe's processing fees, the board's
 * income and expense lines, and the year's patronage allocation and reserve. Pure: each returns
 * a balanced {@link LedgerTransaction} for `recordTransaction`. See ./README.md for the chart.
 */
import { type Cents, sumCents } from '../lib/money.ts'
import { type TransactionMeta, InvalidBooking, build, nonNegative, positive } from './build.ts'
import { LedgerAccount as A } from './chart.ts'
import type { LedgerSource, LedgerTransaction, StripeRefs } from './ledger.ts'

/** A member share paid through Checkout: the money is capital credited to the member. */
export function sharePurchase(
  meta: TransactionMeta,
  input: {
    shareId: string
    memberId: string
    amount: Cents
    checkoutSessionId: string
    stripe?: StripeRefs
  },
): LedgerTransaction {
  const amount = positive('share amount', input.amount)
  return build(
    meta,
    'share_purchase',
    `share:${input.checkoutSessionId}`,
    { type: 'share', id: input.shareId },
    input.stripe ?? {},
    [
      { account: A.stripeClearing, debit: amount },
      { account: A.memberCapital(input.memberId), credit: amount },
    ],
  )
}

/** A withdrawal: the share leaves the member's capital for a payable repaid outside the app. */
export function shareRedemption(
  meta: TransactionMeta,
  input: { shareId: string; memberId: string; amount: Cents },
): LedgerTransaction {
  const amount = positive('share amount', input.amount)
  return build(
    meta,
    'share_redemption',
    `share-redemption:${input.shareId}`,
    { type: 'share', id: input.shareId },
    {},
    [
      { account: A.memberCapital(input.memberId), debit: amount },
      { account: A.shareRedemptionsPayable(input.memberId), credit: amount },
    ],
  )
}

/**
 * Stripe's fee on one balance transaction, dated by that balance transaction. Booked once per
 * balance transaction (the reference), whichever payment it belongs to.
 */
export function processingFee(
  meta: TransactionMeta,
  input: {
    fee: Cents
    balanceTransactionId: string
    source: LedgerSource
    stripe?: StripeRefs
  },
): LedgerTransaction {
  const fee = positive('fee', input.fee)
  return build(
    meta,
    'processing_fee',
    `fee:${input.balanceTransactionId}`,
    input.source,
    { ...input.stripe, balanceTransaction: input.balanceTransactionId },
    [
      { account: A.processingFees, debit: fee },
      { account: A.stripeClearing, credit: fee },
    ],
  )
}

/** An income line the board entered (a grant, interest): received into the bank. */
export function boardIncome(
  meta: TransactionMeta,
  input: { entryId: string; amount: Cents },
): LedgerTransaction {
  const amount = positive('amount', input.amount)
  return build(
    meta,
    'board_income',
    `board-entry:${input.entryId}`,
    { type: 'board_entry', id: input.entryId },
    {},
    [
      { account: A.bank, debit: amount },
      { account: A.otherIncome, credit: amount },
    ],
  )
}

/** An expense line the board entered (hosting, wages): paid from the bank. */
export function boardExpense(
  meta: TransactionMeta,
  input: { entryId: string; amount: Cents },
): LedgerTransaction {
  const amount = positive('amount', input.amount)
  return build(
    meta,
    'board_expense',
    `board-entry:${input.entryId}`,
    { type: 'board_entry', id: input.entryId },
    {},
    [
      { account: A.expenses, debit: amount },
      { account: A.bank, credit: amount },
    ],
  )
}

/** One member's allocation: the cash part is owed to them, the retained part is their capital. */
export interface MemberAllocation {
  memberId: string
  cash: Cents
  retained: Cents
}

/**
 * The year's patronage allocation (surplus.md §5), out of the undistributed surplus: each
 * member's cash part to `patronage_payable`, the retained part to `retained_patronage`.
 */
export function patronageAllocation(
  meta: TransactionMeta,
  input: { year: number; members: readonly MemberAllocation[] },
): LedgerTransaction {
  const parts = input.members.flatMap((m) => [
    { account: A.patronagePayable(m.memberId), credit: nonNegative('cash', m.cash) },
    { account: A.retainedPatronage(m.memberId), credit: nonNegative('retained', m.retained) },
  ])
  const total = positive('allocation', sumCents(parts.map((p) => p.credit)))
  return build(
    meta,
    'patronage_allocation',
    `allocation:${input.year}`,
    { type: 'allocation', id: String(input.year) },
    {},
    [{ account: A.undistributedSurplus, debit: total }, ...parts],
  )
}

/**
 * The year's reserve (surplus.md §5: net − distributable, plus what no pool could allocate).
 * A loss (negative) is charged to reserves. Returns null for 0: there is nothing to book.
 */
export function reserve(
  meta: TransactionMeta,
  input: { year: number; amount: Cents },
): LedgerTransaction | null {
  if (input.amount === 0) return null
  if (!Number.isSafeInteger(input.amount)) throw new InvalidBooking(`reserve: ${input.amount}`)
  const amount = positive('reserve', Math.abs(input.amount))
  const [from, to] =
    input.amount > 0 ? [A.undistributedSurplus, A.reserves] : [A.reserves, A.undistributedSurplus]
  return build(
    meta,
    'reserve',
    `reserve:${input.year}`,
    { type: 'allocation', id: String(input.year) },
    {},
    [
      { account: from, debit: amount },
      { account: to, credit: amount },
    ],
  )
}
