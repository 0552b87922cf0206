/**
 * What the seller's listing pages share (here and in media/pages.tsx): the notices after a
 * redirect, the editor page, and running a form's action on one of the viewer's listings.
 */
import type { Context } from 'hono'

import type { Flash } from '../../web/components/types.ts'
import {
  ListingEditorPage,
  type ListingEditorPageProps,
} from '../../web/pages/ListingEditorPage.tsx'
import { type AppEnv, type Viewer } from '../app.ts'
import { enforce } from '../access/api.ts'
import { listingOwner } from '../access/rules.ts'
import { AppError } from '../lib/errors.ts'
import type { FormResult } from '../lib/validate.ts'
import { MAX_IMAGES_PER_LISTING } from '../media/images.ts'
import { html, pageBase } from '../pages/render.tsx'
import { categoryTree } from './categories.ts'
import { formErrors, valuesOf } from './listing-form.ts'
import type { ListingView } from './repository.ts'
import { getListing } from './service.ts'

type Ctx = Context<AppEnv>

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

/** The notice the page was sent with, if any. */
export const notice = (c: Ctx) => notices[c.req.query('done') ?? '']

/** The editor's address, with a notice to show. */
export const editorPath = (id: string, done?: string) =>
  `/sell/listings/${encodeURIComponent(id)}${done ? `?done=${done}` : ''}`

/** The viewer's own listing with its images; others' drafts 404 and others' listings 403. */
export async function ownView(c: Ctx, viewer: Viewer, id: string): Promise<ListingView> {
  const listing = await getListing(c.env, viewer, id)
  enforce(listingOwner(viewer, { seller_id: listing.seller.id, status: listing.status }))
  return listing
}

type EditorProps = Omit<
  ListingEditorPageProps,
  keyof ReturnType<typeof pageBase> | 'categories' | 'maxImages'
>

/** The editor page (a new listing's when `props.listing` is absent). */
export async function editorPage(
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
export async function onListing(c: Ctx, viewer: Viewer, id: string, action: () => Promise<string>) {
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

/**
 * A small form button's action on one of the viewer's listings (the route's declaration has
 * checked the session, the token and the fields' schema): `action` runs and names the page to go
 * back to; fields that do not fit are shown on the editor like any refusal.
 */
export function listingFormAction<T>(
  action: (c: Ctx, viewer: Viewer, id: string, fields: T) => Promise<string>,
) {
  return (c: Ctx, { viewer, form }: { viewer: Viewer; form: FormResult<T> }) => {
    const id = c.req.param('id') ?? ''
    return onListing(c, viewer, id, async () => {
      if (!form.ok)
        throw new AppError(400, 'invalid_input', 'That button sent something odd.', form.errors)
      return action(c, viewer, id, form.data)
    })
  }
}
