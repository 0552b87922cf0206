/**
 * A second paid share checkout for someone who already holds a share (two tabs, two sessions).
 * One share per member is the rule, so the second payment is refunded at once. Stripe keeps its
 * processing fee on a refund, and that fee is the only thing the ledger keeps of it.
 */
import type { Bindings } from '../app.ts'
import { newId } from '../lib/crypto.ts'
import { database } from '../lib/db.ts'
import { stripeClient } from '../lib/stripe.ts'
import { LedgerAccount, withoutZeros } from '../ledger/ledger.ts'
import { recordTransaction } from '../ledger/repository.ts'
import type { CheckoutSessionRow } from '../../schema/tables.ts'

export async function duplicateShareStatements(
  env: Bindings,
  row: CheckoutSessionRow,
  paymentIntentId: string,
) {
  const stripe = stripeClient(env)
  await stripe.refunds.create(
    { payment_intent: paymentIntentId, metadata: { reason: 'duplicate_member_share' } },
    { idempotencyKey: `share-duplicate:${row.id}` },
  )
  const intent = await stripe.paymentIntents.retrieve(paymentIntentId, {
    expand: ['latest_charge.balance_transaction'],
  })
  const charge = intent.latest_charge as { balance_transaction?: { fee?: number } } | null
  const fee = charge?.balance_transaction?.fee ?? 0
  const db = database(env.DB)
  const now = new Date().toISOString()
  return [
    db
      .updateTable('checkout_sessions')
      .set({ status: 'complete', completed_at: now })
      .where('id', '=', row.id),
    ...(fee > 0
      ? recordTransaction(db, {
          id: newId('ltx'),
          kind: 'member_share_duplicate',
          currency: row.currency,
          occurredAt: now,
          reference: `share-duplicate:${row.id}`,
          memo: 'Second share payment refunded; the processing fee is not returned',
          postings: withoutZeros([
            { account: LedgerAccount.processingFees, debit: fee },
            { account: LedgerAccount.stripeClearing, credit: fee },
          ]),
        })
      : []),
  ]
}
