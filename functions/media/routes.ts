/** Listing images and the digital file (spec/api.md "Listings"); serve.ts serves the images. */
import { bodyLimit } from 'hono/body-limit'
import { createMiddleware } from 'hono/factory'
import { z } from 'zod'

import type { ListingRow } from '../../schema/tables.ts'
import type { AppEnv } from '../app.ts'
import { requirePermission } from '../access/api.ts'
import { AppError } from '../lib/errors.ts'
import { errorsOf, idParams } from '../lib/responses.ts'
import { apiRouter, declareRoute, jsonAnswer, jsonBody, rawBody } from '../lib/routes.ts'
import { hasMediaType } from '../lib/validate.ts'
import { imageSchema } from '../listings/responses.ts'
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
type OwnedEnv = AppEnv & { Variables: { listing: ListingRow } }

const ownedListing = createMiddleware<OwnedEnv>(async function ownedListing(c, next) {
  c.set(
    'listing',
    await ownListing(
      c.env,
      requirePermission(c.get('viewer'), 'signedIn'),
      c.req.param('id') ?? '',
    ),
  )
  await next()
})

/**
 * Refuses a body over `maxBytes` (plus the multipart envelope) with a 413: at once when
 * Content-Length says so, otherwise as soon as the stream passes the limit.
 */
export function uploadLimit(maxBytes: number, what: string) {
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
export async function uploadedFile(request: Request): Promise<File> {
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

export const listingImageRoutes = apiRouter<OwnedEnv>()

const tag = 'Listing images and files'
const upload = (description: string) =>
  rawBody(
    'multipart/form-data',
    {
      type: 'object',
      properties: { file: { type: 'string', format: 'binary', description } },
      required: ['file'],
    },
    description,
  )

const uploadImageRoute = declareRoute({
  method: 'post',
  path: '/listings/{id}/images',
  tag,
  summary: `Adds an image (JPEG, PNG or WebP, at most ${megabytes(MAX_IMAGE_BYTES)}).`,
  permission: 'listingSeller',
  csrf: 'json-api',
  middleware: [ownedListing, uploadLimit(MAX_IMAGE_BYTES, 'An image')],
  request: { params: idParams, body: upload('The image, as the `file` part.') },
  responses: {
    201: jsonAnswer('The stored image.', imageSchema),
    ...errorsOf(400, 401, 403, 404, 409, 413, 415),
  },
})

listingImageRoutes.openapi(uploadImageRoute, async function uploadImage(c) {
  const listing = c.get('listing')
  if (listing.image_count >= MAX_IMAGES_PER_LISTING) throw tooManyImages()
  const { bytes, facts } = await checkedImage(await uploadedFile(c.req.raw))
  const image = await addImage(c.env, listing, bytes, facts)
  return c.json(imageView(image), 201)
})

const removeImageRoute = declareRoute({
  method: 'delete',
  path: '/listings/{id}/images/{imageId}',
  tag,
  summary: 'Removes an image.',
  permission: 'listingSeller',
  csrf: 'json-api',
  middleware: [ownedListing],
  request: { params: z.object({ id: z.string(), imageId: z.string() }) },
  responses: { 204: { description: 'Removed.' }, ...errorsOf(401, 403, 404, 409) },
})

listingImageRoutes.openapi(removeImageRoute, async (c) => {
  await removeImage(c.env, c.get('listing'), c.req.valid('param').imageId)
  return c.body(null, 204)
})

const reorderRoute = declareRoute({
  method: 'put',
  path: '/listings/{id}/images/order',
  tag,
  summary: 'Puts the images in this order (the first is the cover).',
  permission: 'listingSeller',
  csrf: 'json-api',
  middleware: [ownedListing],
  request: { params: idParams, body: jsonBody(reorderImagesBody) },
  responses: {
    200: jsonAnswer('The images, in order.', z.object({ images: z.array(imageSchema) })),
    ...errorsOf(400, 401, 403, 404, 413, 415),
  },
})

listingImageRoutes.openapi(reorderRoute, async (c) => {
  const { image_ids } = c.req.valid('json')
  const images = await reorderImages(c.env, c.get('listing'), image_ids)
  return c.json({ images: images.map(imageView) }, 200)
})

const digitalOnly = createMiddleware<OwnedEnv>(async function digitalOnly(c, next) {
  if (c.get('listing').kind !== 'digital') throw notDigital()
  await next()
})

const uploadFileRoute = declareRoute({
  method: 'post',
  path: '/listings/{id}/file',
  tag,
  summary: `Replaces the digital file of a digital listing (at most ${megabytes(MAX_FILE_BYTES)}).`,
  permission: 'listingSeller',
  csrf: 'json-api',
  middleware: [ownedListing, digitalOnly],
  request: { params: idParams, body: upload('The file, as the `file` part.') },
  responses: {
    201: jsonAnswer('The stored file.', z.object({ name: z.string(), bytes: z.number().int() })),
    ...errorsOf(400, 401, 403, 404, 409, 413),
  },
})

listingImageRoutes.openapi(uploadFileRoute, async function uploadFile(c) {
  const file = await streamSingleFile(c.req.raw, MAX_FILE_BYTES)
  return c.json(await replaceFile(c.env, c.get('listing'), file), 201)
})
