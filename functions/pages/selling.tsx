/**
 * The seller's pages: the dashboard, the new-listing form and the editor. Every action is a
 * plain form post (urlencoded, or multipart for files) that redirects back with a notice, so the
 * whole stall can be run without JavaScript; the handlers call the same services as the API.
 */
import type { Context } from 'hono'
import { z } from 'zod'

import type { Flash } from '../../web/components/types.ts'
import {
  ListingEditorPage,
  type ListingEditorPageProps,
} from '../../web/pages/ListingEditorPage.tsx'
import { SellDashboardPage } from '../../web/pages/SellDashboardPage.tsx'
import { SellerOnlyPage } from '../../web/pages/SellerOnlyPage.tsx'
import { type AppEnv, router, type Viewer } from '../app.ts'
import { isApprovedSeller } from '../accounts/guards.ts'
import { database } from '../lib/db.ts'
import { AppError, forbidden } from '../lib/errors.ts'
import { formBody } from '../lib/validate.ts'
import { refreshPayoutsStatus, startPayoutsOnboarding } from '../payouts/service.ts'
import { ownListing } from '../listings/access.ts'
import {
  addImage,
  removeImage,
  reorderImages,
  replaceFile,
  tooManyImages,
} from '../listings/image-store.ts'
import { MAX_IMAGES_PER_LISTING } from '../listings/images.ts'
import { imagesOf, type ListingView } from '../listings/repository.ts'
import { ownListings } from '../listings/catalogue.ts'
import { categoryTree } from '../listings/categories.ts'
import {
  archiveListing,
  createListing,
  getListing,
  publishListing,
  updateListing,
} from '../listings/service.ts'
import { formErrors, formValues, parseListingForm, valuesOf } from './listing-form.ts'
import { checkCsrf, toSignIn } from './helpers.tsx'
import { html, pageBase } from './render.tsx'
import { readImageUploads, readFileUpload } from './uploads.ts'

export const sellingPageRoutes = router()

type Ctx = Context<AppEnv>

/** Any urlencoded fields: the listing form checks its own (see listing-form.ts). */
const anyFields = z.record(z.string(), z.string())

/** Notices after a redirect, keyed by `?done=`: fixed texts, so nothing typed is reflected. */
const notices: Record<string, Flash> = {
  created: { kind: 'success', message: 'Draft saved. Add pictures, then publish it.' },
  saved: { kind: 'success', message: 'Changes saved.' },
  published: { kind: 'success', message: 'Published: it is in the shop now.' },
  archived: { kind: 'success', message: 'Archived: it has left the shop and search.' },
  'image-added': { kind: 'success', message: 'Pictures added.' },
  'image-deleted': { kind: 'success', message: 'Picture deleted.' },
  'image-moved': { kind: 'success', message: 'Pictures reordered.' },
  'file-added': { kind: 'success', message: 'File uploaded.' },
  payouts: {
    kind: 'success',
    message: 'Thank you! Stripe has your details: buyers can buy from you now.',
  },
  'payouts-expired': {
    kind: 'info',
    message: 'That Stripe link has expired. Press “Set up payouts with Stripe” for a fresh one.',
  },
  'payouts-pending': {
    kind: 'info',
    message: 'Stripe has not finished checking your details yet. This page will say when it has.',
  },
}

const notice = (c: Ctx) => notices[c.req.query('done') ?? '']

const editorPath = (id: string, done?: string) =>
  `/sell/listings/${encodeURIComponent(id)}${done ? `?done=${done}` : ''}`

/** What a signed-in non-seller gets at a seller page: how to become one (403). */
function sellerOnly(c: Ctx, viewer: Viewer) {
  return html(
    c,
    <SellerOnlyPage {...pageBase(c)} sellerStatus={viewer.account.seller_status} />,
    403,
  )
}

/** The viewer's own listing with its images; others' drafts 404 and others' listings 403. */
async function ownView(c: Ctx, viewer: Viewer, id: string): Promise<ListingView> {
  const listing = await getListing(c.env, viewer, id)
  if (listing.seller.id !== viewer.account.id) throw forbidden('That listing is not yours.')
  return listing
}

type EditorProps = Omit<
  ListingEditorPageProps,
  keyof ReturnType<typeof pageBase> | 'categories' | 'maxImages'
>

async function editorPage(
  c: Ctx,
  props: EditorProps,
  status: 200 | 400 | 403 | 409 | 413 | 415 = 200,
) {
  return html(
    c,
    <ListingEditorPage
      {...pageBase(c)}
      {...props}
      categories={await categoryTree(c.env)}
      maxImages={MAX_IMAGES_PER_LISTING}
    />,
    status,
  )
}

/**
 * Runs an action on the viewer's listing. A refusal the seller can act on (bad input, not
 * publishable, a wrong file) is shown on the editor with its fields; success redirects.
 */
async function onListing(c: Ctx, viewer: Viewer, id: string, action: () => Promise<string>) {
  try {
    return c.redirect(await action(), 303)
  } catch (error) {
    if (!(error instanceof AppError) || ![400, 409, 413, 415].includes(error.status)) throw error
    const listing = await ownView(c, viewer, id)
    return editorPage(
      c,
      {
        listing,
        values: valuesOf(listing),
        errors: error.fields ? formErrors(error.fields) : {},
        message: error.message,
      },
      error.status as 400 | 409 | 413 | 415,
    )
  }
}

sellingPageRoutes.get('/sell', async (c) => {
  const viewer = c.get('viewer')
  if (!viewer) return toSignIn(c)
  if (!isApprovedSeller(viewer)) return sellerOnly(c, viewer)
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

/**
 * Sends an approved seller to Stripe's onboarding (a fresh link each time: they expire). It may
 * create the seller's Stripe account, so it is a form post with the CSRF token, never a GET.
 */
sellingPageRoutes.post('/sell/payouts', async (c) => {
  const viewer = c.get('viewer')
  if (!viewer) return toSignIn(c)
  const form = await formBody(c, anyFields)
  checkCsrf(c, form.raw)
  const { onboarding_url } = await startPayoutsOnboarding(c.env, viewer, c.req.url)
  return c.redirect(onboarding_url, 303)
})

// Stripe sends the seller here when an onboarding link has expired. A GET changes nothing (a
// link on another site could send anyone here): back to the dashboard, whose button asks again.
sellingPageRoutes.get('/sell/payouts', (c) => {
  if (!c.get('viewer')) return toSignIn(c)
  return c.redirect('/sell?done=payouts-expired', 303)
})

// Back from Stripe: read the account now rather than wait for the webhook.
sellingPageRoutes.get('/sell/payouts/return', async (c) => {
  const viewer = c.get('viewer')
  if (!viewer) return toSignIn(c)
  const stripeAccount = viewer.account.stripe_account_id
  if (!stripeAccount) return c.redirect('/sell', 303)
  await (await refreshPayoutsStatus(c.env, stripeAccount)).execute()
  const ready = await database(c.env.DB)
    .selectFrom('accounts')
    .select('payouts_ready')
    .where('id', '=', viewer.account.id)
    .executeTakeFirst()
  return c.redirect(`/sell?done=${ready?.payouts_ready ? 'payouts' : 'payouts-pending'}`, 303)
})

sellingPageRoutes.get('/sell/listings/new', (c) => {
  const viewer = c.get('viewer')
  if (!viewer) return toSignIn(c)
  if (!isApprovedSeller(viewer)) return sellerOnly(c, viewer)
  return editorPage(c, { values: { ...formValues({}), kind: 'physical', quantity: '1' } })
})

sellingPageRoutes.post('/sell/listings', async (c) => {
  const viewer = c.get('viewer')
  if (!viewer) return toSignIn(c)
  const form = await formBody(c, anyFields)
  checkCsrf(c, form.raw)
  if (!isApprovedSeller(viewer)) return sellerOnly(c, viewer)
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

sellingPageRoutes.get('/sell/listings/:id', async (c) => {
  const viewer = c.get('viewer')
  if (!viewer) return toSignIn(c)
  if (!isApprovedSeller(viewer)) return sellerOnly(c, viewer)
  const listing = await ownView(c, viewer, c.req.param('id'))
  return editorPage(c, { listing, values: valuesOf(listing), flash: notice(c) })
})

/** The editor's hidden copy of the stock it showed; anything else is ignored. */
const QUANTITY_SEEN = /^\d{1,6}$/

sellingPageRoutes.post('/sell/listings/:id', async (c) => {
  const viewer = c.get('viewer')
  if (!viewer) return toSignIn(c)
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

/**
 * A small form button's action on one of the viewer's listings: signed in, CSRF checked, then
 * `action` runs and names the page to go back to.
 */
function listingFormAction(
  action: (c: Ctx, viewer: Viewer, id: string, fields: Record<string, string>) => Promise<string>,
) {
  return async (c: Ctx) => {
    const viewer = c.get('viewer')
    if (!viewer) return toSignIn(c)
    const form = await formBody(c, anyFields)
    checkCsrf(c, form.raw)
    const id = c.req.param('id') as string
    return onListing(c, viewer, id, () => action(c, viewer, id, form.raw))
  }
}

sellingPageRoutes.post(
  '/sell/listings/:id/publish',
  listingFormAction(async (c, viewer, id, fields) => {
    await publishListing(c.env, viewer, id)
    return backTo(fields, id, 'published')
  }),
)

sellingPageRoutes.post(
  '/sell/listings/:id/archive',
  listingFormAction(async (c, viewer, id, fields) => {
    await archiveListing(c.env, viewer, id)
    return backTo(fields, id, 'archived')
  }),
)

sellingPageRoutes.post(
  '/sell/listings/:id/images/:imageId/delete',
  listingFormAction(async (c, viewer, id) => {
    await removeImage(c.env, await ownListing(c.env, viewer, id), c.req.param('imageId') ?? '')
    return editorPath(id, 'image-deleted')
  }),
)

sellingPageRoutes.post(
  '/sell/listings/:id/images/:imageId/move',
  listingFormAction(async (c, viewer, id, fields) => {
    const listing = await ownListing(c.env, viewer, id)
    const ids = (await imagesOf(database(c.env.DB), id)).map((image) => image.id)
    const from = ids.indexOf(c.req.param('imageId') ?? '')
    const to = from + (fields.direction === 'up' ? -1 : 1)
    if (from >= 0 && to >= 0 && to < ids.length) {
      ;[ids[from], ids[to]] = [ids[to] as string, ids[from] as string]
      await reorderImages(c.env, listing, ids)
    }
    return editorPath(id, 'image-moved')
  }),
)

sellingPageRoutes.post('/sell/listings/:id/images', async (c) => {
  const viewer = c.get('viewer')
  if (!viewer) return toSignIn(c)
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

sellingPageRoutes.post('/sell/listings/:id/file', async (c) => {
  const viewer = c.get('viewer')
  if (!viewer) return toSignIn(c)
  const id = c.req.param('id')
  return onListing(c, viewer, id, async () => {
    const upload = await readFileUpload(c.req.raw, (fields) => checkCsrf(c, fields))
    await replaceFile(c.env, await ownListing(c.env, viewer, id), upload.file)
    return editorPath(id, 'file-added')
  })
})
