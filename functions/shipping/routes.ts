/**
 * The shipping API, mounted at /api/v1: a line's seller marks it shipped with its tracking.
 * The route only needs a signed-in account; who may ship which line is the service's check,
 * since it needs the loaded order (the seller of another line gets 403, a stranger 404).
 */
import { viewerOf } from '../access/api.ts'
import { errorsOf } from '../lib/responses.ts'
import { apiRouter, declareRoute, jsonAnswer, jsonBody } from '../lib/routes.ts'
import { shipmentBody, shipmentParams, shipmentSchema } from './schemas.ts'
import { shipLine } from './service.ts'

export const shippingRoutes = apiRouter()

const shipRoute = declareRoute({
  method: 'post',
  path: '/orders/{id}/items/{item_id}/shipment',
  tag: 'Orders',
  summary:
    "Marks a physical line of a paid order shipped, with carrier and tracking number (the line's seller, once).",
  permission: 'signedIn',
  csrf: 'json-api',
  request: { params: shipmentParams, body: jsonBody(shipmentBody) },
  responses: {
    201: jsonAnswer('The shipment; the buyer is emailed its tracking.', shipmentSchema),
    ...errorsOf(400, 401, 403, 404, 409, 413, 415),
  },
})

shippingRoutes.openapi(shipRoute, async (c) => {
  const { id, item_id: itemId } = c.req.valid('param')
  return c.json(await shipLine(c.env, viewerOf(c), id, itemId, c.req.valid('json')), 201)
})
