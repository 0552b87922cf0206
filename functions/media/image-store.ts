/**
 * Storing listing images and files: R2 objects first, then one atomic D1 batch, and on any
 * failure the objects written are deleted again, so no path leaves a stray object behind.
 * The listing's `image_count` and cover are recomputed from `listing_images` inside each
 * batch, so racing requests cannot make them drift; the table's CHECKs are the last guard.
 */
import type { ListingImageRow, ListingRow } from '../../schema/tables.ts'
import type { Bindings } from '../app.ts'
import { newId, randomToken } from '../lib/crypto.ts'
import { atomically, database, type DB } from '../lib/db.ts'
import { AppError } from '../lib/errors.ts'
import {
  displayFileName,
  fileKey,
  fitInside,
  IMMUTABLE_CACHE,
  imageKeys,
  type ImageFacts,
  VARIANTS,
} from './images.ts'
import { publicVariant } from './image-checks.ts'
import { putStream, type StreamedFile } from './multipart-file.ts'
import { imagesOf } from './repository.ts'

const isCheckViolation = (error: unknown) =>
  error instanceof Error && /CHECK constraint failed/i.test(error.message)

/** The cover (first image), recount and timestamp of a listing, as one UPDATE for a batch. */
function refreshListing(db: DB, listingId: string, now: string) {
  const first = db
    .selectFrom('listing_images')
    .where('listing_id', '=', listingId)
    .orderBy('position')
    .orderBy('id')
    .limit(1)
  return db
    .updateTable('listings')
    .set({
      cover_image_id: first.select('id'),
      cover_thumb_key: first.select('thumb_key'),
      cover_width: first.select('width'),
      cover_height: first.select('height'),
      image_count: db
        .selectFrom('listing_images')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('listing_id', '=', listingId),
      updated_at: now,
    })
    .where('id', '=', listingId)
}

/**
 * The 415 of an image whose header looks right but whose picture does not decode (truncated or
 * corrupt data): 415 rather than a 422, which spec/api.md does not list, since to us it is not
 * an image of a type we take.
 */
const unreadableImage = () =>
  new AppError(415, 'unsupported_media_type', 'That image could not be read.', {
    file: 'The image data is damaged or incomplete: export it again and upload the new file.',
  })

/**
 * A re-encoded, metadata-free WebP variant fitted inside `box`; 415 when the Images binding
 * cannot decode the bytes or makes nothing of them (it returns an empty body for some damaged
 * images rather than failing).
 */
async function webpVariant(
  env: Bindings,
  bytes: Uint8Array<ArrayBuffer>,
  facts: ImageFacts,
  box: number,
) {
  const size = fitInside(facts.width, facts.height, box)
  let output: Uint8Array<ArrayBuffer>
  try {
    const result = await env.IMAGES.input(new Blob([bytes]).stream())
      .transform({ ...size, fit: 'scale-down' })
      .output({ format: 'image/webp', quality: 82 })
    output = new Uint8Array(await result.response().arrayBuffer())
  } catch {
    throw unreadableImage()
  }
  const variant = publicVariant(output)
  if (!variant) throw unreadableImage()
  return variant
}

/**
 * Adds an image to the listing: the original (private: never served, it keeps its metadata)
 * and its thumb and large WebP variants (public) in R2, then the row and the listing's count and
 * cover in one batch. 409 `too_many_images` at the limit; 415 before anything is written when
 * the image does not decode.
 */
export async function addImage(
  env: Bindings,
  listing: ListingRow,
  bytes: Uint8Array<ArrayBuffer>,
  facts: ImageFacts,
): Promise<ListingImageRow> {
  const thumb = await webpVariant(env, bytes, facts, VARIANTS.thumb)
  const large = await webpVariant(env, bytes, facts, VARIANTS.large)
  const id = newId('img')
  const keys = imageKeys(listing.id, id, facts.extension)
  const now = new Date().toISOString()
  const row: ListingImageRow = {
    id,
    listing_id: listing.id,
    position: 0,
    original_key: keys.original,
    thumb_key: keys.thumb,
    large_key: keys.large,
    content_type: facts.type,
    width: facts.width,
    height: facts.height,
    bytes: bytes.byteLength,
    created_at: now,
  }
  const db = database(env.DB)
  try {
    const put = (key: string, body: Uint8Array, contentType: string) =>
      env.BUCKET.put(key, body, { httpMetadata: { contentType, cacheControl: IMMUTABLE_CACHE } })
    await put(keys.original, bytes, facts.type)
    await put(keys.thumb, thumb, 'image/webp')
    await put(keys.large, large, 'image/webp')
    const next = db
      .selectFrom('listing_images')
      .select((eb) => eb.fn.coalesce(eb(eb.fn.max('position'), '+', 1), eb.lit(0)).as('p'))
      .where('listing_id', '=', listing.id)
    await atomically(env.DB, [
      db.insertInto('listing_images').values({ ...row, position: next }),
      refreshListing(db, listing.id, now),
    ])
  } catch (error) {
    await env.BUCKET.delete([keys.original, keys.thumb, keys.large])
    if (isCheckViolation(error)) throw tooManyImages()
    throw error
  }
  const stored = await db
    .selectFrom('listing_images')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  return stored
}

export const tooManyImages = () =>
  new AppError(409, 'too_many_images', 'A listing can have at most 12 images: delete one first.')

/**
 * Deletes one image: the row, the positions rewritten without it and the cover moved to the new
 * first image, in one batch; then its R2 objects. 404 for an image of another listing.
 * 409 `last_image` for the only image of a published listing (the listings CHECK that a
 * published listing has an image would refuse the batch anyway; this says why).
 */
export async function removeImage(env: Bindings, listing: ListingRow, imageId: string) {
  const db = database(env.DB)
  const images = await imagesOf(db, listing.id)
  const image = images.find((candidate) => candidate.id === imageId)
  if (!image) throw new AppError(404, 'not_found', 'That image was not found on this listing.')
  const lastImage = () =>
    new AppError(
      409,
      'last_image',
      'A published listing needs at least one image: add another before deleting this one.',
    )
  if (listing.status === 'published' && images.length <= 1) throw lastImage()
  const remaining = images.filter((candidate) => candidate.id !== imageId)
  try {
    await atomically(env.DB, [
      db.deleteFrom('listing_images').where('id', '=', imageId),
      ...positionUpdates(
        db,
        remaining.map((candidate) => candidate.id),
      ),
      refreshListing(db, listing.id, new Date().toISOString()),
    ])
  } catch (error) {
    if (isCheckViolation(error)) throw lastImage()
    throw error
  }
  await env.BUCKET.delete([image.original_key, image.thumb_key, image.large_key])
}

/** One UPDATE per image giving it its index in `orderedIds` (12 at most). */
function positionUpdates(db: DB, orderedIds: string[]) {
  return orderedIds.map((id, position) =>
    db.updateTable('listing_images').set({ position }).where('id', '=', id),
  )
}

/**
 * Puts the listing's images in the given order, which must name each of them exactly once
 * (400 with `fields.image_ids` otherwise); the first becomes the cover. Returns them in order.
 */
export async function reorderImages(env: Bindings, listing: ListingRow, orderedIds: string[]) {
  const db = database(env.DB)
  const current = new Set((await imagesOf(db, listing.id)).map((image) => image.id))
  const unique = new Set(orderedIds)
  const sameSet =
    unique.size === orderedIds.length &&
    unique.size === current.size &&
    orderedIds.every((id) => current.has(id))
  if (!sameSet) {
    throw new AppError(400, 'invalid_input', 'Some fields need attention.', {
      image_ids: "List each of the listing's image ids exactly once.",
    })
  }
  await atomically(env.DB, [
    ...positionUpdates(db, orderedIds),
    refreshListing(db, listing.id, new Date().toISOString()),
  ])
  return imagesOf(db, listing.id)
}

/**
 * Stores the private file of a digital listing under `files/` (never served by the media
 * route), records it on the listing, and then deletes the file it replaces. The file is a
 * buffered `File` (page forms) or a {@link StreamedFile} streamed into R2 (the API).
 */
export async function replaceFile(env: Bindings, listing: ListingRow, file: File | StreamedFile) {
  const name = displayFileName(file.name)
  const key = fileKey(listing.id, randomToken(96), name)
  const options = {
    httpMetadata: { contentType: 'application/octet-stream' },
    customMetadata: { name },
  }
  let bytes: number
  if (file instanceof Blob) {
    await env.BUCKET.put(key, file, options)
    bytes = file.size
  } else {
    try {
      bytes = await putStream(env.BUCKET, key, file.body, options)
    } catch (error) {
      // The upload was aborted, so nothing is stored; a malformed body is the client's error.
      throw file.problem() ?? error
    }
  }
  try {
    const result = await database(env.DB)
      .updateTable('listings')
      .set({
        file_key: key,
        file_name: name,
        file_bytes: bytes,
        updated_at: new Date().toISOString(),
      })
      .where('id', '=', listing.id)
      .where('kind', '=', 'digital')
      // Only over the file we read: a racing upload would otherwise orphan one of the two.
      .where('file_key', 'is', listing.file_key)
      .executeTakeFirst()
    if (result.numUpdatedRows !== 1n) {
      throw new AppError(409, 'edit_conflict', 'The file changed meanwhile: please try again.')
    }
  } catch (error) {
    await env.BUCKET.delete(key)
    throw error
  }
  if (listing.file_key && listing.file_key !== key) await env.BUCKET.delete(listing.file_key)
  return { name, bytes }
}

export const notDigital = () =>
  new AppError(409, 'not_digital', 'Only a digital listing delivers a file.')
