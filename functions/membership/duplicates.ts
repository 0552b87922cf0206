/**
 * A second paid share checkout for someone who already holds a share (two tabs, two sessions,
 * or two payments racing). One share per member is the rule, so the second payment is refunded.
 * The webhook only records the decision (the session complete, a `share_refund` job, in one
 * batch); the job makes the refund at Stripe and books the processing fee Stripe keeps, which
 * is the only thing the ledger keeps of the payment.
 */
import { z } from 'zod'

import type { Bindings } from '../app.ts'
import { newId } from '../lib/crypto.ts'
import { database } from '../lib/db.ts'
import { stripeClient } from '../lib/stripe.ts'
import { processingFee } from '../ledger/builders-coop.ts'
import { recordTransaction } from '../ledger/repository.ts'
import { paymentFacts } from '../ledger/stripe-fee.ts'
import type { JobHandler } from '../jobs/types.ts'
import type { Effect } from '../webhooks/types.ts'
import type { CheckoutSessionRow } from '../../schema/tables.ts'

/** What a `share_refund` job needs: all of it from the app's own rows, none from the event. */
const shareRefundPayload = z.object({
  checkout_session_id: z.string().min(1),
  payment_intent_id: z.string().min(1),
  currency: z.string().min(3),
})

/** The effect of a duplicate share payment: the session done, and the refund as a job. */
export function duplicateShareEffect(
  env: Bindings,
  row: CheckoutSessionRow,
  paymentIntentId: string,
  now: Date,
): Effect {
  const db = database(env.DB)
  return {
    statements: [
      db
        .updateTable('checkout_sessions')
        .set({ status: 'complete', completed_at: now.toISOString() })
        .where('id', '=', row.id)
        .where('status', '<>', 'complete'),
    ],
    jobs: [
      {
        kind: 'share_refund',
        dedupeKey: `share-refund:${row.id}`,
        payload: {
          checkout_session_id: row.id,
          payment_intent_id: paymentIntentId,
          currency: row.currency,
        } satisfies z.input<typeof shareRefundPayload>,
      },
    ],
  }
}

/**
 * The `share_refund` job: refunds the whole payment (once: the idempotency key is the session's)
 * and returns the booking of the fee Stripe keeps, dated by Stripe's balance transaction. A
 * charge without its balance transaction yet throws, so the job is retried rather than booking
 * a fee of 0; the booking's reference is the balance transaction, so a job run twice books once.
 */
export const refundDuplicateShare: JobHandler = async (env, _job, input) => {
  const payload = shareRefundPayload.parse(input)
  const stripe = stripeClient(env)
  const refund = await stripe.refunds.create(
    {
      payment_intent: payload.payment_intent_id,
      metadata: { reason: 'duplicate_member_share' },
    },
    { idempotencyKey: `share-duplicate:${payload.checkout_session_id}` },
  )
  const facts = await paymentFacts(stripe, payload.payment_intent_id)
  if (facts.fee === 0) return []
  const fee = processingFee(
    {
      id: newId('ltx'),
      currency: payload.currency,
      occurredAt: facts.feeAt,
      memo: 'Second share payment refunded; the processing fee is not returned',
    },
    {
      fee: facts.fee,
      balanceTransactionId: facts.balanceTransactionId,
      // The payment never became a share: the booking names the checkout session it came from.
      source: { type: 'share', id: payload.checkout_session_id },
      stripe: { paymentIntent: facts.paymentIntentId, charge: facts.chargeId, refund: refund.id },
    },
  )
  return recordTransaction(database(env.DB), fee)
}

/** The membership feature's job handlers. */
export const membershipJobs = { share_refund: refundDuplicateShare } satisfies Record<
  'share_refund',
  JobHandler
>
