/**
 * Stock that cannot be oversold.
 *
 * `listings.quantity` is the stock a buyer can still take. A checkout moves units out of it into
 * a hold (`stock_holds`); payment turns the hold into a sale; an abandoned checkout releases the
 * units back. So at every moment: stock the seller put in = quantity + Σ held + Σ sold.
 *
 * Each function returns Kysely statements for the caller's own `atomically` batch, so a hold
 * commits or aborts together with the order rows it belongs to. Digital listings have no stock
 * and take no holds: callers skip them.
 */
import { type Compilable, type RawBuilder, type SqlBool, sql } from 'kysely'

import type { ListingStatus } from '../../schema/tables.ts'
import type { DB } from '../lib/db.ts'
import { AppError } from '../lib/errors.ts'

/** The most stock a listing can have (the listings CHECK). */
export const MAX_STOCK = 100_000

/** A hold to take: `quantity` units of `listingId` for the order line `holder`. */
export interface HoldRequest {
  id: string
  listingId: string
  holder: string
  quantity: number
  now: string
}

/**
 * The sold-out rule, as its own statement after every stock change, in the same batch: a
 * published listing whose stock reached 0 becomes `sold_out`, and stock coming back puts it on
 * sale again. It reads the row as the batch left it, never an earlier read. It matches a row only
 * when the status must change: setting `status` in every stock update would rewrite each of the
 * listing's status indexes on every hold.
 */
export function soldOutRule(db: DB, listingId: string | RawBuilder<string>) {
  return db
    .updateTable('listings')
    .set({
      status: sql<ListingStatus>`CASE status WHEN 'published' THEN 'sold_out' ELSE 'published' END`,
    })
    .where('id', '=', listingId)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'published'), eb('quantity', '=', 0)]),
        eb.and([eb('status', '=', 'sold_out'), eb('quantity', '>', 0)]),
      ]),
    )
}

/**
 * Holds units of a published listing for an order line. The hold row goes first: its trigger
 * (`stock_holds_need_stock`) aborts the whole batch ("stock: sold out") unless the listing has the
 * units; the conditional update after it then takes them, and can never take stock below 0.
 * Map the batch's error with {@link stockConflict}.
 */
export function reserveStock(db: DB, hold: HoldRequest): Compilable[] {
  return [
    db.insertInto('stock_holds').values({
      id: hold.id,
      listing_id: hold.listingId,
      holder: hold.holder,
      quantity: hold.quantity,
      status: 'held',
      created_at: hold.now,
    }),
    db
      .updateTable('listings')
      .set({ quantity: sql<number>`quantity - ${hold.quantity}` })
      .where('id', '=', hold.listingId)
      .where('status', '=', 'published')
      .where('quantity', '>=', hold.quantity),
    soldOutRule(db, hold.listingId),
  ]
}

/**
 * Gives a hold's units back to the listing (checkout expired or cancelled). Idempotent: both
 * statements match only while the hold is still `held`, so a second release (a repeated
 * webhook) returns nothing twice. A sold hold is not released: its units left with the buyer.
 */
export function releaseStock(db: DB, holdId: string, now: string): Compilable[] {
  const held = sql<number>`(SELECT quantity FROM stock_holds WHERE id = ${holdId} AND status = 'held')`
  const listing = sql<string>`(SELECT listing_id FROM stock_holds WHERE id = ${holdId})`
  return [
    // Before the hold is marked released, while the subquery still sees it held.
    db
      .updateTable('listings')
      .set({ quantity: sql<number>`quantity + ${held}` })
      .where('id', '=', listing)
      .where(sql<SqlBool>`${held} IS NOT NULL`),
    soldOutRule(db, listing),
    db
      .updateTable('stock_holds')
      .set({ status: 'released', settled_at: now })
      .where('id', '=', holdId)
      .where('status', '=', 'held'),
  ]
}

/**
 * Turns a hold into a sale (its order was paid); the stock already left `quantity` when it was
 * held. Idempotent for a sold hold. A released hold cannot be sold (its units may be someone
 * else's now): the batch aborts ("stock: hold settled", see {@link isSettledHold}).
 */
export function commitSale(db: DB, holdId: string, now: string): Compilable[] {
  return [
    db
      .updateTable('stock_holds')
      .set({ status: 'sold', settled_at: now })
      .where('id', '=', holdId)
      .where('status', '<>', 'sold'),
  ]
}

/**
 * A seller's stock edit as an update of the listing; the caller adds its other fields with
 * `.set` and batches it with {@link soldOutRule}. The seller sets what buyers can still take, and
 * the edit applies the *difference* from the quantity it read (`quantity + (next - read)`), never
 * the number it read: a hold taken between that read and this write stays taken. When holds took
 * the units a seller is removing (the stock would go below 0), or the stock with its open holds
 * would pass {@link MAX_STOCK}, the update matches no row: the caller answers 409 and nothing
 * changes.
 */
export function editStock(
  db: DB,
  listingId: string,
  read: number | null,
  next: number | null,
  now: string,
) {
  const update = db.updateTable('listings').set({ updated_at: now }).where('id', '=', listingId)
  if (read === null || next === null || read === next) return update
  const after = sql<number>`quantity + ${next - read}`
  const held = sql<number>`(SELECT coalesce(sum(quantity), 0) FROM stock_holds
    WHERE listing_id = ${listingId} AND status = 'held')`
  return update
    .set({ quantity: after })
    .where(sql<SqlBool>`${after} BETWEEN 0 AND ${MAX_STOCK} - ${held}`)
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : '')

/**
 * The 409 `sold_out` for a batch that the reservation guard aborted; undefined for any other
 * error. The guard's message is matched, not the word sold_out: a listings CHECK that fails
 * quotes its status list, which holds that word too.
 */
export function stockConflict(error: unknown): AppError | undefined {
  if (!messageOf(error).includes('stock: sold out')) return undefined
  return new AppError(409, 'sold_out', 'Sorry, there is not enough of this piece left.')
}

/** True when a batch aborted because it tried to sell or change a released hold. */
export function isSettledHold(error: unknown): boolean {
  return messageOf(error).includes('stock: hold settled')
}
