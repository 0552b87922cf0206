/** Listing images and the digital file (spec/api.md "Listings"); serve.ts serves the images. */
import { bodyLimit } from 'hono/body-limit'
import { createMiddleware } from 'hono/factory'
import { z } from 'zod'

import type { ListingRow } from '../../schema/tables.ts'
import type { AppEnv } from '../app.ts'
import { router } from '../app.ts'
import { requirePermission } from '../access/api.ts'
import { AppError } from '../lib/errors.ts'
import { hasMediaType, jsonBody } from '../lib/validate.ts'
import { ownListing } from '../listings/owned.ts'
import {
  addImage,
  notDigital,
  removeImage,
  reorderImages,
  replaceFile,
  tooManyImages,
} from './image-store.ts'
import {
  MAX_FILE_BYTES,
  MAX_IMAGE_BYTES,
  MAX_IMAGES_PER_LISTING,
  MULTIPART_OVERHEAD_BYTES,
  megabytes,
} from './images.ts'
import { streamSingleFile } from './multipart-file.ts'
import { imageView } from './repository.ts'
import { checkedImage } from './image-checks.ts'

/** `PUT /api/v1/listings/:id/images/order` */
export const reorderImagesBody = z.strictObject({
  image_ids: z.array(z.string().max(100)).max(MAX_IMAGES_PER_LISTING),
})

/** Loads the listing the viewer sells (401/403/404 otherwise) before any body is read. */
const ownedListing = createMiddleware<AppEnv & { Variables: { listing: ListingRow } }>(
  async function ownedListing(c, next) {
    c.set(
      'listing',
      await ownListing(
        c.env,
        requirePermission(c.get('viewer'), 'signedIn'),
        c.req.param('id') ?? '',
      ),
    )
    await next()
  },
)

/**
 * Refuses a body over `maxBytes` (plus the multipart envelope) with a 413: at once when
 * Content-Length says so, otherwise as soon as the stream passes the limit.
 */
function uploadLimit(maxBytes: number, what: string) {
  return bodyLimit({
    maxSize: maxBytes + MULTIPART_OVERHEAD_BYTES,
    onError() {
      throw tooLarge(maxBytes, what)
    },
  })
}

const tooLarge = (maxBytes: number, what: string) =>
  new AppError(413, 'payload_too_large', `${what} can be at most ${megabytes(maxBytes)}.`)

/** The `file` part of a multipart body: 400 with `fields.file` when there is none. */
async function uploadedFile(request: Request): Promise<File> {
  const missing = (message: string) =>
    new AppError(400, 'invalid_input', 'Send the file as multipart/form-data.', { file: message })
  if (!hasMediaType(request, 'multipart/form-data')) throw missing('Attach a file.')
  let form: FormData
  try {
    form = await request.formData()
  } catch (error) {
    if (error instanceof AppError) throw error
    throw missing('The upload could not be read.')
  }
  const file = form.get('file')
  if (!(file instanceof File)) throw missing('Attach a file.')
  if (file.size === 0) throw missing('The file is empty.')
  return file
}

export const listingImageRoutes = router()

listingImageRoutes.post(
  '/listings/:id/images',
  ownedListing,
  uploadLimit(MAX_IMAGE_BYTES, 'An image'),
  async function uploadImage(c) {
    const listing = c.get('listing')
    if (listing.image_count >= MAX_IMAGES_PER_LISTING) throw tooManyImages()
    const { bytes, facts } = await checkedImage(await uploadedFile(c.req.raw))
    const image = await addImage(c.env, listing, bytes, facts)
    return c.json(imageView(image), 201)
  },
)

listingImageRoutes.delete('/listings/:id/images/:imageId', ownedListing, async (c) => {
  await removeImage(c.env, c.get('listing'), c.req.param('imageId'))
  return c.body(null, 204)
})

listingImageRoutes.put('/listings/:id/images/order', ownedListing, async (c) => {
  const { image_ids } = await jsonBody(c, reorderImagesBody)
  const images = await reorderImages(c.env, c.get('listing'), image_ids)
  return c.json({ images: images.map(imageView) })
})

listingImageRoutes.post(
  '/listings/:id/file',
  ownedListing,
  async function digitalOnly(c, next) {
    if (c.get('listing').kind !== 'digital') throw notDigital()
    await next()
  },
  async function uploadFile(c) {
    const file = await streamSingleFile(c.req.raw, MAX_FILE_BYTES)
    return c.json(await replaceFile(c.env, c.get('listing'), file), 201)
  },
)
