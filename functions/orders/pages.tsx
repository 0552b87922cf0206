/**
 * The buyer's order pages: `/orders` (their orders, a page at a time), `/orders/:id` (one order,
 * where Stripe's Checkout sends the buyer back with `?checkout=done`) and the download of a
 * digital line. Any signed-in account may buy, so any may see their own orders; someone
 * else's order is a 404, as in the API.
 */
import { OrderPage } from '../../web/pages/OrderPage.tsx'
import { OrdersPage } from '../../web/pages/OrdersPage.tsx'
import { database } from '../lib/db.ts'
import { parseWith } from '../lib/validate.ts'
import { pageRouter } from '../pages/declare.ts'
import { html, pageBase } from '../pages/render.tsx'
import { buyerOrder, buyerOrders, downloadResponse } from './buyer.ts'
import { ordersQuery } from './schemas.ts'

export const orderPageRoutes = pageRouter()

const buyer = { tag: 'Orders', permission: 'signedIn', csrf: 'none', method: 'get' } as const

/** Orders a page of the buyer's list shows: the API's default page size. */
const ORDERS_PER_PAGE = '24'

orderPageRoutes.page(
  { ...buyer, path: '/orders', summary: "The signed-in buyer's orders, newest first." },
  async (c, { viewer }) => {
    const { limit, cursor } = parseWith(ordersQuery, {
      limit: ORDERS_PER_PAGE,
      cursor: c.req.query('cursor'),
    })
    const page = await buyerOrders(database(c.env.DB), viewer.account.id, limit, cursor)
    return html(
      c,
      <OrdersPage
        {...pageBase(c)}
        orders={page.orders}
        nextCursor={page.nextCursor}
        later={cursor !== undefined}
      />,
    )
  },
)

orderPageRoutes.page(
  {
    ...buyer,
    path: '/orders/:id',
    summary: 'One order of the buyer: its lines, refunds, downloads; the return from Checkout.',
  },
  async (c, { viewer }) => {
    const order = await buyerOrder(database(c.env.DB), viewer.account.id, c.req.param('id'))
    const confirming = c.req.query('checkout') === 'done'
    return html(c, <OrderPage {...pageBase(c)} order={order} confirming={confirming} />)
  },
)

orderPageRoutes.page(
  {
    ...buyer,
    path: '/orders/:id/items/:itemId/download',
    summary: 'The file of a digital line, to the buyer of the paid order only.',
  },
  (c, { viewer }) =>
    downloadResponse(c.env, viewer.account.id, c.req.param('id'), c.req.param('itemId')),
)
