/**
 * The editor's picture and file forms: delete, move, upload (multipart, checked by the same rules
 * as the API). Each redirects back to the editor with a notice, or shows the editor with the
 * refusal (see listings/editor.tsx).
 */
import { router } from '../app.ts'
import { pageViewer } from '../access/pages.tsx'
import { editorPath, listingFormAction, onListing } from '../listings/editor.tsx'
import { ownListing } from '../listings/owned.ts'
import { checkCsrf } from '../pages/helpers.tsx'
import { addImage, removeImage, replaceFile, tooManyImages } from './image-store.ts'
import { MAX_IMAGES_PER_LISTING } from './images.ts'
import { moveImage } from './move-image.ts'
import { readFileUpload, readImageUploads } from './uploads.ts'

export const mediaPageRoutes = router()

mediaPageRoutes.post(
  '/sell/listings/:id/images/:imageId/delete',
  listingFormAction(async (c, viewer, id) => {
    await removeImage(c.env, await ownListing(c.env, viewer, id), c.req.param('imageId') ?? '')
    return editorPath(id, 'image-deleted')
  }),
)

mediaPageRoutes.post(
  '/sell/listings/:id/images/:imageId/move',
  listingFormAction(async (c, viewer, id, fields) => {
    const listing = await ownListing(c.env, viewer, id)
    const direction = fields.direction === 'up' ? 'up' : 'down'
    await moveImage(c.env, listing, c.req.param('imageId') ?? '', direction)
    return editorPath(id, 'image-moved')
  }),
)

mediaPageRoutes.post('/sell/listings/:id/images', async (c) => {
  const viewer = pageViewer(c, 'signedIn')
  if (viewer instanceof Response) return viewer
  const id = c.req.param('id')
  return onListing(c, viewer, id, async () => {
    const upload = await readImageUploads(c.req.raw)
    checkCsrf(c, upload.fields)
    const listing = await ownListing(c.env, viewer, id)
    if (listing.image_count + upload.images.length > MAX_IMAGES_PER_LISTING) throw tooManyImages()
    for (const image of upload.images) await addImage(c.env, listing, image.bytes, image.facts)
    return editorPath(id, 'image-added')
  })
})

mediaPageRoutes.post('/sell/listings/:id/file', async (c) => {
  const viewer = pageViewer(c, 'signedIn')
  if (viewer instanceof Response) return viewer
  const id = c.req.param('id')
  return onListing(c, viewer, id, async () => {
    const upload = await readFileUpload(c.req.raw, (fields) => checkCsrf(c, fields))
    await replaceFile(c.env, await ownListing(c.env, viewer, id), upload.file)
    return editorPath(id, 'file-added')
  })
})
