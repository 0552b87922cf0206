/**
 * `npm run reconcile` end to end, inside workerd: a real paid, transferred and partly refunded
 * order reconciles with the emulator without a mismatch; then mismatches planted at Stripe (a
 * transfer and a refund the ledger lacks) and in the ledger (a wrong amount, a booking of a
 * transfer Stripe never made) are each reported, and nothing else is.
 */
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'

import { database, atomically } from '../../functions/lib/db.ts'
import { stripeClient } from '../../functions/lib/stripe.ts'
import { sellerTransfer } from '../../functions/ledger/builders-sales.ts'
import { recordTransaction } from '../../functions/ledger/repository.ts'
import { compare } from '../../tools/reconcile/compare.ts'
import {
  LEDGER_SQL,
  type LedgerFacts,
  type LedgerRow,
  type StripeFacts,
  ledgerFactsOf,
} from '../../tools/reconcile/facts.ts'
import { stripeFacts } from '../../tools/reconcile/stripe-side.ts'
import { type Client, call, signUp } from './helpers.ts'
import { deliverAll } from './dispute-helpers.ts'
import {
  DISPUTED_CARD,
  closeDisputeAt,
  disputeIdOf,
  jobsOf,
  openOrder,
  payOnly,
  payOrder,
  publishedListing,
  readySeller,
  runJob,
  sessionEvents,
} from './order-fixtures.ts'

let seller: Client
let buyer: Client

beforeAll(async () => {
  ;[seller, buyer] = await Promise.all([readySeller('Reconciled Potter'), signUp({})])
}, 60_000)

/** The emulator is shared by every test file: keep only the objects of `charge`'s payment. */
function ofCharge(all: StripeFacts, charge: string): StripeFacts {
  const transfers = all.transfers.filter((t) => t.charge === charge)
  const refunds = all.refunds.filter((r) => r.charge === charge)
  const charges = all.charges.filter((c) => c.id === charge)
  const sources = new Set([charge, ...transfers.map((t) => t.id), ...refunds.map((r) => r.id)])
  return {
    charges,
    transfers,
    refunds,
    disputes: all.disputes.filter((d) => d.charge === charge),
    balanceTransactions: all.balanceTransactions.filter((b) => b.source && sources.has(b.source)),
  }
}

/** The ledger's transactions about `charge`'s payment, its transfers and refunds. */
function ledgerOf(all: LedgerFacts, charge: string): LedgerFacts {
  const transfers = new Set(
    all.transactions.filter((t) => t.charge === charge).map((t) => t.transfer),
  )
  return {
    transactions: all.transactions.filter(
      (t) => t.charge === charge || (t.transfer !== null && transfers.has(t.transfer)),
    ),
  }
}

/** Reads both sides as the CLI does (the stripe client's lists; the ledger's SQL) and compares. */
async function reconcile(charge: string) {
  const rows = await env.DB.prepare(LEDGER_SQL).all<LedgerRow>()
  const stripe = ofCharge(await stripeFacts(stripeClient(env)), charge)
  return { mismatches: compare(stripe, ledgerOf(ledgerFactsOf(rows.results), charge)), stripe }
}

/** A paid order of 2 × 2500 + 400 shipping, its seller paid and 1000 of it refunded. */
async function paidAndRefunded() {
  const listing = await publishedListing(seller, {
    price_cents: 2500,
    quantity: 5,
    shipping_cents: 400,
  })
  const { order_id, checkout_url } = await openOrder(buyer, [{ listing_id: listing, quantity: 2 }])
  await payOrder(checkout_url)
  for (const job of await jobsOf(order_id)) if (job.kind === 'seller_transfer') await runJob(job.id)
  const order = await env.DB.prepare('SELECT stripe_charge_id AS charge FROM orders WHERE id = ?')
    .bind(order_id)
    .first<{ charge: string }>()
  const item = await env.DB.prepare('SELECT id FROM order_items WHERE order_id = ?')
    .bind(order_id)
    .first<{ id: string }>()
  const asked = await call(`/api/v1/orders/${order_id}/refunds`, {
    method: 'POST',
    as: seller,
    json: { order_item_id: item!.id, amount_cents: 1000, reason: 'Arrived chipped' },
  })
  expect(asked.status).toBe(201)
  const refund = await asked.json<{ id: string }>()
  const job = await env.DB.prepare('SELECT id FROM jobs WHERE dedupe_key = ?')
    .bind(`refund:${refund.id}`)
    .first<{ id: string }>()
  await runJob(job!.id)
  return { orderId: order_id, charge: order!.charge }
}

describe('reconcile against the emulator and D1', () => {
  it('finds an app-made order in agreement, then each planted mismatch', async () => {
    const { orderId, charge } = await paidAndRefunded()
    const before = await reconcile(charge)
    // What the app did is all there: the charge, its fee, the transfer, the refund, the reversal.
    expect(before.stripe.charges).toHaveLength(1)
    expect(before.stripe.transfers).toHaveLength(1)
    expect(before.stripe.transfers[0]!.reversals).toHaveLength(1)
    expect(before.stripe.refunds).toHaveLength(1)
    expect(before.mismatches).toEqual([])

    const stripe = stripeClient(env)
    const account = await env.DB.prepare(
      'SELECT stripe_account_id AS id FROM accounts WHERE id = ?',
    )
      .bind(seller.id)
      .first<{ id: string }>()
    const transfer = (amount: number) =>
      stripe.transfers.create({
        amount,
        currency: 'usd',
        destination: account!.id,
        source_transaction: charge,
      })
    const unbooked = await transfer(100)
    const misbooked = await transfer(150)
    const orphanRefund = await stripe.refunds.create({ charge, amount: 200 })
    const book = (transferId: string, amount: number) =>
      atomically(
        env.DB,
        recordTransaction(
          database(env.DB),
          sellerTransfer(
            {
              id: `ltx_plant_${transferId}`,
              currency: 'usd',
              occurredAt: new Date().toISOString(),
            },
            { orderId, sellerId: seller.id, amount, transferId, stripe: { charge } },
          ),
        ),
      )
    await book(misbooked.id, 120)
    await book('tr_never_made', 300)

    const { mismatches } = await reconcile(charge)
    const seen = mismatches.map((m) => [m.kind, m.object, m.stripeId, m.stripe, m.ledger])
    expect(seen).toHaveLength(4)
    expect(seen).toEqual(
      expect.arrayContaining([
        ['orphan', 'transfer', unbooked.id, 100, undefined],
        ['amount', 'transfer', misbooked.id, 150, 120],
        ['orphan', 'refund', orphanRefund.id, 200, undefined],
        ['missing', 'transfer', 'tr_never_made', undefined, 300],
      ]),
    )
  }, 60_000)

  it('finds a dispute Stripe closed that the ledger has not booked', async () => {
    const listing = await publishedListing(seller, { price_cents: 4000, quantity: 1 })
    const { order_id, checkout_url } = await openOrder(buyer, [
      { listing_id: listing, quantity: 1 },
    ])
    await deliverAll(await payOnly(checkout_url, DISPUTED_CARD))
    const disputeId = await disputeIdOf(checkout_url)
    const order = await env.DB.prepare('SELECT stripe_charge_id AS charge FROM orders WHERE id = ?')
      .bind(order_id)
      .first<{ charge: string }>()
    expect((await reconcile(order!.charge)).mismatches).toEqual([])

    await closeDisputeAt(disputeId, 'lost')
    const { mismatches } = await reconcile(order!.charge)
    expect(mismatches).toMatchObject([
      {
        kind: 'orphan',
        object: 'dispute',
        stripeId: disputeId,
        detail: 'closed lost, closing not booked',
      },
    ])
    // Once the closing event is delivered, the loss is booked and both sides agree again.
    const closed = (await sessionEvents(checkout_url)).filter(
      (e) => e.type === 'charge.dispute.closed',
    )
    await deliverAll(closed)
    expect((await reconcile(order!.charge)).mismatches).toEqual([])
  }, 60_000)
})
