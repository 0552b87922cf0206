/** The listings API (spec/api.md "Listings"). */
import { router } from '../app.ts'
import { viewerOf } from '../access/api.ts'
import { jsonBody, queryParams } from '../lib/validate.ts'
import { searchListings } from '../search/search.ts'
import { searchQuery } from '../search/schemas.ts'
import { createListingBody, updateListingBody } from './schemas.ts'
import { categoryTree } from './categories.ts'
import { ownListings } from './owned.ts'
import {
  archiveListing,
  createListing,
  getListing,
  publishListing,
  updateListing,
} from './service.ts'

export const listingRoutes = router()

listingRoutes.post('/listings', async (c) => {
  const viewer = viewerOf(c)
  const input = await jsonBody(c, createListingBody)
  return c.json(await createListing(c.env, viewer, input), 201)
})

listingRoutes.get('/listings', async (c) => {
  const page = await searchListings(c.env, queryParams(c, searchQuery))
  // Rows read is worth watching in production too: it is what D1 bills for.
  c.header('Server-Timing', `d1;desc="rows_read=${page.rows_read}"`)
  return c.json({ items: page.items, next_cursor: page.next_cursor })
})

listingRoutes.get('/listings/:id', async (c) => {
  return c.json(await getListing(c.env, c.get('viewer'), c.req.param('id')))
})

listingRoutes.patch('/listings/:id', async (c) => {
  const viewer = viewerOf(c)
  const patch = await jsonBody(c, updateListingBody)
  return c.json(await updateListing(c.env, viewer, c.req.param('id'), patch))
})

listingRoutes.post('/listings/:id/publish', async (c) => {
  return c.json(await publishListing(c.env, viewerOf(c), c.req.param('id')))
})

listingRoutes.post('/listings/:id/archive', async (c) => {
  return c.json(await archiveListing(c.env, viewerOf(c), c.req.param('id')))
})

listingRoutes.get('/categories', async (c) => c.json({ items: await categoryTree(c.env) }))

/** The seller's own listings, every status (their dashboard). */
listingRoutes.get('/seller/listings', async (c) => {
  const items = await ownListings(c.env, viewerOf(c))
  return c.json({ items, next_cursor: null })
})
