/**
 * The seller's pages: the dashboard, the new-listing form and the editor. Every action is a
 * plain form post that redirects back with a notice, so the whole stall can be run without
 * JavaScript; the handlers call the same services as the API. Pictures and the digital file
 * are media/pages.tsx, payouts payouts/pages.tsx.
 */
import { z } from 'zod'

import { SellDashboardPage } from '../../web/pages/SellDashboardPage.tsx'
import { AppError } from '../lib/errors.ts'
import { pageRouter } from '../pages/declare.ts'
import { html, pageBase } from '../pages/render.tsx'
import { editorPage, editorPath, listingFormAction, notice, ownView } from './editor.tsx'
import {
  formErrors,
  formValues,
  listingFormFields,
  parseListingForm,
  valuesOf,
} from './listing-form.ts'
import { ownListings } from './owned.ts'
import { archiveListing, createListing, publishListing, updateListing } from './service.ts'

export const sellerListingPageRoutes = pageRouter()

const tag = 'Listings'

sellerListingPageRoutes.page(
  {
    tag,
    method: 'get',
    path: '/sell',
    summary: 'The seller dashboard: their listings and payouts.',
    permission: 'approvedSeller',
    csrf: 'none',
  },
  async (c, { viewer }) => {
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
  },
)

sellerListingPageRoutes.page(
  {
    tag,
    method: 'get',
    path: '/sell/listings/new',
    summary: 'The form of a new listing.',
    permission: 'approvedSeller',
    csrf: 'none',
  },
  (c) => editorPage(c, { values: { ...formValues({}), kind: 'physical', quantity: '1' } }),
)

sellerListingPageRoutes.page(
  {
    tag,
    method: 'post',
    path: '/sell/listings',
    summary: 'Saves a new listing as a draft.',
    permission: 'approvedSeller',
    csrf: 'token',
    form: listingFormFields,
  },
  async (c, { viewer, form }) => {
    const values = form.ok ? form.data : formValues({})
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
  },
)

sellerListingPageRoutes.page(
  {
    tag,
    method: 'get',
    path: '/sell/listings/:id',
    summary: 'The editor of one of the seller’s listings.',
    permission: 'listingSeller',
    csrf: 'none',
  },
  async (c, { viewer }) => {
    const listing = await ownView(c, viewer, c.req.param('id'))
    return editorPage(c, { listing, values: valuesOf(listing), flash: notice(c) })
  },
)

/** The editor's hidden copy of the stock it showed; anything else is ignored. */
const QUANTITY_SEEN = /^\d{1,6}$/

sellerListingPageRoutes.page(
  {
    tag,
    method: 'post',
    path: '/sell/listings/:id',
    summary: 'Saves the editor’s changes.',
    permission: 'listingSeller',
    csrf: 'token',
    form: listingFormFields,
  },
  async (c, { viewer, form }) => {
    const listing = await ownView(c, viewer, c.req.param('id'))
    // The kind is fixed at creation: the form does not send it, and it is not changed.
    const values = { ...(form.ok ? form.data : formValues({})), kind: listing.kind }
    const parsed = parseListingForm(values)
    if (!parsed.ok) return editorPage(c, { listing, values, errors: parsed.errors }, 400)
    const { kind: _kind, ...patch } = parsed.data
    const seen = QUANTITY_SEEN.test(values.quantity_seen) ? Number(values.quantity_seen) : undefined
    try {
      await updateListing(c.env, viewer, listing.id, { ...patch, quantity_seen: seen })
    } catch (error) {
      if (!(error instanceof AppError && (error.status === 400 || error.status === 409)))
        throw error
      const errors = error.fields ? formErrors(error.fields) : {}
      return editorPage(c, { listing, values, errors, message: error.message }, error.status)
    }
    return c.redirect(editorPath(listing.id, 'saved'), 303)
  },
)

/** Publish and archive come from the dashboard or the editor, and go back where they came from. */
const backField = z.object({ back: z.string().optional() })

function backTo(fields: z.output<typeof backField>, id: string, done: string) {
  return fields.back === 'editor' ? editorPath(id, done) : `/sell?done=${done}`
}

sellerListingPageRoutes.page(
  {
    tag,
    method: 'post',
    path: '/sell/listings/:id/publish',
    summary: 'Publishes a listing.',
    permission: 'listingSeller',
    csrf: 'token',
    form: backField,
  },
  listingFormAction(async (c, viewer, id, fields: z.output<typeof backField>) => {
    await publishListing(c.env, viewer, id)
    return backTo(fields, id, 'published')
  }),
)

sellerListingPageRoutes.page(
  {
    tag,
    method: 'post',
    path: '/sell/listings/:id/archive',
    summary: 'Archives a listing.',
    permission: 'listingSeller',
    csrf: 'token',
    form: backField,
  },
  listingFormAction(async (c, viewer, id, fields: z.output<typeof backField>) => {
    await archiveListing(c.env, viewer, id)
    return backTo(fields, id, 'archived')
  }),
)
