/** Listings for the shop's other views: the featured ones, a seller's storefront. */
import type { Bindings } from '../app.ts'
import { database } from '../lib/db.ts'
import { notFound } from '../lib/errors.ts'
import { type ListingCardView, listingCardView } from '../listings/repository.ts'
import { mediaUrl } from '../media/repository.ts'
import { searchListings } from './search.ts'

/** Featured published listings, newest first (home page). */
export async function featuredListings(env: Bindings, limit: number): Promise<ListingCardView[]> {
  const rows = await database(env.DB)
    .selectFrom('listings as l')
    .innerJoin('accounts as a', 'a.id', 'l.seller_id')
    .selectAll('l')
    .select('a.display_name as seller_name')
    .where('l.status', '=', 'published')
    .where('l.featured', '=', 1)
    .orderBy('l.pub_seq', 'desc')
    .limit(limit)
    .execute()
  return rows.map(listingCardView)
}

/** A seller's public storefront: who they are and their published listings (newest first). */
export async function storefront(env: Bindings, sellerId: string, cursor?: string) {
  const seller = await database(env.DB)
    .selectFrom('accounts')
    .select(['id', 'display_name', 'bio', 'member_since', 'seller_since', 'seller_status'])
    .select(['location', 'avatar_key'])
    .where('id', '=', sellerId)
    .executeTakeFirst()
  if (!seller || seller.seller_status !== 'approved') throw notFound('The seller')
  const listings = await searchListings(env, {
    seller: sellerId,
    sort: 'newest',
    limit: 24,
    cursor,
  })
  const { seller_status: _status, avatar_key, ...profile } = seller
  const avatar_url = avatar_key ? mediaUrl(avatar_key) : null
  return { seller: { ...profile, avatar_url }, listings }
}
