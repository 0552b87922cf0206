/**
 * The seller's pages: the dashboard, the new-listing form and the editor. Every action is a
 * plain form post that redirects back with a notice, so the whole stall can be run without
 * JavaScript; the handlers call the same services as the API. Pictures and the digital file
 * are media/pages.tsx, payouts payouts/pages.tsx.
 */
import { SellDashboardPage } from '../../web/pages/SellDashboardPage.tsx'
import { router } from '../app.ts'
import { pageViewer } from '../access/pages.tsx'
import { AppError } from '../lib/errors.ts'
import { formBody } from '../lib/validate.ts'
import { anyFields, checkCsrf } from '../pages/helpers.tsx'
import { html, pageBase } from '../pages/render.tsx'
import { editorPage, editorPath, listingFormAction, notice, ownView } from './editor.tsx'
import { formErrors, formValues, parseListingForm, valuesOf } from './listing-form.ts'
import { ownListings } from './owned.ts'
import { archiveListing, createListing, publishListing, updateListing } from './service.ts'

export const sellerListingPageRoutes = router()

sellerListingPageRoutes.get('/sell', async (c) => {
  const viewer = pageViewer(c, 'approvedSeller')
  if (viewer instanceof Response) return viewer
  const listings = await ownListings(c.env, viewer)
  return html(
    c,
    <SellDashboardPage
      {...pageBase(c)}
      listings={listings}
      payoutsReady={viewer.account.payouts_ready === 1}
      flash={notice(c)}
    />,
  )
})

sellerListingPageRoutes.get('/sell/listings/new', (c) => {
  const viewer = pageViewer(c, 'approvedSeller')
  if (viewer instanceof Response) return viewer
  return editorPage(c, { values: { ...formValues({}), kind: 'physical', quantity: '1' } })
})

sellerListingPageRoutes.post('/sell/listings', async (c) => {
  const signedIn = pageViewer(c, 'signedIn')
  if (signedIn instanceof Response) return signedIn
  const form = await formBody(c, anyFields)
  checkCsrf(c, form.raw)
  // The token first, as on every form post; then whether this member may sell.
  const viewer = pageViewer(c, 'approvedSeller')
  if (viewer instanceof Response) return viewer
  const values = formValues(form.raw)
  const parsed = parseListingForm(values)
  if (!parsed.ok) return editorPage(c, { values, errors: parsed.errors }, 400)
  try {
    const listing = await createListing(c.env, viewer, parsed.data)
    return c.redirect(editorPath(listing.id, 'created'), 303)
  } catch (error) {
    if (error instanceof AppError && error.status === 400 && error.fields) {
      return editorPage(c, { values, errors: formErrors(error.fields) }, 400)
    }
    throw error
  }
})

sellerListingPageRoutes.get('/sell/listings/:id', async (c) => {
  const viewer = pageViewer(c, 'approvedSeller')
  if (viewer instanceof Response) return viewer
  const listing = await ownView(c, viewer, c.req.param('id'))
  return editorPage(c, { listing, values: valuesOf(listing), flash: notice(c) })
})

/** The editor's hidden copy of the stock it showed; anything else is ignored. */
const QUANTITY_SEEN = /^\d{1,6}$/

sellerListingPageRoutes.post('/sell/listings/:id', async (c) => {
  const viewer = pageViewer(c, 'signedIn')
  if (viewer instanceof Response) return viewer
  const form = await formBody(c, anyFields)
  checkCsrf(c, form.raw)
  const listing = await ownView(c, viewer, c.req.param('id'))
  // The kind is fixed at creation: the form does not send it, and it is not changed.
  const values = { ...formValues(form.raw), kind: listing.kind }
  const parsed = parseListingForm(values)
  if (!parsed.ok) return editorPage(c, { listing, values, errors: parsed.errors }, 400)
  const { kind: _kind, ...patch } = parsed.data
  const seen = QUANTITY_SEEN.test(values.quantity_seen) ? Number(values.quantity_seen) : undefined
  try {
    await updateListing(c.env, viewer, listing.id, { ...patch, quantity_seen: seen })
  } catch (error) {
    if (!(error instanceof AppError && (error.status === 400 || error.status === 409))) throw error
    const errors = error.fields ? formErrors(error.fields) : {}
    return editorPage(c, { listing, values, errors, message: error.message }, error.status)
  }
  return c.redirect(editorPath(listing.id, 'saved'), 303)
})

/** Publish and archive come from the dashboard or the editor, and go back where they came from. */
function backTo(raw: Record<string, string>, id: string, done: string) {
  return raw.back === 'editor' ? editorPath(id, done) : `/sell?done=${done}`
}

sellerListingPageRoutes.post(
  '/sell/listings/:id/publish',
  listingFormAction(async (c, viewer, id, fields) => {
    await publishListing(c.env, viewer, id)
    return backTo(fields, id, 'published')
  }),
)

sellerListingPageRoutes.post(
  '/sell/listings/:id/archive',
  listingFormAction(async (c, viewer, id, fields) => {
    await archiveListing(c.env, viewer, id)
    return backTo(fields, id, 'archived')
  }),
)
