/** The viewer's own listings, as a seller: one to change, or all of them (their dashboard). */
import type { ListingRow } from '../../schema/tables.ts'
import type { Bindings, Viewer } from '../app.ts'
import { enforce, requirePermission } from '../access/api.ts'
import { listingSeller } from '../access/rules.ts'
import { database } from '../lib/db.ts'
import {
  type ListingCardView,
  findListing,
  listingCardView,
  listingsOfSeller,
} from './repository.ts'

/** The refusal a member who is not an approved seller gets from the listing actions. */
export const NOT_A_SELLER = 'Only approved sellers can list work: apply to sell first.'

/** 403 unless the viewer is an approved seller. */
export function assertSeller(viewer: Viewer): void {
  requirePermission(viewer, 'approvedSeller', NOT_A_SELLER)
}

/**
 * The listing, if the viewer is its seller (rule `listingSeller`): someone else's draft is 404,
 * someone else's public listing 403. The seller check comes first, so it costs no query.
 */
export async function ownListing(env: Bindings, viewer: Viewer, id: string): Promise<ListingRow> {
  assertSeller(viewer)
  const row = await findListing(database(env.DB), id)
  enforce(listingSeller(viewer, row), NOT_A_SELLER)
  return row as ListingRow
}

/** All of the viewer's own listings, any status, most recently changed first (dashboard). */
export async function ownListings(env: Bindings, viewer: Viewer): Promise<ListingCardView[]> {
  const rows = await listingsOfSeller(database(env.DB), viewer.account.id)
  return rows.map((row) => listingCardView({ ...row, seller_name: viewer.account.display_name }))
}
