/** `GET /api/v1/cart/count`: how many pieces the viewer's cart holds (the header's island). */
import { z } from 'zod'

import { viewerOf } from '../access/api.ts'
import { errorsOf } from '../lib/responses.ts'
import { apiRouter, declareRoute, jsonAnswer } from '../lib/routes.ts'
import { cartCount } from './service.ts'

export const cartRoutes = apiRouter()

const countSchema = z.object({ count: z.number().int().min(0) })

const countRoute = declareRoute({
  method: 'get',
  path: '/cart/count',
  tag: 'Cart',
  summary: 'The number of pieces in the viewer’s cart.',
  permission: 'signedIn',
  csrf: 'json-api',
  responses: {
    200: jsonAnswer('The count.', countSchema),
    ...errorsOf(401),
  },
})

cartRoutes.openapi(countRoute, async (c) => {
  c.header('cache-control', 'no-store')
  return c.json({ count: await cartCount(c.env, viewerOf(c)) }, 200)
})
