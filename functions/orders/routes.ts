/**
 * The orders API: a buyer's checkout of a cart, and their orders. Mounted at /api/v1.
 * Checkout needs only a signed-in account (spec/api.md): buying does not take a member share.
 */
import { viewerOf } from '../access/api.ts'
import { database } from '../lib/db.ts'
import { notFound } from '../lib/errors.ts'
import { toPage } from '../lib/pagination.ts'
import { errorsOf, idParams } from '../lib/responses.ts'
import { apiRouter, declareRoute, jsonAnswer, jsonBody } from '../lib/routes.ts'
import { startCheckout } from './checkout.ts'
import { findOrder, itemsOfOrders, orderView, ordersOfBuyer } from './repository.ts'
import { checkoutAnswerSchema, orderPageSchema, orderSchema } from './responses.ts'
import { checkoutBody, ordersQuery } from './schemas.ts'

const tag = 'Orders'

export const orderRoutes = apiRouter()

const checkoutRoute = declareRoute({
  method: 'post',
  path: '/checkout',
  tag,
  summary: 'Orders a cart: holds the stock and opens one Stripe Checkout for it.',
  permission: 'signedIn',
  csrf: 'json-api',
  request: { body: jsonBody(checkoutBody) },
  responses: {
    201: jsonAnswer('The pending order and where to pay it.', checkoutAnswerSchema),
    ...errorsOf(400, 401, 403, 409, 413, 415, 502, 503),
  },
})

orderRoutes.openapi(checkoutRoute, async (c) => {
  const result = await startCheckout(c.env, viewerOf(c), c.req.valid('json'), c.req.url)
  return c.json(result, 201)
})

const ordersRoute = declareRoute({
  method: 'get',
  path: '/orders',
  tag,
  summary: "The signed-in buyer's orders, newest first.",
  permission: 'signedIn',
  csrf: 'json-api',
  request: { query: ordersQuery },
  responses: {
    200: jsonAnswer('A page of orders.', orderPageSchema),
    ...errorsOf(400, 401),
  },
})

orderRoutes.openapi(ordersRoute, async (c) => {
  const { limit, cursor } = c.req.valid('query')
  const db = database(c.env.DB)
  const rows = await ordersOfBuyer(db, viewerOf(c).account.id, limit, cursor)
  const page = toPage(rows, limit, (row) => [row.created_at, row.id])
  const items = await itemsOfOrders(
    db,
    page.items.map((order) => order.id),
  )
  const views = page.items.map((order) =>
    orderView(
      order,
      items.filter((item) => item.order_id === order.id),
    ),
  )
  return c.json({ items: views, next_cursor: page.next_cursor }, 200)
})

const orderRoute = declareRoute({
  method: 'get',
  path: '/orders/{id}',
  tag,
  summary: 'One order, to its buyer only (anyone else gets 404).',
  permission: 'signedIn',
  csrf: 'json-api',
  request: { params: idParams },
  responses: {
    200: jsonAnswer('The order.', orderSchema),
    ...errorsOf(401, 404),
  },
})

orderRoutes.openapi(orderRoute, async (c) => {
  const { id } = c.req.valid('param')
  const db = database(c.env.DB)
  const order = await findOrder(db, id)
  // Someone else's order does not exist for them: the same 404 as an unknown id.
  if (!order || order.buyer_id !== viewerOf(c).account.id) throw notFound('The order')
  return c.json(orderView(order, await itemsOfOrders(db, [id])), 200)
})
