/**
 * Creating, editing, publishing and reading listings: shared by the JSON API and the pages.
 * The database's CHECKs restate every rule here, so a bug cannot store a listing that breaks one.
 */
import { type UpdateObject, sql } from 'kysely'

import type { Database, ListingImageRow, ListingRow } from '../../schema/tables.ts'
import type { Bindings, Viewer } from '../app.ts'
import { currency } from '../lib/config.ts'
import { newId } from '../lib/crypto.ts'
import { type DB, atomically, database, prepare } from '../lib/db.ts'
import { AppError, notFound } from '../lib/errors.ts'
import { assertSeller, ownListing } from './owned.ts'
import { type ListingView, findListing, listingView, sellerSummary } from './repository.ts'
import { imagesOf, imagesQuery } from '../media/repository.ts'
import type { CreateListingInput, UpdateListingInput } from './schemas.ts'
import { categoryTree } from './categories.ts'
import { editStock, soldOutRule } from './stock.ts'

function invalid(fields: Record<string, string>) {
  return new AppError(400, 'invalid_input', 'Some fields need attention.', fields)
}

/** The category's top-level ancestor (itself when top-level); 400 for an unknown slug. */
async function categoryRoot(env: Bindings, slug: string | null): Promise<string | null> {
  if (slug === null) return null
  const tree = await categoryTree(env)
  const root = tree.find((r) => r.slug === slug || r.children.some((child) => child.slug === slug))
  if (!root) throw invalid({ category: 'Choose a category from the list.' })
  return root.slug
}

/** The rules that tie fields to the listing's kind: stock for physical, none for digital. */
function kindFields(
  kind: ListingRow['kind'],
  quantity: number | null | undefined,
  shippingCents: number,
) {
  if (kind === 'digital') {
    if (quantity !== undefined && quantity !== null) {
      throw invalid({ quantity: 'A digital listing has no stock: leave quantity empty.' })
    }
    if (shippingCents !== 0) throw invalid({ shipping_cents: 'A digital listing has no shipping.' })
    return { quantity: null }
  }
  if (quantity === null) throw invalid({ quantity: 'Say how many you have (0 or more).' })
  return { quantity: quantity ?? 1 }
}

/** The listing as the API shows it, with its images and seller. */
export async function viewOf(db: DB, row: ListingRow): Promise<ListingView> {
  const [images, seller] = await Promise.all([
    imagesOf(db, row.id),
    sellerSummary(db, row.seller_id),
  ])
  if (!seller) throw notFound('The seller')
  return listingView(row, images, seller)
}

async function reload(db: DB, id: string): Promise<ListingView> {
  const row = await findListing(db, id)
  if (!row) throw notFound('The listing')
  return viewOf(db, row)
}

/** Writes `changes` to the listing and returns it as the API shows it. */
async function saveListing(
  db: DB,
  id: string,
  changes: UpdateObject<Database, 'listings'>,
): Promise<ListingView> {
  await db.updateTable('listings').set(changes).where('id', '=', id).execute()
  return reload(db, id)
}

/** Creates a draft for an approved seller (403 otherwise); 400 for an unknown category. */
export async function createListing(
  env: Bindings,
  viewer: Viewer,
  input: CreateListingInput,
): Promise<ListingView> {
  assertSeller(viewer)
  const db = database(env.DB)
  const now = new Date().toISOString()
  const id = newId('lst')
  await db
    .insertInto('listings')
    .values({
      id,
      seller_id: viewer.account.id,
      title: input.title,
      description: input.description,
      price_cents: input.price_cents,
      currency: currency(env),
      kind: input.kind,
      ...kindFields(input.kind, input.quantity, input.shipping_cents),
      shipping_cents: input.shipping_cents,
      category_slug: input.category,
      category_root: await categoryRoot(env, input.category),
      tags: JSON.stringify(input.tags),
      created_at: now,
      updated_at: now,
    })
    .execute()
  return reload(db, id)
}

/** Changes fields of the seller's listing; 409 when archived; a published one stays valid. */
export async function updateListing(
  env: Bindings,
  viewer: Viewer,
  id: string,
  patch: UpdateListingInput,
): Promise<ListingView> {
  const row = await ownListing(env, viewer, id)
  if (row.status === 'archived') {
    throw new AppError(
      409,
      'listing_archived',
      'This listing is archived: publish it again to edit it.',
    )
  }
  const db = database(env.DB)
  const { quantity_seen: _seen, ...changes } = patch
  const next = { ...row, ...changes }
  const shipping = patch.shipping_cents ?? row.shipping_cents
  const quantity = 'quantity' in patch ? patch.quantity : row.quantity
  const { quantity: stock } = kindFields(row.kind, quantity, shipping)
  if (row.status !== 'draft') {
    const fields: Record<string, string> = {}
    if (!next.title) fields.title = 'A published listing needs a title.'
    if (next.price_cents <= 0) fields.price_cents = 'A published listing needs a price above 0.'
    if (Object.keys(fields).length) throw invalid(fields)
  }
  const category = 'category' in patch ? (patch.category ?? null) : row.category_slug
  const categoryRootSlug = await categoryRoot(env, category)
  // Stock is written as the difference from the quantity read above, never as that number:
  // checkouts may hold units between the read and this write (see editStock). The status
  // follows the stock in the same batch (restock puts a sold-out listing back on sale, taking
  // the last one off puts it sold out), and is never written from the read either.
  const seen = patch.quantity_seen ?? row.quantity
  const edit = editStock(db, id, seen, stock, new Date().toISOString()).set({
    title: next.title,
    description: next.description,
    price_cents: next.price_cents,
    shipping_cents: shipping,
    category_slug: category,
    category_root: categoryRootSlug,
    ...(patch.tags && { tags: JSON.stringify(patch.tags) }),
  })
  const [edited] = await atomically(env.DB, [edit, soldOutRule(db, id)])
  if (edited?.meta.changes === 0) {
    throw new AppError(
      409,
      'edit_conflict',
      'Buyers are checking out some of this stock right now. Reload the listing and try again.',
      { quantity: 'Some of these units were just reserved by buyers.' },
    )
  }
  return reload(db, id)
}

/** Publishes: needs a title, a price above 0, stock and one image (409 `not_publishable`). */
export async function publishListing(
  env: Bindings,
  viewer: Viewer,
  id: string,
): Promise<ListingView> {
  const row = await ownListing(env, viewer, id)
  const db = database(env.DB)
  if (row.status === 'published') return viewOf(db, row)
  const fields: Record<string, string> = {}
  if (!row.title) fields.title = 'Give it a title.'
  if (row.price_cents <= 0) fields.price_cents = 'Set a price above 0.'
  if (row.image_count === 0) fields.images = 'Add at least one image.'
  if (row.kind === 'physical' && row.quantity === 0) fields.quantity = 'Add stock: at least 1.'
  if (Object.keys(fields).length) {
    throw new AppError(409, 'not_publishable', 'This listing is not ready to publish yet.', fields)
  }
  const now = new Date().toISOString()
  return saveListing(db, id, {
    status: 'published',
    published_at: now,
    updated_at: now,
    // Publication order, newest highest: the search index's rowid.
    pub_seq: sql<number>`(SELECT coalesce(max(pub_seq), 0) + 1 FROM listings)`,
  })
}

/** Archives the seller's listing: it leaves the shop and search, but its page stays. */
export async function archiveListing(
  env: Bindings,
  viewer: Viewer,
  id: string,
): Promise<ListingView> {
  const row = await ownListing(env, viewer, id)
  const db = database(env.DB)
  if (row.status === 'draft') {
    throw new AppError(
      409,
      'not_publishable',
      'A draft is not in the shop: there is nothing to archive.',
    )
  }
  return saveListing(db, id, { status: 'archived', updated_at: new Date().toISOString() })
}

/** One listing for anyone, its drafts only for its seller (404 for others). */
export async function getListing(
  env: Bindings,
  viewer: Viewer | null,
  id: string,
): Promise<ListingView> {
  const db = database(env.DB)
  // One round trip: the listing with its seller, and its images (which need only the id).
  const [found, images] = await env.DB.batch([
    prepare(
      env.DB,
      db
        .selectFrom('listings as l')
        .innerJoin('accounts as a', 'a.id', 'l.seller_id')
        .selectAll('l')
        .select(['a.display_name as seller_name', 'a.payouts_ready as seller_payouts_ready'])
        .where('l.id', '=', id),
    ),
    prepare(env.DB, imagesQuery(db, id)),
  ])
  const row = found?.results[0] as
    (ListingRow & { seller_name: string; seller_payouts_ready: 0 | 1 }) | undefined
  if (!row || (row.status === 'draft' && row.seller_id !== viewer?.account.id)) {
    throw notFound('The listing')
  }
  const { seller_name, seller_payouts_ready, ...listing } = row
  return listingView(listing, (images?.results ?? []) as ListingImageRow[], {
    id: row.seller_id,
    display_name: seller_name,
    payouts_ready: seller_payouts_ready,
  })
}
