/**
 * Paying sellers: after an order is paid, a `seller_transfer` job per seller makes one Stripe
 * Transfer of their lines plus shipping, less commission, from the order's charge
 * (`source_transaction`, so it waits for the charge's funds), and books it. The Stripe call
 * carries the key `transfer:<order>:<seller>`, so however often the job runs there is one
 * Transfer; its booking's reference is the transfer, so it is booked once.
 */
import { z } from 'zod'

import { newId } from '../lib/crypto.ts'
import { database } from '../lib/db.ts'
import { type Cents, sumCents } from '../lib/money.ts'
import { attemptKey, madeEarlier, stripeClient } from '../lib/stripe.ts'
import { sellerTransfer } from '../ledger/builders-sales.ts'
import { recordTransaction } from '../ledger/repository.ts'
import type { JobHandler } from '../jobs/types.ts'
import type { OrderItemRow } from '../../schema/tables.ts'
import { findOrder, itemsOfOrders } from './repository.ts'

/** What a seller is owed for an order. */
export interface SellerPayout {
  sellerId: string
  amount: Cents
}

/** Each seller's part of an order's lines: Σ (subtotal + shipping − commission), in line order. */
export function payoutsBySeller(items: readonly OrderItemRow[]): SellerPayout[] {
  const parts = new Map<string, Cents[]>()
  for (const item of items) {
    const list = parts.get(item.seller_id) ?? []
    list.push(item.subtotal_cents, item.shipping_cents, -item.commission_cents)
    parts.set(item.seller_id, list)
  }
  return [...parts].map(([sellerId, amounts]) => ({ sellerId, amount: sumCents(amounts) }))
}

/** A `seller_transfer` job's input: which order and seller; amounts come from the rows. */
const transferPayload = z.object({ order_id: z.string().min(1), seller_id: z.string().min(1) })

/** The payload of the transfer job for `sellerId`'s part of `orderId`. */
/** The sale booking's lines (functions/ledger/builders-sales.ts) of an order's rows. */
export const saleLinesOf = (items: readonly OrderItemRow[]) =>
  items.map((item) => ({
    orderLineId: item.id,
    sellerId: item.seller_id,
    subtotal: item.subtotal_cents,
    shipping: item.shipping_cents,
    commission: item.commission_cents,
  }))

export const transferJobPayload = (orderId: string, sellerId: string) =>
  ({ order_id: orderId, seller_id: sellerId }) satisfies z.input<typeof transferPayload>

/** Thrown while the job cannot run yet; the queue retries it with backoff. */
class TransferNotReady extends Error {
  override name = 'TransferNotReady'
}

/**
 * The `seller_transfer` job: one Transfer to the seller's Connect account, then its booking
 * (seller payable → Stripe clearing). A transfer already booked (two runs racing) books nothing.
 */
export const transferToSeller: JobHandler = async (env, job, input) => {
  const { order_id: orderId, seller_id: sellerId } = transferPayload.parse(input)
  const db = database(env.DB)
  const order = await findOrder(db, orderId)
  if (!order?.stripe_charge_id || !order.paid_at)
    throw new TransferNotReady(`${orderId} is not paid`)
  const items = (await itemsOfOrders(db, [orderId])).filter((item) => item.seller_id === sellerId)
  const amount = payoutsBySeller(items)[0]?.amount ?? 0
  if (amount <= 0) return []
  const seller = await db
    .selectFrom('accounts')
    .select('stripe_account_id')
    .where('id', '=', sellerId)
    .executeTakeFirst()
  if (!seller?.stripe_account_id) throw new TransferNotReady(`${sellerId} has no payouts account`)
  const stripe = stripeClient(env)
  const destination = seller.stripe_account_id
  const earlier = await madeEarlier(
    job.attempts,
    () => stripe.transfers.list({ transfer_group: orderId, destination, limit: 100 }),
    'seller_id',
    sellerId,
  )
  const transfer =
    earlier ??
    (await stripe.transfers.create(
      {
        amount,
        currency: order.currency,
        destination,
        source_transaction: order.stripe_charge_id,
        transfer_group: orderId,
        metadata: { order_id: orderId, seller_id: sellerId },
      },
      { idempotencyKey: attemptKey(`transfer:${orderId}:${sellerId}`, job.attempts) },
    ))
  const booked = await db
    .selectFrom('ledger_transactions')
    .select('id')
    .where('reference', '=', `transfer:${transfer.id}`)
    .executeTakeFirst()
  if (booked) return []
  const booking = sellerTransfer(
    {
      id: newId('ltx'),
      currency: order.currency,
      occurredAt: new Date(transfer.created * 1000).toISOString(),
      memo: 'Seller paid',
    },
    {
      orderId,
      sellerId,
      amount,
      transferId: transfer.id,
      stripe: {
        charge: order.stripe_charge_id,
        paymentIntent: order.stripe_payment_intent_id ?? undefined,
      },
    },
  )
  return recordTransaction(db, booking)
}

/** The orders feature's job handlers. */
export const orderJobs = { seller_transfer: transferToSeller } satisfies Record<
  'seller_transfer',
  JobHandler
>
