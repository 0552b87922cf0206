/**
 * The refunds API, mounted at /api/v1: a line's seller or an admin refunds all or part of it.
 * The route only needs a signed-in account; who may refund which line is the service's check,
 * since it needs the loaded order (the seller of another line gets 403, a stranger 404).
 */
import { viewerOf } from '../access/api.ts'
import { errorsOf, idParams } from '../lib/responses.ts'
import { apiRouter, declareRoute, jsonAnswer, jsonBody } from '../lib/routes.ts'
import { refundBody, refundSchema } from './schemas.ts'
import { requestRefund } from './service.ts'

export const refundRoutes = apiRouter()

const refundRoute = declareRoute({
  method: 'post',
  path: '/orders/{id}/refunds',
  tag: 'Orders',
  summary:
    "Refunds all or part of an order line (not its shipping): by the line's seller or an admin.",
  permission: 'signedIn',
  csrf: 'json-api',
  request: { params: idParams, body: jsonBody(refundBody) },
  responses: {
    201: jsonAnswer('The refund, pending until Stripe has made it.', refundSchema),
    ...errorsOf(400, 401, 403, 404, 409, 413, 415),
  },
})

refundRoutes.openapi(refundRoute, async (c) => {
  const { id } = c.req.valid('param')
  return c.json(await requestRefund(c.env, viewerOf(c), id, c.req.valid('json')), 201)
})
