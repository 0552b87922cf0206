/**
 * A dispute's effect, computed from Stripe's current state of it and what the app has booked:
 * the order marked disputed, the dispute's row, the withdrawal (`disputeOpened`) and the
 * closing (`disputeLost` / `disputeWon`), each booked once under its ledger reference. Any
 * event about the dispute recomputes the same thing, so duplicates and any order of delivery
 * (`closed` before `created`) end in the same state.
 */
import { newId } from '../lib/crypto.ts'
import type { DB } from '../lib/db.ts'
import { disputeLost, disputeOpened, disputeWon } from '../ledger/builders-sales.ts'
import type { LedgerTransaction, StripeRefs } from '../ledger/ledger.ts'
import { recordTransaction } from '../ledger/repository.ts'
import type { Effect } from '../webhooks/types.ts'
import type { OrderRow } from '../../schema/tables.ts'
import {
  bookedReferences,
  closedReference,
  markOrderDisputed,
  openedReference,
  upsertDispute,
} from './repository.ts'
import type { DisputeFacts } from './stripe-facts.ts'

/** Thrown while the contested order is not paid in the app yet: Stripe delivers again later. */
export class OrderNotPaidYet extends Error {
  override name = 'OrderNotPaidYet'
}

/**
 * When a dispute closed, by Stripe's clock: a won one at its reinstatement; a lost one leaves
 * no balance transaction, so the `charge.dispute.closed` event's own time dates it, and only
 * that event may book the loss (an earlier event that finds it lost leaves it to that one).
 */
function closingTime(facts: DisputeFacts, closedEventAt: string | undefined) {
  if (facts.status === 'won') return facts.reinstated?.at
  if (facts.status === 'lost') return closedEventAt
  return undefined
}

/** The closing booking, when the dispute is closed and its funds were withdrawn. */
function closing(
  facts: DisputeFacts,
  currency: string,
  at: string | undefined,
  stripe: StripeRefs,
): LedgerTransaction | undefined {
  const { withdrawn } = facts
  if (!withdrawn || !at) return undefined
  const funds = { disputeId: facts.disputeId, amount: withdrawn.amount, fee: withdrawn.fee }
  const meta = { id: newId('ltx'), currency, occurredAt: at }
  if (facts.status === 'lost') {
    return disputeLost({ ...meta, memo: 'Dispute lost' }, { ...funds, stripe })
  }
  const back = facts.reinstated
  if (facts.status !== 'won' || !back) return undefined
  return disputeWon(
    { ...meta, memo: 'Dispute won' },
    {
      ...funds,
      reinstated: back.amount,
      stripe: { ...stripe, balanceTransaction: back.balanceTransactionId },
    },
  )
}

/**
 * The statements that bring the app in line with `facts` for `order`. `closedEventAt` is the
 * time of the `charge.dispute.closed` event being handled, if that is the event.
 */
export async function disputeEffect(
  db: DB,
  order: OrderRow,
  facts: DisputeFacts,
  closedEventAt: string | undefined,
  now = new Date(),
): Promise<Effect> {
  if (order.status === 'pending') {
    throw new OrderNotPaidYet(`order ${order.id}: disputed before its payment was recorded`)
  }
  if (order.status === 'cancelled') {
    // Stripe charged a cancelled order: nothing of it is booked, so neither is its dispute.
    console.error(`order ${order.id}: dispute ${facts.disputeId} on a cancelled order`)
    return { statements: [] }
  }
  const booked = await bookedReferences(db, [
    openedReference(facts.disputeId),
    closedReference(facts.disputeId),
  ])
  const stripe: StripeRefs = {
    charge: facts.chargeId,
    ...(facts.paymentIntentId && { paymentIntent: facts.paymentIntentId }),
  }
  const bookings: LedgerTransaction[] = []
  const { withdrawn } = facts
  if (withdrawn && !booked.has(openedReference(facts.disputeId))) {
    bookings.push(
      disputeOpened(
        {
          id: newId('ltx'),
          currency: order.currency,
          occurredAt: withdrawn.at,
          memo: 'Dispute opened',
        },
        {
          disputeId: facts.disputeId,
          amount: withdrawn.amount,
          fee: withdrawn.fee,
          stripe: { ...stripe, balanceTransaction: withdrawn.balanceTransactionId },
        },
      ),
    )
  }
  const closedAt = closingTime(facts, closedEventAt)
  const closeBooking = booked.has(closedReference(facts.disputeId))
    ? undefined
    : closing(facts, order.currency, closedAt, stripe)
  if (closeBooking) bookings.push(closeBooking)
  const at = now.toISOString()
  return {
    statements: [
      markOrderDisputed(db, order.id, at),
      upsertDispute(db, {
        id: newId('dsp'),
        orderId: order.id,
        facts,
        closedAt: closedAt ?? null,
        now: at,
      }),
      ...bookings.flatMap((tx) => recordTransaction(db, tx)),
    ],
  }
}
