/** Queries over orders and their lines, and the order's API shape: `db` first, one query each. */
import { sumCents } from '../lib/money.ts'
import { decodeCursor } from '../lib/pagination.ts'
import { releaseStock } from '../listings/stock.ts'
import type { DB, OrderItemRow, OrderRow } from '../../schema/tables.ts'
import type { OrderView } from './responses.ts'

/** The listings of a cart with what buying them depends on: their seller's payouts account. */
export function cartListings(db: DB, ids: readonly string[]) {
  return db
    .selectFrom('listings as l')
    .innerJoin('accounts as s', 's.id', 'l.seller_id')
    .select([
      'l.id',
      'l.seller_id',
      'l.title',
      'l.kind',
      'l.status',
      'l.quantity',
      'l.price_cents',
      'l.shipping_cents',
      'l.currency',
      's.payouts_ready',
      's.stripe_account_id',
    ])
    .where('l.id', 'in', [...ids])
    .execute()
}

export type CartListing = Awaited<ReturnType<typeof cartListings>>[number]

export function findOrder(db: DB, id: string) {
  return db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The lines of some orders, in their cart order. */
export function itemsOfOrders(db: DB, orderIds: readonly string[]) {
  if (orderIds.length === 0) return Promise.resolve([] as OrderItemRow[])
  return db
    .selectFrom('order_items')
    .selectAll()
    .where('order_id', 'in', [...orderIds])
    .orderBy('order_id')
    .orderBy('position')
    .execute()
}

/** One page (limit + 1 rows) of a buyer's orders, newest first. */
export function ordersOfBuyer(db: DB, buyerId: string, limit: number, cursor?: string) {
  let query = db.selectFrom('orders').selectAll().where('buyer_id', '=', buyerId)
  if (cursor) {
    const [createdAt, id] = decodeCursor(cursor, 2) as [string, string]
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', createdAt),
        eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)]),
      ]),
    )
  }
  return query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute()
}

/** The stock hold of an order line (one per line: stock_holds' UNIQUE (holder, listing)). */
export const holdIdOf = (itemId: string) => `hold_${itemId}`

/** Order states in which the buyer has paid and keeps what they bought (not disputed). */
const DELIVERED = new Set<OrderRow['status']>(['paid', 'partially_refunded'])

/**
 * Whether the buyer may download a digital line now: the order is paid (or partly refunded) and
 * this line was not refunded in full. A disputed order's files wait for the dispute's end.
 */
export function downloadable(order: Pick<OrderRow, 'status'>, item: OrderItemRow): boolean {
  return (
    item.kind === 'digital' &&
    DELIVERED.has(order.status) &&
    item.refunded_cents < item.subtotal_cents
  )
}

/** Where the buyer downloads a digital line's file (the page checks who asks). */
export const downloadPath = (orderId: string, itemId: string) =>
  `/orders/${orderId}/items/${itemId}/download`

/** A shipped line's carrier, tracking number and time (functions/shipping/), else undefined. */
export function shipmentOf(item: Pick<OrderItemRow, 'shipped_at' | 'carrier' | 'tracking_number'>) {
  if (!item.shipped_at || !item.carrier || !item.tracking_number) return undefined
  return {
    carrier: item.carrier,
    tracking_number: item.tracking_number,
    shipped_at: item.shipped_at,
  }
}

/** The API shape of an order and its lines. */
export function orderView(order: OrderRow, items: readonly OrderItemRow[]): OrderView {
  return {
    id: order.id,
    status: order.status,
    currency: order.currency,
    items: items.map((item) => ({
      id: item.id,
      listing_id: item.listing_id,
      seller_id: item.seller_id,
      title: item.title,
      kind: item.kind,
      quantity: item.quantity,
      unit_price_cents: item.unit_price_cents,
      shipping_cents: item.shipping_cents,
      subtotal_cents: item.subtotal_cents,
      refunded_cents: item.refunded_cents,
      ...(downloadable(order, item) ? { download_url: downloadPath(order.id, item.id) } : {}),
      ...(shipmentOf(item) && { shipment: shipmentOf(item) }),
    })),
    subtotal_cents: order.subtotal_cents,
    shipping_cents: order.shipping_cents,
    total_cents: order.total_cents,
    refunded_cents: sumCents(items.map((item) => item.refunded_cents)),
    shipping_address: order.shipping_address
      ? (JSON.parse(order.shipping_address) as Record<string, unknown>)
      : null,
    checkout_url: order.status === 'pending' ? order.checkout_url : null,
    created_at: order.created_at,
    paid_at: order.paid_at,
  }
}

/** The statements that cancel a pending order and give its held stock back (one batch). */
export function cancelOrder(db: DB, orderId: string, items: readonly OrderItemRow[], now: string) {
  return [
    // Only a pending order: a paid one is never cancelled by a late or repeated event.
    db
      .updateTable('orders')
      .set({ status: 'cancelled', cancelled_at: now, updated_at: now })
      .where('id', '=', orderId)
      .where('status', '=', 'pending'),
    ...items
      .filter((item) => item.kind === 'physical')
      .flatMap((item) => releaseStock(db, holdIdOf(item.id), now)),
  ]
}
