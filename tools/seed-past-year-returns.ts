/**
 * The demo past year's refunds and lost dispute (tools/seed-past-year-sql.ts writes the orders),
 * each with the ledger transactions the Worker would book, from the same builders. Demo only.
 */
import {
  commissionReturned as commissionReturnedTx,
  disputeLost,
  disputeOpened,
  refund,
  transferReversal,
} from '../functions/ledger/builders-sales.ts'
import { recordTransaction } from '../functions/ledger/repository.ts'
import { sumCents } from '../functions/lib/money.ts'
import { commissionReturned } from '../functions/orders/commission.ts'
import type { DB } from '../schema/tables.ts'

export const CURRENCY = 'usd'
export const HOUR = 3_600_000
const DAY = 24 * HOUR

/** A published demo listing, as read from D1. */
export interface PastListing {
  id: string
  seller_id: string
  title: string
  kind: 'physical' | 'digital'
  price_cents: number
  shipping_cents: number
}

/** One line of a past order, priced as the Worker prices it. */
export interface Line {
  id: string
  listing: PastListing
  quantity: number
  subtotal: number
  commission: number
}

/** A line's shipping: the listing's price once per physical line (spec/api.md). */
export const shippingOf = (l: Line) =>
  l.listing.kind === 'physical' ? l.listing.shipping_cents : 0

export const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString()

/** A succeeded refund of `amount` of the order's first line, 20 days after it was paid. */
export function refunded(
  db: DB,
  orderId: string,
  lines: readonly Line[],
  amount: number,
  paidAt: string,
  by: string,
) {
  const line = lines[0]!
  const itemId = line.id
  const fullOrder = lines.length === 1 && amount === line.subtotal
  const at = later(paidAt, 20 * DAY)
  const id = `ref_${orderId}`
  const returned = commissionReturned(line.commission, amount, line.subtotal)
  const sellerId = line.listing.seller_id
  const meta = (suffix: string, memo: string) => ({
    id: `ltx_${orderId}_${suffix}`,
    currency: CURRENCY,
    occurredAt: at,
    memo,
  })
  const txs = [
    refund(meta('refund', 'Line refunded'), {
      refundId: id,
      sellerId,
      amount,
      stripeRefundId: `re_${orderId}`,
    }),
    ...(returned > 0
      ? [
          commissionReturnedTx(meta('commission', 'Commission returned'), {
            refundId: id,
            sellerId,
            amount: returned,
          }),
        ]
      : []),
    transferReversal(meta('reversal', 'Seller transfer reversed'), {
      refundId: id,
      sellerId,
      amount: sumCents([amount, -returned]),
      reversalId: `trr_${orderId}`,
      stripe: { transfer: `tr_${orderId}_0`, refund: `re_${orderId}` },
    }),
  ]
  return [
    db.insertInto('refunds').values({
      id,
      order_id: orderId,
      order_item_id: itemId,
      seller_id: sellerId,
      requested_by: by,
      amount_cents: amount,
      line_refunded_before_cents: 0,
      commission_returned_cents: returned,
      currency: CURRENCY,
      reason: amount === line.subtotal ? 'Arrived broken' : 'Partly damaged in the post',
      status: 'succeeded',
      stripe_refund_id: `re_${orderId}`,
      stripe_reversal_id: `trr_${orderId}`,
      created_at: at,
      updated_at: at,
      refunded_at: at,
    }),
    db.updateTable('order_items').set({ refunded_cents: amount }).where('id', '=', itemId),
    // As refreshOrderStatus would set it; its CASE … END, is something wrangler's statement
    // splitter cannot read (it waits for `END;`), so the status is computed here.
    db
      .updateTable('orders')
      .set({ status: fullOrder ? 'refunded' : 'partially_refunded', updated_at: at })
      .where('id', '=', orderId),
    ...txs.flatMap((tx) => recordTransaction(db, tx)),
  ]
}

/** A dispute of the whole charge, lost 40 days after the payment, with Stripe's $15 fee. */
export function lostDispute(db: DB, orderId: string, total: number, paidAt: string) {
  const opened = later(paidAt, 10 * DAY)
  const closed = later(paidAt, 40 * DAY)
  const funds = {
    disputeId: `dp_${orderId}`,
    amount: total,
    fee: 1500,
    stripe: { charge: `ch_${orderId}` },
  }
  return [
    db
      .updateTable('orders')
      .set({ status: 'disputed', updated_at: opened })
      .where('id', '=', orderId),
    db.insertInto('disputes').values({
      id: `dsp_${orderId}`,
      order_id: orderId,
      stripe_dispute_id: funds.disputeId,
      stripe_charge_id: `ch_${orderId}`,
      currency: CURRENCY,
      amount_cents: total,
      fee_cents: 1500,
      status: 'lost',
      reason: 'fraudulent',
      opened_at: opened,
      funds_withdrawn_at: opened,
      closed_at: closed,
      created_at: opened,
      updated_at: closed,
    }),
    ...recordTransaction(
      db,
      disputeOpened({ id: `ltx_${orderId}_dopen`, currency: CURRENCY, occurredAt: opened }, funds),
    ),
    ...recordTransaction(
      db,
      disputeLost({ id: `ltx_${orderId}_dlost`, currency: CURRENCY, occurredAt: closed }, funds),
    ),
  ]
}
