/**
 * Membership: buying the share, asking to withdraw, and (admins) recording a withdrawal.
 * `membershipRoutes` is mounted at /api/v1/membership, `membershipAdminRoutes` at /api/v1.
 */
import { viewerOf } from '../access/api.ts'
import { errorsOf, idParams } from '../lib/responses.ts'
import { apiRouter, declareRoute, jsonAnswer, jsonBody } from '../lib/routes.ts'
import { checkoutSchema, withdrawalRecordSchema, withdrawalRequestSchema } from './responses.ts'
import { withdrawalRecordBody, withdrawalRequestBody } from './schemas.ts'
import { startShareCheckout } from './service.ts'
import { recordWithdrawal, requestWithdrawal } from './withdrawal.ts'

const tag = 'Membership'

export const membershipRoutes = apiRouter()

const checkoutRoute = declareRoute({
  method: 'post',
  path: '/checkout',
  tag,
  summary: 'Starts (or resumes) the Stripe Checkout of the member share.',
  permission: 'signedIn',
  csrf: 'json-api',
  responses: {
    201: jsonAnswer('Where to pay.', checkoutSchema),
    ...errorsOf(401, 409, 502, 503),
  },
})

membershipRoutes.openapi(checkoutRoute, async (c) => {
  const result = await startShareCheckout(c.env, viewerOf(c), c.req.url)
  return c.json(result, 201)
})

const withdrawalRoute = declareRoute({
  method: 'post',
  path: '/withdrawal',
  tag,
  summary: 'Asks to withdraw from the co-op (the board records it).',
  permission: 'activeMember',
  csrf: 'json-api',
  request: { body: jsonBody(withdrawalRequestBody) },
  responses: {
    202: jsonAnswer('The request, pending.', withdrawalRequestSchema),
    ...errorsOf(400, 401, 403, 409, 413, 415),
  },
})

membershipRoutes.openapi(withdrawalRoute, async (c) => {
  return c.json(await requestWithdrawal(c.env, viewerOf(c), c.req.valid('json')), 202)
})

export const membershipAdminRoutes = apiRouter()

const recordRoute = declareRoute({
  method: 'post',
  path: '/admin/accounts/{id}/withdrawal',
  tag,
  summary: "Records a member's withdrawal: ends the membership, owes the share back.",
  permission: 'admin',
  csrf: 'json-api',
  request: { params: idParams, body: jsonBody(withdrawalRecordBody) },
  responses: {
    200: jsonAnswer('The recorded withdrawal.', withdrawalRecordSchema),
    ...errorsOf(400, 401, 403, 404, 409, 413, 415),
  },
})

membershipAdminRoutes.openapi(recordRoute, async (c) => {
  const { id } = c.req.valid('param')
  return c.json(await recordWithdrawal(c.env, viewerOf(c), id, c.req.valid('json')), 200)
})
