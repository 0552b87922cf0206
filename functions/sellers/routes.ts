/** Seller applications: members apply, admins decide. */
import { viewerOf } from '../access/api.ts'
import { database } from '../lib/db.ts'
import { toPage } from '../lib/pagination.ts'
import { errorsOf, idParams } from '../lib/responses.ts'
import { apiRouter, declareRoute, jsonAnswer, jsonBody } from '../lib/routes.ts'
import { applicationView, applicationsOf, queuePage } from './repository.ts'
import { applicationPageSchema, applicationSchema } from './responses.ts'
import { applicationBody, decisionBody, queueQuery } from './schemas.ts'
import { applyToSell, decideApplication } from './service.ts'

export const sellerRoutes = apiRouter()

const tag = 'Sellers'

const applyRoute = declareRoute({
  method: 'post',
  path: '/seller-applications',
  tag,
  summary: 'Applies to sell (active members).',
  permission: 'activeMember',
  csrf: 'json-api',
  request: { body: jsonBody(applicationBody) },
  responses: {
    201: jsonAnswer('The application, pending.', applicationSchema),
    ...errorsOf(400, 401, 403, 409, 413, 415),
  },
})

sellerRoutes.openapi(applyRoute, async (c) => {
  return c.json(await applyToSell(c.env, viewerOf(c), c.req.valid('json')), 201)
})

const ownRoute = declareRoute({
  method: 'get',
  path: '/seller-applications',
  tag,
  summary: "The applicant's own applications, newest first, with each decision and note.",
  permission: 'signedIn',
  csrf: 'json-api',
  responses: {
    200: jsonAnswer('Every application.', applicationPageSchema),
    ...errorsOf(401),
  },
})

sellerRoutes.openapi(ownRoute, async (c) => {
  const rows = await applicationsOf(database(c.env.DB), viewerOf(c).account.id)
  return c.json({ items: rows.map(applicationView), next_cursor: null }, 200)
})

const queueRoute = declareRoute({
  method: 'get',
  path: '/admin/seller-applications',
  tag,
  summary: 'The queue of applications, oldest first, by status.',
  permission: 'admin',
  csrf: 'json-api',
  request: { query: queueQuery },
  responses: {
    200: jsonAnswer('A page of applications.', applicationPageSchema),
    ...errorsOf(400, 401, 403),
  },
})

sellerRoutes.openapi(queueRoute, async (c) => {
  const { status, limit, cursor } = c.req.valid('query')
  const rows = await queuePage(database(c.env.DB), status, limit, cursor)
  const page = toPage(rows, limit, (row) => [row.created_at, row.id])
  return c.json({ items: page.items.map(applicationView), next_cursor: page.next_cursor }, 200)
})

const decideRoute = declareRoute({
  method: 'post',
  path: '/admin/seller-applications/{id}/decision',
  tag,
  summary: 'Approves or rejects an application.',
  permission: 'admin',
  csrf: 'json-api',
  request: { params: idParams, body: jsonBody(decisionBody) },
  responses: {
    200: jsonAnswer('The decided application.', applicationSchema),
    ...errorsOf(400, 401, 403, 404, 409, 413, 415),
  },
})

sellerRoutes.openapi(decideRoute, async (c) => {
  const { id } = c.req.valid('param')
  return c.json(await decideApplication(c.env, viewerOf(c), id, c.req.valid('json')), 200)
})
