/**
 * The admins' order pages: `/admin/orders` (every order, newest first, by status) and
 * `/admin/orders/:id` (one order with its Stripe objects, ledger and a refund form per line).
 * Read from D1 only: opening the page never calls Stripe.
 */
import { z } from 'zod'

import { AdminOrderPage } from '../../web/pages/AdminOrderPage.tsx'
import { AdminOrdersPage, ORDER_STATUSES } from '../../web/pages/AdminOrdersPage.tsx'
import { database } from '../lib/db.ts'
import { cursorParam } from '../lib/pagination.ts'
import { parseWith } from '../lib/validate.ts'
import { pageRouter } from '../pages/declare.ts'
import { html, pageBase } from '../pages/render.tsx'
import { adminOrder, adminOrders } from './service.ts'

export const adminOrderPageRoutes = pageRouter()

/** Orders a page of the list shows. */
const PAGE_SIZE = 50

const listQuery = z.object({
  status: z.enum(ORDER_STATUSES, { error: 'No such status.' }).optional(),
  cursor: cursorParam,
})

const admins = {
  tag: 'Orders',
  method: 'get',
  csrf: 'none',
  permission: 'admin',
  message: 'Only the co-op’s admins see every order.',
} as const

adminOrderPageRoutes.page(
  { ...admins, path: '/admin/orders', summary: 'Every order, newest first, by status.' },
  async (c) => {
    // An empty select ("Any status") means no filter, as the form sends it.
    const { status, cursor } = parseWith(listQuery, {
      status: c.req.query('status') || undefined,
      cursor: c.req.query('cursor') || undefined,
    })
    const page = await adminOrders(database(c.env.DB), PAGE_SIZE, status, cursor)
    return html(
      c,
      <AdminOrdersPage
        {...pageBase(c)}
        orders={page.orders}
        status={status ?? ''}
        nextCursor={page.nextCursor}
        later={cursor !== undefined}
      />,
    )
  },
)

adminOrderPageRoutes.page(
  {
    ...admins,
    path: '/admin/orders/:id',
    summary: 'One order: its lines, Stripe objects, ledger transactions and refund forms.',
  },
  async (c) => {
    const order = await adminOrder(database(c.env.DB), c.req.param('id'))
    const flash =
      c.req.query('refund') === 'requested'
        ? ({ kind: 'success', message: 'The refund is on its way to Stripe.' } as const)
        : undefined
    return html(c, <AdminOrderPage {...pageBase(c)} order={order} flash={flash} />)
  },
)
