/** Queries over cart lines: one query per function, `db` first, always scoped to one member. */
import { sql } from 'kysely'

import type { DB } from '../lib/db.ts'
import { mediaUrl } from '../media/repository.ts'

/** A cart line with what the cart shows of its listing and seller (prices read now). */
export interface CartRow {
  listing_id: string
  quantity: number
  title: string
  price_cents: number
  currency: string
  kind: 'physical' | 'digital'
  /** The listing's units left (its `quantity`); null for a digital listing. */
  stock: number | null
  shipping_cents: number
  status: 'draft' | 'published' | 'archived' | 'sold_out'
  seller_id: string
  seller_name: string
  payouts_ready: 0 | 1
  thumb_url: string | null
}

/** The member's cart lines, oldest first, with their listings and sellers (one query). */
export async function cartRows(db: DB, memberId: string): Promise<CartRow[]> {
  const rows = await db
    .selectFrom('cart_items as c')
    .innerJoin('listings as l', 'l.id', 'c.listing_id')
    .innerJoin('accounts as a', 'a.id', 'l.seller_id')
    .select(['c.listing_id', 'c.quantity', 'l.title', 'l.price_cents', 'l.currency', 'l.kind'])
    .select(['l.quantity as stock', 'l.shipping_cents', 'l.status', 'l.seller_id'])
    .select(['a.display_name as seller_name', 'a.payouts_ready', 'l.cover_thumb_key'])
    .where('c.member_id', '=', memberId)
    .orderBy('c.added_at')
    .orderBy('c.listing_id')
    .execute()
  return rows.map(({ cover_thumb_key, ...row }) => ({
    ...row,
    thumb_url: cover_thumb_key ? mediaUrl(cover_thumb_key) : null,
  }))
}

/** A listing with its seller's payouts state, as adding it to a cart needs it. */
export function listingForCart(db: DB, listingId: string) {
  return db
    .selectFrom('listings as l')
    .innerJoin('accounts as a', 'a.id', 'l.seller_id')
    .select(['l.id', 'l.kind', 'l.quantity as stock', 'l.status', 'l.seller_id'])
    .select(['a.payouts_ready'])
    .where('l.id', '=', listingId)
    .executeTakeFirst()
}

/** The quantity of one of the member's lines, if the listing is in their cart. */
export async function lineQuantity(db: DB, memberId: string, listingId: string) {
  const row = await db
    .selectFrom('cart_items')
    .select('quantity')
    .where('member_id', '=', memberId)
    .where('listing_id', '=', listingId)
    .executeTakeFirst()
  return row?.quantity
}

/** How many lines the member's cart holds. */
export async function lineCount(db: DB, memberId: string): Promise<number> {
  const row = await db
    .selectFrom('cart_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('member_id', '=', memberId)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** Every unit in the member's cart, for the header's count. */
export async function itemCount(db: DB, memberId: string): Promise<number> {
  const row = await db
    .selectFrom('cart_items')
    .select((eb) => eb.fn.sum<number>('quantity').as('n'))
    .where('member_id', '=', memberId)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/**
 * Puts `quantity` units in the member's cart: a new line, or more of a line already there. The
 * sum is capped in SQL at `cap` (the stock when the form was read), so two tabs adding at once
 * cannot push a line past it.
 */
export function addLine(
  db: DB,
  line: { memberId: string; listingId: string; quantity: number; cap: number; now: string },
) {
  return db
    .insertInto('cart_items')
    .values({
      member_id: line.memberId,
      listing_id: line.listingId,
      quantity: Math.min(line.quantity, line.cap),
      added_at: line.now,
      updated_at: line.now,
    })
    .onConflict((oc) =>
      oc.columns(['member_id', 'listing_id']).doUpdateSet({
        quantity: sql<number>`min(cart_items.quantity + excluded.quantity, ${line.cap})`,
        updated_at: line.now,
      }),
    )
    .execute()
}

/** Sets the quantity of a line already in the member's cart; the number of lines it changed. */
export async function setLineQuantity(
  db: DB,
  line: { memberId: string; listingId: string; quantity: number; now: string },
): Promise<number> {
  const result = await db
    .updateTable('cart_items')
    .set({ quantity: line.quantity, updated_at: line.now })
    .where('member_id', '=', line.memberId)
    .where('listing_id', '=', line.listingId)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/**
 * The statement that takes listings out of a member's cart: the remove button's, and the one
 * checkout's payment can batch once the order holds the lines (functions/orders, by the lead).
 */
export function removeLines(db: DB, memberId: string, listingIds: readonly string[]) {
  return db
    .deleteFrom('cart_items')
    .where('member_id', '=', memberId)
    .where('listing_id', 'in', listingIds.length > 0 ? [...listingIds] : [''])
}
