/** Who may touch a listing: its seller, while they are an approved seller. */
import type { ListingRow } from '../../schema/tables.ts'
import type { Bindings, Viewer } from '../app.ts'
import { isApprovedSeller } from '../accounts/guards.ts'
import { database } from '../lib/db.ts'
import { AppError, forbidden, notFound } from '../lib/errors.ts'
import { findListing } from './repository.ts'

/** 403 unless the viewer is an approved seller. */
export function assertSeller(viewer: Viewer): void {
  if (!isApprovedSeller(viewer)) {
    throw new AppError(
      403,
      'forbidden',
      'Only approved sellers can list work: apply to sell first.',
    )
  }
}

/**
 * The listing, if the viewer is its seller. Someone else's draft is 404 (it does not exist for
 * them); someone else's public listing is 403.
 */
export async function ownListing(env: Bindings, viewer: Viewer, id: string): Promise<ListingRow> {
  assertSeller(viewer)
  const row = await findListing(database(env.DB), id)
  if (!row || (row.seller_id !== viewer.account.id && row.status === 'draft')) {
    throw notFound('The listing')
  }
  if (row.seller_id !== viewer.account.id) throw forbidden('That listing is not yours.')
  return row
}
