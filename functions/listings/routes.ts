/** The listings API (spec/api.md "Listings"). */
import { viewerOf } from '../access/api.ts'
import { errorsOf, idParams } from '../lib/responses.ts'
import { apiRouter, declareRoute, jsonAnswer, jsonBody } from '../lib/routes.ts'
import { searchListings } from '../search/search.ts'
import { searchQuery } from '../search/schemas.ts'
import { createListingBody, updateListingBody } from './schemas.ts'
import { categoryTree } from './categories.ts'
import { NOT_A_SELLER, ownListings } from './owned.ts'
import { categoriesSchema, listingPageSchema, listingSchema } from './responses.ts'
import {
  archiveListing,
  createListing,
  getListing,
  publishListing,
  updateListing,
} from './service.ts'

export const listingRoutes = apiRouter()

const tag = 'Listings'
const listing = (description: string) => jsonAnswer(description, listingSchema)

const createRoute = declareRoute({
  method: 'post',
  path: '/listings',
  tag,
  summary: 'Creates a draft listing.',
  permission: 'approvedSeller',
  message: NOT_A_SELLER,
  csrf: 'json-api',
  request: { body: jsonBody(createListingBody) },
  responses: { 201: listing('The new draft.'), ...errorsOf(400, 401, 403, 413, 415) },
})

listingRoutes.openapi(createRoute, async (c) => {
  return c.json(await createListing(c.env, viewerOf(c), c.req.valid('json')), 201)
})

const searchRoute = declareRoute({
  method: 'get',
  path: '/listings',
  tag,
  summary: 'Searches the published listings.',
  permission: 'anonymous',
  csrf: 'json-api',
  request: { query: searchQuery },
  responses: { 200: jsonAnswer('A page of listings.', listingPageSchema), ...errorsOf(400) },
})

listingRoutes.openapi(searchRoute, async (c) => {
  const page = await searchListings(c.env, c.req.valid('query'))
  // Rows read is worth watching in production too: it is what D1 bills for.
  c.header('Server-Timing', `d1;desc="rows_read=${page.rows_read}"`)
  return c.json({ items: page.items, next_cursor: page.next_cursor }, 200)
})

const getRoute = declareRoute({
  method: 'get',
  path: '/listings/{id}',
  tag,
  summary: 'One listing (a draft only for its seller).',
  permission: 'anonymous',
  csrf: 'json-api',
  request: { params: idParams },
  responses: { 200: listing('The listing.'), ...errorsOf(404) },
})

listingRoutes.openapi(getRoute, async (c) => {
  return c.json(await getListing(c.env, c.get('viewer'), c.req.valid('param').id), 200)
})

const updateRoute = declareRoute({
  method: 'patch',
  path: '/listings/{id}',
  tag,
  summary: 'Changes some fields of a listing.',
  permission: 'listingSeller',
  csrf: 'json-api',
  request: { params: idParams, body: jsonBody(updateListingBody) },
  responses: { 200: listing('The changed listing.'), ...errorsOf(400, 401, 403, 404, 409, 415) },
})

listingRoutes.openapi(updateRoute, async (c) => {
  const { id } = c.req.valid('param')
  return c.json(await updateListing(c.env, viewerOf(c), id, c.req.valid('json')), 200)
})

const publishRoute = declareRoute({
  method: 'post',
  path: '/listings/{id}/publish',
  tag,
  summary: 'Publishes a draft or archived listing.',
  permission: 'listingSeller',
  csrf: 'json-api',
  request: { params: idParams },
  responses: { 200: listing('The published listing.'), ...errorsOf(400, 401, 403, 404, 409) },
})

listingRoutes.openapi(publishRoute, async (c) => {
  return c.json(await publishListing(c.env, viewerOf(c), c.req.valid('param').id), 200)
})

const archiveRoute = declareRoute({
  method: 'post',
  path: '/listings/{id}/archive',
  tag,
  summary: 'Archives a listing: it leaves the catalogue.',
  permission: 'listingSeller',
  csrf: 'json-api',
  request: { params: idParams },
  responses: { 200: listing('The archived listing.'), ...errorsOf(401, 403, 404, 409) },
})

listingRoutes.openapi(archiveRoute, async (c) => {
  return c.json(await archiveListing(c.env, viewerOf(c), c.req.valid('param').id), 200)
})

const categoriesRoute = declareRoute({
  method: 'get',
  path: '/categories',
  tag,
  summary: 'The category tree, in display order.',
  permission: 'anonymous',
  csrf: 'json-api',
  responses: { 200: jsonAnswer('The categories.', categoriesSchema) },
})

listingRoutes.openapi(categoriesRoute, async (c) =>
  c.json({ items: await categoryTree(c.env) }, 200),
)

const ownRoute = declareRoute({
  method: 'get',
  path: '/seller/listings',
  tag,
  summary: "The viewer's own listings, every status (a seller's dashboard).",
  // Anyone signed in: a member who sells nothing (or no longer) sees an empty or old list.
  permission: 'signedIn',
  csrf: 'json-api',
  responses: { 200: jsonAnswer('Every listing.', listingPageSchema), ...errorsOf(401) },
})

listingRoutes.openapi(ownRoute, async (c) => {
  const items = await ownListings(c.env, viewerOf(c))
  return c.json({ items, next_cursor: null }, 200)
})
