/** Queries over listings, and their API shapes: one query per function, `db` first. */
import type { DB, ListingImageRow, ListingRow } from '../../schema/tables.ts'
import { VARIANTS, fitInside } from '../media/images.ts'
import { imageView, mediaUrl } from '../media/repository.ts'

export function findListing(db: DB, id: string) {
  return db.selectFrom('listings').selectAll().where('id', '=', id).executeTakeFirst()
}

/** All of a seller's listings, any status, most recently changed first (at most 500). */
export function listingsOfSeller(db: DB, sellerId: string) {
  return db
    .selectFrom('listings')
    .selectAll()
    .where('seller_id', '=', sellerId)
    .orderBy('updated_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(500)
    .execute()
}

export function sellerSummary(db: DB, sellerId: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'display_name', 'payouts_ready', 'member_since', 'seller_since'])
    .where('id', '=', sellerId)
    .executeTakeFirst()
}

/** Whether a buyer could buy this listing now: published, in stock, seller can be paid. */
export function isBuyable(row: ListingRow, sellerPayoutsReady: boolean): boolean {
  const inStock = row.kind === 'digital' || (row.quantity ?? 0) > 0
  return row.status === 'published' && inStock && sellerPayoutsReady
}

/** The cover thumbnail's size: the cover fitted in the thumbnail box, as the variant was made. */
function thumbSize(row: ListingRow) {
  if (!row.cover_width || !row.cover_height) return { thumb_width: null, thumb_height: null }
  const { width, height } = fitInside(row.cover_width, row.cover_height, VARIANTS.thumb)
  return { thumb_width: width, thumb_height: height }
}

/** The API shape of a listing (spec/api.md "Shapes of the main objects"). */
export function listingView(
  row: ListingRow,
  images: ListingImageRow[],
  seller: { id: string; display_name: string; payouts_ready: 0 | 1 },
) {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    price_cents: row.price_cents,
    currency: row.currency,
    kind: row.kind,
    quantity: row.quantity,
    shipping_cents: row.shipping_cents,
    category: row.category_slug,
    tags: JSON.parse(row.tags) as string[],
    status: row.status,
    images: images.map(imageView),
    has_file: row.file_key !== null,
    seller: { id: seller.id, display_name: seller.display_name },
    buyable: isBuyable(row, seller.payouts_ready === 1),
    featured: row.featured === 1,
    created_at: row.created_at,
    updated_at: row.updated_at,
    published_at: row.published_at,
  }
}

export type ListingView = ReturnType<typeof listingView>

/** The compact shape of a listing in lists and search results (one row, no image query). */
export function listingCardView(row: ListingRow & { seller_name: string }) {
  return {
    id: row.id,
    title: row.title,
    price_cents: row.price_cents,
    currency: row.currency,
    kind: row.kind,
    category: row.category_slug,
    status: row.status,
    thumb_url: row.cover_thumb_key ? mediaUrl(row.cover_thumb_key) : null,
    ...thumbSize(row),
    seller: { id: row.seller_id, display_name: row.seller_name },
    published_at: row.published_at,
  }
}

export type ListingCardView = ReturnType<typeof listingCardView>
