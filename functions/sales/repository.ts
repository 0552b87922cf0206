/** Queries of a seller's sales: their paid lines, and what became of each order's transfer. */
import { sql } from 'kysely'

import { AppError } from '../lib/errors.ts'
import { decodeCursor } from '../lib/pagination.ts'
import { LedgerAccount } from '../ledger/chart.ts'
import type { DB } from '../../schema/tables.ts'
import type { SalesRange } from './schemas.ts'

/** The first instant after the UTC day `day` (`YYYY-MM-DD`), as paid_at is written. */
export function dayAfter(day: string): string {
  const next = new Date(`${day}T00:00:00.000Z`)
  next.setUTCDate(next.getUTCDate() + 1)
  return next.toISOString()
}

/** The sort key of a sale row: newest payment first, then order, then the line's position. */
export type SaleKey = [paidAt: string, orderId: string, position: number]

/**
 * One page (limit + 1 rows) of the seller's lines of paid orders (paid_at is set once paid and
 * stays through refunds and disputes), in the range, newest payment first.
 */
export function saleRows(
  db: DB,
  sellerId: string,
  range: SalesRange,
  limit: number,
  after?: SaleKey,
) {
  let query = db
    .selectFrom('order_items as i')
    .innerJoin('orders as o', 'o.id', 'i.order_id')
    .innerJoin('accounts as b', 'b.id', 'o.buyer_id')
    .select([
      'i.id',
      'i.order_id',
      'i.listing_id',
      'i.seller_id',
      'i.position',
      'i.title',
      'i.kind',
      'i.quantity',
      'i.unit_price_cents',
      'i.subtotal_cents',
      'i.shipping_cents',
      'i.commission_cents',
      'i.refunded_cents',
      'i.shipped_at',
      'i.carrier',
      'i.tracking_number',
      'o.currency',
      'o.status as order_status',
      'o.shipping_address',
      'b.display_name as buyer_display_name',
    ])
    .select(sql<string>`o.paid_at`.as('paid_at'))
    .where('i.seller_id', '=', sellerId)
    .where('o.paid_at', 'is not', null)
  if (range.from) query = query.where('o.paid_at', '>=', `${range.from}T00:00:00.000Z`)
  if (range.to) query = query.where('o.paid_at', '<', dayAfter(range.to))
  if (after) {
    const [paidAt, orderId, position] = after
    query = query.where((eb) =>
      eb.or([
        eb('o.paid_at', '<', paidAt),
        eb.and([eb('o.paid_at', '=', paidAt), eb('i.order_id', '<', orderId)]),
        eb.and([
          eb('o.paid_at', '=', paidAt),
          eb('i.order_id', '=', orderId),
          eb('i.position', '>', position),
        ]),
      ]),
    )
  }
  return query
    .orderBy('o.paid_at', 'desc')
    .orderBy('i.order_id', 'desc')
    .orderBy('i.position', 'asc')
    .limit(limit + 1)
    .execute()
}

export type SaleRow = Awaited<ReturnType<typeof saleRows>>[number]

/** The key a sales cursor carries; 400 `invalid_cursor` for anything this server did not give. */
export function saleKeyOf(cursor: string): SaleKey {
  const [paidAt, orderId, position] = decodeCursor(cursor, 3)
  if (typeof paidAt !== 'string' || typeof orderId !== 'string' || typeof position !== 'number')
    throw new AppError(400, 'invalid_cursor', 'That cursor is not one this server gave out.', {
      cursor: 'Use the next_cursor of the previous page.',
    })
  return [paidAt, orderId, position]
}

/** The state of the seller's transfer jobs for some orders (`transfer:<order>:<seller>`). */
export function transferJobs(db: DB, sellerId: string, orderIds: readonly string[]) {
  return db
    .selectFrom('jobs')
    .select(['dedupe_key', 'status'])
    .where(
      'dedupe_key',
      'in',
      orderIds.map((id) => `transfer:${id}:${sellerId}`),
    )
    .execute()
}

/**
 * The seller's transfers the ledger booked for some orders: a `seller_transfer` transaction of
 * the order (its source) that debits this seller's payable. Booked only once Stripe made it.
 */
export function bookedTransfers(db: DB, sellerId: string, orderIds: readonly string[]) {
  return db
    .selectFrom('ledger_transactions as t')
    .innerJoin('ledger_entries as e', 'e.transaction_id', 't.id')
    .select(['t.source_id as order_id', 't.stripe_transfer_id'])
    .where('t.source_type', '=', 'order')
    .where('t.source_id', 'in', [...orderIds])
    .where('t.kind', '=', 'seller_transfer')
    .where('e.account', '=', LedgerAccount.sellerPayable(sellerId))
    .execute()
}
