/**
 * The member share: buying it through a Stripe Checkout Session, and what the payment's
 * webhook writes (the share register, a membership period, the ledger) in one batch.
 */
import type { Bindings, Viewer } from '../app.ts'
import { currency, memberShareCents, publicOrigin } from '../lib/config.ts'
import { newId } from '../lib/crypto.ts'
import { type DB, atomically, database } from '../lib/db.ts'
import { AppError } from '../lib/errors.ts'
import { callStripe, stripeClient } from '../lib/stripe.ts'
import { processingFee, sharePurchase } from '../ledger/builders-coop.ts'
import { recordTransaction } from '../ledger/repository.ts'
import { paymentFacts } from '../ledger/stripe-fee.ts'
import type { CheckoutSessionRow } from '../../schema/tables.ts'

/** How long a share checkout stays payable (Stripe's minimum is 30 minutes). */
const CHECKOUT_TTL_MS = 60 * 60 * 1000

function openShareCheckout(db: DB, accountId: string, now: Date) {
  return db
    .selectFrom('checkout_sessions')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('purpose', '=', 'member_share')
    .where('status', '=', 'open')
    .where('expires_at', '>', now.toISOString())
    .orderBy('created_at', 'desc')
    .executeTakeFirst()
}

/**
 * Returns the Checkout URL where the viewer pays their member share. A checkout still open is
 * reused, so a member cannot be made to pay twice by clicking twice; 409 when already a member.
 */
export async function startShareCheckout(env: Bindings, viewer: Viewer, requestUrl: string) {
  const { account } = viewer
  if (account.membership_status === 'active') {
    throw new AppError(
      409,
      'already_member',
      'You are already a member: one share is all it takes.',
    )
  }
  const db = database(env.DB)
  const now = new Date()
  const open = await openShareCheckout(db, account.id, now)
  if (open) return { checkout_url: open.url, checkout_session_id: open.id }

  const previous = await db
    .selectFrom('checkout_sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', account.id)
    .where('purpose', '=', 'member_share')
    .executeTakeFirstOrThrow()
  const amount = memberShareCents(env)
  const origin = publicOrigin(env, requestUrl)
  const expiresAt = new Date(now.getTime() + CHECKOUT_TTL_MS)
  const session = await callStripe(() =>
    stripeClient(env).checkout.sessions.create(
      {
        mode: 'payment',
        client_reference_id: account.id,
        customer_email: account.email,
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: currency(env),
              unit_amount: amount,
              product_data: { name: `${env.COOP_NAME || 'Fairstall'} member share` },
            },
          },
        ],
        metadata: { purpose: 'member_share', account_id: account.id },
        success_url: `${origin}/account?share=paid`,
        cancel_url: `${origin}/account?share=cancelled`,
        expires_at: Math.floor(expiresAt.getTime() / 1000),
      },
      // Derived from the account and attempt: a retried request cannot open a second session.
      { idempotencyKey: `member-share:${account.id}:${Number(previous.n) + 1}` },
    ),
  )
  if (!session.url)
    throw new AppError(502, 'payment_provider_error', 'Stripe gave no checkout page.')
  await atomically(env.DB, [
    db
      .insertInto('checkout_sessions')
      .values({
        id: session.id,
        purpose: 'member_share',
        account_id: account.id,
        amount_cents: amount,
        currency: currency(env),
        url: session.url,
        created_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
      })
      .onConflict((oc) => oc.doNothing()),
    db
      .updateTable('accounts')
      .set({ membership_status: 'pending' })
      .where('id', '=', account.id)
      .where('membership_status', 'in', ['none', 'withdrawn']),
  ])
  return { checkout_url: session.url, checkout_session_id: session.id }
}

/**
 * The statements that issue the member share for a paid checkout: the share register row, a
 * new membership period from the payment, membership active, and the ledger (clearing → member
 * capital; Stripe's fee as a processing cost dated by its balance transaction). Throws
 * `BalanceTransactionPending` (ledger/stripe-fee.ts) while Stripe has no balance transaction
 * for the charge: the webhook then answers non-2xx and Stripe retries. The register's UNIQUE keys (one unredeemed
 * share per member, one per checkout) make a replay or a second payment fail the batch.
 */
export async function shareIssueStatements(
  env: Bindings,
  row: CheckoutSessionRow,
  paymentIntentId: string,
) {
  const db = database(env.DB)
  const facts = await paymentFacts(stripeClient(env), paymentIntentId)
  const member = row.account_id
  const shareId = newId('share')
  const purchase = sharePurchase(
    {
      id: newId('ltx'),
      currency: row.currency,
      occurredAt: facts.paidAt,
      memo: 'Member share paid',
    },
    {
      shareId,
      memberId: member,
      amount: row.amount_cents,
      checkoutSessionId: row.id,
      stripe: { paymentIntent: paymentIntentId, charge: facts.chargeId },
    },
  )
  // A fee of 0 is booked as nothing; a fee that Stripe has not reported yet has thrown above.
  const fee =
    facts.fee > 0
      ? processingFee(
          { id: newId('ltx'), currency: row.currency, occurredAt: facts.feeAt },
          {
            fee: facts.fee,
            balanceTransactionId: facts.balanceTransactionId,
            source: { type: 'share', id: shareId },
            stripe: { paymentIntent: paymentIntentId, charge: facts.chargeId },
          },
        )
      : null
  return [
    db
      .updateTable('checkout_sessions')
      .set({ status: 'complete', completed_at: facts.paidAt })
      .where('id', '=', row.id),
    ...recordTransaction(db, purchase),
    ...(fee ? recordTransaction(db, fee) : []),
    db.insertInto('member_shares').values({
      id: shareId,
      account_id: member,
      amount_cents: row.amount_cents,
      currency: row.currency,
      checkout_session_id: row.id,
      payment_intent_id: paymentIntentId,
      ledger_transaction_id: purchase.id,
      issued_at: facts.paidAt,
    }),
    db.insertInto('membership_periods').values({
      id: newId('period'),
      account_id: member,
      share_id: shareId,
      started_at: facts.paidAt,
    }),
    db
      .updateTable('accounts')
      .set({ membership_status: 'active', member_since: facts.paidAt, withdrawn_at: null })
      .where('id', '=', member)
      .where('membership_status', '<>', 'active'),
  ]
}

/**
 * The statements for a share checkout that expired unpaid: back to 'withdrawn' for a former
 * member, 'none' for anyone else, unless another share checkout is still open.
 */
export async function shareExpiryStatements(env: Bindings, row: CheckoutSessionRow, now: Date) {
  const db = database(env.DB)
  return [
    db
      .updateTable('checkout_sessions')
      .set({ status: 'expired' })
      .where('id', '=', row.id)
      .where('status', '=', 'open'),
    db
      .updateTable('accounts')
      .set((eb) => ({
        membership_status: eb
          .case()
          .when(
            eb.exists(
              eb
                .selectFrom('membership_periods')
                .select('id')
                .where('account_id', '=', row.account_id),
            ),
          )
          .then('withdrawn' as const)
          .else('none' as const)
          .end(),
      }))
      .where('id', '=', row.account_id)
      .where('membership_status', '=', 'pending')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('checkout_sessions')
              .select('id')
              .where('account_id', '=', row.account_id)
              .where('purpose', '=', 'member_share')
              .where('status', '=', 'open')
              .where('id', '<>', row.id)
              .where('expires_at', '>', now.toISOString()),
          ),
        ),
      ),
  ]
}
