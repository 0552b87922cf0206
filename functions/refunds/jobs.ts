/**
 * The `order_refund` job: Stripe refunds the buyer, then the seller's transfer is reversed by
 * the refund less the commission returned, each booked as it happens. Each call carries a key
 * of the refund (`refund:<id>`, `reversal:<id>`) and its result is written to the refund's row
 * before the next call, so a run that fails between them refunds nothing twice: the next run
 * sees the refund id and goes on to the reversal (and a copy racing it replays the same keys).
 *
 * A refund waits for the seller's transfer: until the `seller_transfer` job has paid the seller
 * there is nothing to reverse, and refunding first would leave the charge short of the funds
 * that transfer takes (`source_transaction`). So the job throws and the queue retries it with
 * backoff until the transfer is booked. Stripe keeps its processing fee on a refund: nothing of
 * the fee is booked back.
 */
import { eventEmails } from '../notify/links.ts'
import { z } from 'zod'

import { newId } from '../lib/crypto.ts'
import { atomically, database } from '../lib/db.ts'
import { isUniqueViolation } from '../lib/errors.ts'
import { sumCents } from '../lib/money.ts'
import { attemptKey, madeEarlier, stripeClient } from '../lib/stripe.ts'
import { commissionReturned, refund, transferReversal } from '../ledger/builders-sales.ts'
import { recordTransaction } from '../ledger/repository.ts'
import type { JobHandler } from '../jobs/types.ts'
import { sendJobs } from '../jobs/outbox.ts'
import { emailStatements } from '../email/outbox.ts'
import { recipients, refundIssuedEmail } from '../notify/emails.ts'
import { findOrder } from '../orders/repository.ts'
import type { OrderRow, RefundRow } from '../../schema/tables.ts'
import {
  findRefund,
  markRefunded,
  markSucceeded,
  refreshOrderStatus,
  sellerTransferId,
} from './repository.ts'

const refundPayload = z.object({ refund_id: z.string().min(1) })

/** Thrown while the refund cannot be made yet; the queue retries it with backoff. */
class RefundNotReady extends Error {
  override name = 'RefundNotReady'
}

/** What the seller's transfer is reversed by: the refund less the commission the co-op returns. */
export const reversalOf = (row: RefundRow) =>
  sumCents([row.amount_cents, -row.commission_returned_cents])

/** The Stripe Refund and, in one batch, its id, its bookings and the order's new status. */
async function refundAtStripe(
  env: Parameters<JobHandler>[0],
  attempts: number,
  row: RefundRow,
  order: OrderRow,
) {
  const db = database(env.DB)
  const client = stripeClient(env)
  const paymentIntent = order.stripe_payment_intent_id ?? undefined
  const earlier = await madeEarlier(
    attempts,
    () => client.refunds.list({ payment_intent: paymentIntent, limit: 100 }),
    'refund_id',
    row.id,
  )
  const made =
    earlier ??
    (await client.refunds.create(
      {
        payment_intent: paymentIntent,
        amount: row.amount_cents,
        reason: 'requested_by_customer',
        metadata: { refund_id: row.id, order_id: order.id, order_item_id: row.order_item_id },
      },
      { idempotencyKey: attemptKey(`refund:${row.id}`, attempts) },
    ))
  const at = new Date(made.created * 1000).toISOString()
  const stripe = {
    paymentIntent: order.stripe_payment_intent_id ?? undefined,
    charge: order.stripe_charge_id ?? undefined,
  }
  const meta = (memo: string) => ({
    id: newId('ltx'),
    currency: row.currency,
    occurredAt: at,
    memo,
  })
  const returned = row.commission_returned_cents
  // The buyer learns of the refund in the batch that records Stripe made it: once per refund.
  const buyer = (await recipients(db, [order.buyer_id])).get(order.buyer_id)
  const email = buyer
    ? await emailStatements(
        db,
        env,
        eventEmails(() => [refundIssuedEmail(env, buyer, row)]),
        new Date(),
      )
    : { statements: [], jobIds: [] }
  try {
    await atomically(env.DB, [
      markRefunded(db, row.id, made.id, at),
      ...recordTransaction(
        db,
        refund(meta('Line refunded'), {
          refundId: row.id,
          sellerId: row.seller_id,
          amount: row.amount_cents,
          stripeRefundId: made.id,
          stripe,
        }),
      ),
      ...(returned > 0
        ? recordTransaction(
            db,
            commissionReturned(meta('Commission returned'), {
              refundId: row.id,
              sellerId: row.seller_id,
              amount: returned,
            }),
          )
        : []),
      refreshOrderStatus(db, order.id, new Date().toISOString()),
      ...email.statements,
    ])
    await sendJobs(env, email.jobIds)
  } catch (error) {
    // A copy of this job booked it first (the references are unique): nothing left to do here.
    if (!isUniqueViolation(error)) throw error
  }
  return made.id
}

/** The `order_refund` job. */
export const refundOrderLine: JobHandler = async (env, job, input) => {
  const { refund_id: refundId } = refundPayload.parse(input)
  const db = database(env.DB)
  const row = await findRefund(db, refundId)
  if (!row || row.status === 'succeeded') return []
  const order = await findOrder(db, row.order_id)
  if (!order?.stripe_payment_intent_id) throw new RefundNotReady(`${row.order_id} is not paid`)
  const reversal = reversalOf(row)
  const transferId = reversal > 0 ? await sellerTransferId(db, order.id, row.seller_id) : undefined
  if (reversal > 0 && !transferId)
    throw new RefundNotReady(`the seller of ${order.id} has not been paid yet`)
  const stripeRefundId =
    row.stripe_refund_id ?? (await refundAtStripe(env, job.attempts, row, order))
  const now = new Date().toISOString()
  if (!transferId) return [markSucceeded(db, row.id, null, now)]
  const stripe = stripeClient(env)
  const reversed =
    (await madeEarlier(
      job.attempts,
      () => stripe.transfers.listReversals(transferId, { limit: 100 }),
      'refund_id',
      row.id,
    )) ??
    (await stripe.transfers.createReversal(
      transferId,
      { amount: reversal, metadata: { refund_id: row.id, stripe_refund_id: stripeRefundId } },
      { idempotencyKey: attemptKey(`reversal:${row.id}`, job.attempts) },
    ))
  const booking = transferReversal(
    {
      id: newId('ltx'),
      currency: row.currency,
      occurredAt: new Date(reversed.created * 1000).toISOString(),
      memo: 'Seller transfer reversed',
    },
    {
      refundId: row.id,
      sellerId: row.seller_id,
      amount: reversal,
      reversalId: reversed.id,
      stripe: { transfer: transferId, refund: stripeRefundId },
    },
  )
  return [...recordTransaction(db, booking), markSucceeded(db, row.id, reversed.id, now)]
}

/** The refunds feature's job handlers. */
export const refundJobs = { order_refund: refundOrderLine } satisfies Record<
  'order_refund',
  JobHandler
>
