/**
 * The shipment form of the seller's sales page: `POST /orders/:id/items/:itemId/shipment`, the
 * API's own body schema and service, so the form and the API cannot disagree. A refusal is the
 * error page (403, 404, 409); bad input a 400 page that changes nothing.
 */
import { AppError } from '../lib/errors.ts'
import { pageRouter } from '../pages/declare.ts'
import { shipmentBody } from './schemas.ts'
import { shipLine } from './service.ts'

export const shippingPageRoutes = pageRouter()

shippingPageRoutes.page(
  {
    tag: 'Orders',
    method: 'post',
    path: '/orders/:id/items/:itemId/shipment',
    summary: "Marks an order line shipped with its tracking, from the seller's sales page.",
    permission: 'signedIn',
    csrf: 'token',
    form: shipmentBody,
  },
  async (c, { viewer, form }) => {
    if (!form.ok) {
      const first = Object.values(form.errors)[0] ?? 'The form could not be read.'
      throw new AppError(400, 'invalid_input', `Not marked shipped: ${first}`, form.errors)
    }
    await shipLine(c.env, viewer, c.req.param('id'), c.req.param('itemId'), form.data)
    return c.redirect('/sell/sales?shipped=1', 303)
  },
)
