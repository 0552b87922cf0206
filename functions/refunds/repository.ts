/** Queries of refunds, one each; writes return statements for a caller's batch. */
import { sql } from 'kysely'

import type { DB } from '../lib/db.ts'
import { LedgerAccount } from '../ledger/chart.ts'
import type { RefundRow, RefundsTable } from '../../schema/tables.ts'
import type { Insertable } from 'kysely'
import type { RefundView } from './schemas.ts'

export function findRefund(db: DB, id: string) {
  return db.selectFrom('refunds').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The insert of a new pending refund. */
export function insertRefund(db: DB, row: Insertable<RefundsTable>) {
  return db.insertInto('refunds').values(row)
}

/**
 * Adds a refund to its line's `refunded_cents`. The column's CHECK (≤ subtotal) and the
 * refunds trigger of 0009_refunds.sql abort the batch that would refund more than the line.
 */
export function bumpLineRefunded(db: DB, itemId: string, amount: number) {
  return db
    .updateTable('order_items')
    .set((eb) => ({ refunded_cents: eb('refunded_cents', '+', amount) }))
    .where('id', '=', itemId)
}

/** The Stripe Transfer that paid `sellerId` their part of `orderId`, once it is booked. */
export async function sellerTransferId(db: DB, orderId: string, sellerId: string) {
  const row = await db
    .selectFrom('ledger_transactions as t')
    .innerJoin('ledger_entries as e', 'e.transaction_id', 't.id')
    .select('t.stripe_transfer_id')
    .where('t.kind', '=', 'seller_transfer')
    .where('t.source_type', '=', 'order')
    .where('t.source_id', '=', orderId)
    .where('e.account', '=', LedgerAccount.sellerPayable(sellerId))
    .executeTakeFirst()
  return row?.stripe_transfer_id ?? undefined
}

/** Records the Stripe Refund of a pending refund (once: a second run changes nothing). */
export function markRefunded(db: DB, id: string, stripeRefundId: string, at: string) {
  return db
    .updateTable('refunds')
    .set({ stripe_refund_id: stripeRefundId, refunded_at: at, updated_at: at })
    .where('id', '=', id)
    .where('stripe_refund_id', 'is', null)
}

/** A refund is done: refunded, and the transfer reversed where there was anything to reverse. */
export function markSucceeded(db: DB, id: string, reversalId: string | null, at: string) {
  return db
    .updateTable('refunds')
    .set({ status: 'succeeded', stripe_reversal_id: reversalId, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
}

/**
 * The order's status from the refunds Stripe has made: `refunded` once they cover every line's
 * subtotal (shipping is not refunded), `partially_refunded` before. Only a paid or partly
 * refunded order moves (a disputed one stays disputed); in the batch after {@link markRefunded}.
 */
export function refreshOrderStatus(db: DB, orderId: string, at: string) {
  return db
    .updateTable('orders')
    .set({
      status: sql<'refunded' | 'partially_refunded'>`CASE WHEN (
        SELECT coalesce(sum(amount_cents), 0) FROM refunds
        WHERE order_id = ${orderId} AND stripe_refund_id IS NOT NULL
      ) >= subtotal_cents THEN 'refunded' ELSE 'partially_refunded' END`,
      updated_at: at,
    })
    .where('id', '=', orderId)
    .where('status', 'in', ['paid', 'partially_refunded'])
}

/** The API shape of a refund. */
export function refundView(row: RefundRow): RefundView {
  return {
    id: row.id,
    order_id: row.order_id,
    order_item_id: row.order_item_id,
    amount_cents: row.amount_cents,
    commission_returned_cents: row.commission_returned_cents,
    currency: row.currency,
    reason: row.reason,
    status: row.status,
    created_at: row.created_at,
    refunded_at: row.refunded_at,
  }
}
