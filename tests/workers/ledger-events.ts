/**
 * Random business events for the ledger's property tests, each with the transaction its builder
 * makes and, independently, what a bookkeeper expects it to do to each account (debit − credit).
 */
import fc from 'fast-check'

import { newId } from '../../functions/lib/crypto.ts'
import * as coop from '../../functions/ledger/builders-coop.ts'
import * as sales from '../../functions/ledger/builders-sales.ts'
import { LedgerAccount as A } from '../../functions/ledger/chart.ts'
import type { LedgerTransaction } from '../../functions/ledger/ledger.ts'

const cents = fc.integer({ min: 1, max: 5_000_000 })
const maybeZero = fc.integer({ min: 0, max: 5_000_000 })

export type LedgerEvent =
  | { type: 'sharePurchase' | 'shareRedemption'; member: string; amount: number }
  | { type: 'fee' | 'boardIncome' | 'boardExpense'; amount: number }
  | {
      type: 'sale'
      lines: { seller: string; subtotal: number; shipping: number; commission: number }[]
    }
  | {
      type: 'transfer' | 'refund' | 'commissionReturned' | 'reversal'
      seller: string
      amount: number
    }
  | { type: 'disputeOpened' | 'disputeLost'; amount: number; fee: number }
  | { type: 'disputeWon'; amount: number; fee: number; reinstated: number }
  | { type: 'allocation'; members: { member: string; cash: number; retained: number }[] }
  | { type: 'reserve'; amount: number }

/** Any one event over the given members' ids. */
export function ledgerEvent(members: readonly string[]): fc.Arbitrary<LedgerEvent> {
  const member = fc.constantFrom(...members)
  const line = fc
    .record({
      seller: member,
      subtotal: cents,
      shipping: maybeZero,
      share: fc.integer({ min: 0, max: 10_000 }),
    })
    .map(({ share, ...l }) => ({ ...l, commission: Math.floor((l.subtotal * share) / 10_000) }))
  const dispute = fc.record({ amount: cents, fee: maybeZero })
  return fc.oneof(
    fc.record({ type: fc.constantFrom('sharePurchase', 'shareRedemption'), member, amount: cents }),
    fc.record({ type: fc.constantFrom('fee', 'boardIncome', 'boardExpense'), amount: cents }),
    fc.record({ type: fc.constant('sale'), lines: fc.array(line, { minLength: 1, maxLength: 5 }) }),
    fc.record({
      type: fc.constantFrom('transfer', 'refund', 'commissionReturned', 'reversal'),
      seller: member,
      amount: cents,
    }),
    fc.record({
      type: fc.constantFrom('disputeOpened', 'disputeLost'),
      amount: cents,
      fee: maybeZero,
    }),
    dispute.chain((d) =>
      fc
        .integer({ min: 1, max: d.amount + d.fee })
        .map((reinstated) => ({ type: 'disputeWon' as const, ...d, reinstated })),
    ),
    fc.record({
      type: fc.constant('allocation'),
      members: fc.array(fc.record({ member, cash: maybeZero, retained: cents }), {
        minLength: 1,
        maxLength: 4,
      }),
    }),
    fc.record({
      type: fc.constant('reserve'),
      amount: fc.integer({ min: -5_000_000, max: 5_000_000 }).filter((n) => n !== 0),
    }),
  ) as fc.Arbitrary<LedgerEvent>
}

/** Years once booked cannot be booked again (the reference): each event gets its own. */
let year = 3000

/** The transaction the builder makes for `event`. */
export function transactionOf(event: LedgerEvent, currency = 'usd'): LedgerTransaction {
  const id = newId('ltx')
  const meta = { id, currency, occurredAt: '2026-03-04T05:06:07.000Z' }
  const ref = newId('ref')
  switch (event.type) {
    case 'sharePurchase':
      return coop.sharePurchase(meta, {
        shareId: ref,
        memberId: event.member,
        amount: event.amount,
        checkoutSessionId: ref,
      })
    case 'shareRedemption':
      return coop.shareRedemption(meta, {
        shareId: ref,
        memberId: event.member,
        amount: event.amount,
      })
    case 'fee':
      return coop.processingFee(meta, {
        fee: event.amount,
        balanceTransactionId: ref,
        source: { type: 'share', id: ref },
      })
    case 'boardIncome':
      return coop.boardIncome(meta, { entryId: ref, amount: event.amount })
    case 'boardExpense':
      return coop.boardExpense(meta, { entryId: ref, amount: event.amount })
    case 'sale':
      return sales.sale(meta, {
        orderId: ref,
        lines: event.lines.map((l, i) => ({
          ...l,
          orderLineId: `${ref}-${i}`,
          sellerId: l.seller,
        })),
      })
    case 'transfer':
      return sales.sellerTransfer(meta, {
        orderId: ref,
        sellerId: event.seller,
        amount: event.amount,
        transferId: ref,
      })
    case 'refund':
      return sales.refund(meta, {
        refundId: ref,
        sellerId: event.seller,
        amount: event.amount,
        stripeRefundId: ref,
      })
    case 'commissionReturned':
      return sales.commissionReturned(meta, {
        refundId: ref,
        sellerId: event.seller,
        amount: event.amount,
      })
    case 'reversal':
      return sales.transferReversal(meta, {
        refundId: ref,
        sellerId: event.seller,
        amount: event.amount,
        reversalId: ref,
      })
    case 'disputeOpened':
      return sales.disputeOpened(meta, { disputeId: ref, amount: event.amount, fee: event.fee })
    case 'disputeLost':
      return sales.disputeLost(meta, { disputeId: ref, amount: event.amount, fee: event.fee })
    case 'disputeWon':
      return sales.disputeWon(meta, { disputeId: ref, ...event })
    case 'allocation':
      return coop.patronageAllocation(meta, {
        year: (year += 1),
        members: event.members.map((m) => ({ ...m, memberId: m.member })),
      })
    case 'reserve':
      return coop.reserve(meta, { year: (year += 1), amount: event.amount })!
  }
}

/** What a bookkeeper expects `event` to do to each account: debit − credit, by code. */
export function expectedDeltas(event: LedgerEvent): [string, number][] {
  switch (event.type) {
    case 'sharePurchase':
      return [
        [A.stripeClearing, event.amount],
        [A.memberCapital(event.member), -event.amount],
      ]
    case 'shareRedemption':
      return [
        [A.memberCapital(event.member), event.amount],
        [A.shareRedemptionsPayable(event.member), -event.amount],
      ]
    case 'fee':
      return [
        [A.processingFees, event.amount],
        [A.stripeClearing, -event.amount],
      ]
    case 'boardIncome':
      return [
        [A.bank, event.amount],
        [A.otherIncome, -event.amount],
      ]
    case 'boardExpense':
      return [
        [A.expenses, event.amount],
        [A.bank, -event.amount],
      ]
    case 'sale':
      return event.lines.flatMap((l): [string, number][] => [
        [A.stripeClearing, l.subtotal + l.shipping],
        [A.sellerPayable(l.seller), -(l.subtotal + l.shipping - l.commission)],
        [A.commissionIncome, -l.commission],
      ])
    case 'transfer':
    case 'refund':
      return [
        [A.sellerPayable(event.seller), event.amount],
        [A.stripeClearing, -event.amount],
      ]
    case 'commissionReturned':
      return [
        [A.commissionIncome, event.amount],
        [A.sellerPayable(event.seller), -event.amount],
      ]
    case 'reversal':
      return [
        [A.stripeClearing, event.amount],
        [A.sellerPayable(event.seller), -event.amount],
      ]
    case 'disputeOpened':
      return [
        [A.disputesPending, event.amount + event.fee],
        [A.stripeClearing, -(event.amount + event.fee)],
      ]
    case 'disputeLost':
      return [
        [A.disputeLosses, event.amount + event.fee],
        [A.disputesPending, -(event.amount + event.fee)],
      ]
    case 'disputeWon':
      return [
        [A.stripeClearing, event.reinstated],
        [A.disputeLosses, event.amount + event.fee - event.reinstated],
        [A.disputesPending, -(event.amount + event.fee)],
      ]
    case 'allocation':
      return event.members.flatMap((m): [string, number][] => [
        [A.undistributedSurplus, m.cash + m.retained],
        [A.patronagePayable(m.member), -m.cash],
        [A.retainedPatronage(m.member), -m.retained],
      ])
    case 'reserve':
      return [
        [A.undistributedSurplus, event.amount],
        [A.reserves, -event.amount],
      ]
  }
}

/** Adds deltas into a balance map (accounts at 0 are dropped, as a ledger with no entry shows). */
export function applyDeltas(balances: Map<string, number>, deltas: [string, number][]) {
  for (const [account, delta] of deltas) {
    const next = (balances.get(account) ?? 0) + delta
    if (next === 0) balances.delete(account)
    else balances.set(account, next)
  }
}
