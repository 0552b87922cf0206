/** Queries over listing images, and their API shape: one query per function, `db` first. */
import type { DB, ListingImageRow } from '../../schema/tables.ts'

/** The query for a listing's images, cover first (to run alone or in a batch). */
export function imagesQuery(db: DB, listingId: string) {
  return db
    .selectFrom('listing_images')
    .selectAll()
    .where('listing_id', '=', listingId)
    .orderBy('position')
    .orderBy('id')
}

/** A listing's images, cover first. */
export function imagesOf(db: DB, listingId: string) {
  return imagesQuery(db, listingId).execute()
}

/** Public URL of an R2 object served by the media route. */
export const mediaUrl = (key: string) => `/media/${key}`

/** The API shape of an image (spec/api.md). */
export function imageView(image: ListingImageRow) {
  return {
    id: image.id,
    url: mediaUrl(image.large_key),
    thumb_url: mediaUrl(image.thumb_key),
    width: image.width,
    height: image.height,
  }
}
