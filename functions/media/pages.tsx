/**
 * The editor's picture and file forms: delete, move, upload (multipart, checked by the same rules
 * as the API). Each redirects back to the editor with a notice, or shows the editor with the
 * refusal (see listings/editor.tsx).
 */
import { z } from 'zod'

import { editorPath, listingFormAction, onListing } from '../listings/editor.tsx'
import { ownListing } from '../listings/owned.ts'
import { pageRouter } from '../pages/declare.ts'
import { checkCsrf, emptyForm } from '../pages/helpers.tsx'
import { addImage, removeImage, replaceFile, tooManyImages } from './image-store.ts'
import { MAX_IMAGES_PER_LISTING } from './images.ts'
import { moveImage } from './move-image.ts'
import { readFileUpload, readImageUploads } from './uploads.ts'

export const mediaPageRoutes = pageRouter()

const sellers = { tag: 'Images', permission: 'listingSeller' } as const

/** The move buttons' field. */
const moveFields = z.object({ direction: z.enum(['up', 'down']) })

mediaPageRoutes.page(
  {
    ...sellers,
    method: 'post',
    path: '/sell/listings/:id/images/:imageId/delete',
    summary: 'Deletes a picture.',
    csrf: 'token',
    form: emptyForm,
  },
  listingFormAction(async (c, viewer, id) => {
    await removeImage(c.env, await ownListing(c.env, viewer, id), c.req.param('imageId') ?? '')
    return editorPath(id, 'image-deleted')
  }),
)

mediaPageRoutes.page(
  {
    ...sellers,
    method: 'post',
    path: '/sell/listings/:id/images/:imageId/move',
    summary: 'Moves a picture up or down.',
    csrf: 'token',
    form: moveFields,
  },
  listingFormAction(async (c, viewer, id, fields: z.output<typeof moveFields>) => {
    const listing = await ownListing(c.env, viewer, id)
    await moveImage(c.env, listing, c.req.param('imageId') ?? '', fields.direction)
    return editorPath(id, 'image-moved')
  }),
)

mediaPageRoutes.page(
  {
    ...sellers,
    method: 'post',
    path: '/sell/listings/:id/images',
    summary: 'Adds pictures (multipart).',
    csrf: 'multipart-token',
  },
  (c, { viewer }) => {
    const id = c.req.param('id')
    return onListing(c, viewer, id, async () => {
      const upload = await readImageUploads(c.req.raw)
      checkCsrf(c, upload.fields)
      const listing = await ownListing(c.env, viewer, id)
      if (listing.image_count + upload.images.length > MAX_IMAGES_PER_LISTING) {
        throw tooManyImages()
      }
      for (const image of upload.images) await addImage(c.env, listing, image.bytes, image.facts)
      return editorPath(id, 'image-added')
    })
  },
)

mediaPageRoutes.page(
  {
    ...sellers,
    method: 'post',
    path: '/sell/listings/:id/file',
    summary: 'Replaces the digital file (multipart).',
    csrf: 'multipart-token',
  },
  (c, { viewer }) => {
    const id = c.req.param('id')
    return onListing(c, viewer, id, async () => {
      const upload = await readFileUpload(c.req.raw, (fields) => checkCsrf(c, fields))
      await replaceFile(c.env, await ownListing(c.env, viewer, id), upload.file)
      return editorPath(id, 'file-added')
    })
  },
)
