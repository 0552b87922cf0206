/**
 * Browsing and search. (Being written: the signatures are final.)
 */
import type { Bindings, Viewer } from '../app.ts'
import type { ListingCardView } from './repository.ts'
import type { SearchParams } from './schemas.ts'

export interface ListingPage {
  items: ListingCardView[]
  next_cursor: string | null
  /** D1 rows read to answer it (meta.rows_read summed), for tests and benchmarks. */
  rows_read: number
}

/** Published listings matching the filters, in the chosen order, one keyset page. */
export async function searchListings(_env: Bindings, _params: SearchParams): Promise<ListingPage> {
  throw new Error('not implemented yet')
}

/** Featured published listings, newest first (home page). */
export async function featuredListings(_env: Bindings, _limit: number): Promise<ListingCardView[]> {
  throw new Error('not implemented yet')
}

/** All of the viewer's own listings, any status, most recently changed first (dashboard). */
export async function ownListings(_env: Bindings, _viewer: Viewer): Promise<ListingCardView[]> {
  throw new Error('not implemented yet')
}

export interface CategoryNode {
  slug: string
  name: string
  children: { slug: string; name: string }[]
}

/** The category tree, in display order. */
export async function categoryTree(_env: Bindings): Promise<CategoryNode[]> {
  throw new Error('not implemented yet')
}

/** A seller's public storefront: who they are and their published listings (first page). */
export async function storefront(
  _env: Bindings,
  _sellerId: string,
  _cursor?: string,
): Promise<{
  seller: { id: string; display_name: string; bio: string; member_since: string | null; seller_since: string | null }
  listings: ListingPage
}> {
  throw new Error('not implemented yet')
}
