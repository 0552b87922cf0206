/**
 * What the admins' order pages read, one query each: a page of recent orders (all buyers, a
 * status filter) and, for one order, its lines with their sellers, its refunds and disputes,
 * and the ledger transactions that book it. Everything comes from D1: the page never calls
 * Stripe, so it opens fast and shows what the co-op recorded (reconcile compares with Stripe).
 */
import type { DB } from '../lib/db.ts'
import { decodeCursor } from '../lib/pagination.ts'
import type { OrderRow } from '../../schema/tables.ts'

/** An order's status, as the orders table names it. */
export type OrderStatus = OrderRow['status']

/**
 * One page (limit + 1 rows) of every buyer's orders, newest first, with the buyer's name.
 * No index orders the whole table by date yet (orders_by_buyer leads with the buyer): the
 * admins' list sorts what it reads, which is fine for a co-op's volume of orders.
 */
export function recentOrders(db: DB, limit: number, status?: OrderStatus, cursor?: string) {
  let query = db
    .selectFrom('orders as o')
    .innerJoin('accounts as a', 'a.id', 'o.buyer_id')
    .select([
      'o.id',
      'o.status',
      'o.currency',
      'o.total_cents',
      'o.created_at',
      'o.paid_at',
      'a.display_name as buyer_name',
      (eb) =>
        eb
          .selectFrom('order_items as i')
          .whereRef('i.order_id', '=', 'o.id')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .as('lines'),
    ])
  if (status) query = query.where('o.status', '=', status)
  if (cursor) {
    const [createdAt, id] = decodeCursor(cursor, 2) as [string, string]
    query = query.where((eb) =>
      eb.or([
        eb('o.created_at', '<', createdAt),
        eb.and([eb('o.created_at', '=', createdAt), eb('o.id', '<', id)]),
      ]),
    )
  }
  return query
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id', 'desc')
    .limit(limit + 1)
    .execute()
}

/** The order with its buyer's name and email, or undefined. */
export function orderWithBuyer(db: DB, id: string) {
  return db
    .selectFrom('orders as o')
    .innerJoin('accounts as a', 'a.id', 'o.buyer_id')
    .selectAll('o')
    .select(['a.display_name as buyer_name', 'a.email as buyer_email'])
    .where('o.id', '=', id)
    .executeTakeFirst()
}

/** The order's lines in cart order, each with its seller's name. */
export function linesWithSellers(db: DB, orderId: string) {
  return db
    .selectFrom('order_items as i')
    .innerJoin('accounts as a', 'a.id', 'i.seller_id')
    .selectAll('i')
    .select('a.display_name as seller_name')
    .where('i.order_id', '=', orderId)
    .orderBy('i.position')
    .execute()
}

/** The order's refunds, oldest first. */
export function refundsOfOrder(db: DB, orderId: string) {
  return db
    .selectFrom('refunds')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

/** The order's disputes, oldest first. */
export function disputesOfOrder(db: DB, orderId: string) {
  return db
    .selectFrom('disputes')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('opened_at')
    .execute()
}

/** Where the ledger's transactions of an order point: the order, its lines, refunds, disputes. */
export interface LedgerSources {
  orderId: string
  lineIds: readonly string[]
  refundIds: readonly string[]
  /** Dispute sources name Stripe's dispute id (disputes/service.ts); both ids are tried. */
  disputeIds: readonly string[]
}

/** The ledger transactions booking an order, in the order they happened, with their postings. */
export async function ledgerOfOrder(db: DB, sources: LedgerSources) {
  const transactions = await db
    .selectFrom('ledger_transactions')
    .selectAll()
    .where((eb) => {
      const of = (type: 'order' | 'order_line' | 'refund' | 'dispute', ids: readonly string[]) =>
        eb.and([eb('source_type', '=', type), eb('source_id', 'in', [...ids])])
      const terms = [of('order', [sources.orderId])]
      if (sources.lineIds.length > 0) terms.push(of('order_line', sources.lineIds))
      if (sources.refundIds.length > 0) terms.push(of('refund', sources.refundIds))
      if (sources.disputeIds.length > 0) terms.push(of('dispute', sources.disputeIds))
      return eb.or(terms)
    })
    .orderBy('occurred_at')
    .orderBy('id')
    .execute()
  if (transactions.length === 0) return []
  const entries = await db
    .selectFrom('ledger_entries')
    .select(['transaction_id', 'account', 'debit_cents', 'credit_cents'])
    .where(
      'transaction_id',
      'in',
      transactions.map((t) => t.id),
    )
    .orderBy('id')
    .execute()
  return transactions.map((t) => ({
    ...t,
    postings: entries.filter((e) => e.transaction_id === t.id),
  }))
}
