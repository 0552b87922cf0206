/**
 * Creating, editing, publishing and reading listings: shared by the JSON API and the pages.
 * (Being written: the signatures are final.)
 */
import type { Bindings, Viewer } from '../app.ts'
import type { ListingView } from './repository.ts'
import type { CreateListingInput, UpdateListingInput } from './schemas.ts'

/** Creates a draft for an approved seller (403 otherwise); 400 for an unknown category. */
export async function createListing(
  _env: Bindings,
  _viewer: Viewer,
  _input: CreateListingInput,
): Promise<ListingView> {
  throw new Error('not implemented yet')
}

/** Changes fields of the seller's draft or published listing; 409 when archived. */
export async function updateListing(
  _env: Bindings,
  _viewer: Viewer,
  _id: string,
  _patch: UpdateListingInput,
): Promise<ListingView> {
  throw new Error('not implemented yet')
}

/** Publishes: needs a title, a price above 0 and one image (409 `not_publishable` with fields). */
export async function publishListing(_env: Bindings, _viewer: Viewer, _id: string): Promise<ListingView> {
  throw new Error('not implemented yet')
}

/** Archives the seller's listing: it leaves the shop and search. */
export async function archiveListing(_env: Bindings, _viewer: Viewer, _id: string): Promise<ListingView> {
  throw new Error('not implemented yet')
}

/** One listing for anyone, its drafts only for its seller (404 for others). */
export async function getListing(_env: Bindings, _viewer: Viewer | null, _id: string): Promise<ListingView> {
  throw new Error('not implemented yet')
}
