/**
 * The refund form of the pages (the admins' order page, and the seller's sales later):
 * `POST /orders/:id/refunds`. The amount is typed in dollars like a listing's price; the rest
 * are the API's own fields and schemas, and who may refund which line is the API's service's
 * decision (`requestRefund`), so the form and `POST /api/v1/orders/:id/refunds` cannot disagree.
 * A refusal is the error page (403, 404, 409); bad input a 400 page that changes nothing.
 */
import { z } from 'zod'

import { parseDecimalInput } from '../../web/components/money.ts'
import { safeNext } from '../accounts/redirects.ts'
import { currency } from '../lib/config.ts'
import { AppError } from '../lib/errors.ts'
import { fieldsFromIssues } from '../lib/validate.ts'
import { pageRouter } from '../pages/declare.ts'
import { refundBody } from './schemas.ts'
import { requestRefund } from './service.ts'

export const refundPageRoutes = pageRouter()

/** The form's fields: the API's line and reason, the amount as typed, and where to go back. */
export const refundFormFields = z.object({
  order_item_id: refundBody.shape.order_item_id,
  reason: refundBody.shape.reason,
  amount: z.string({ error: 'Enter the amount in dollars, like 12.50.' }).max(100),
  back: z.string().max(2000).optional(),
})

/** A 400 page naming what to fix; nothing was written. */
function refused(errors: Record<string, string>) {
  const first = Object.values(errors)[0] ?? 'The form could not be read.'
  return new AppError(400, 'invalid_input', `The refund was not made: ${first}`, errors)
}

/** `path` with `?refund=requested` added (before any `#fragment`). */
export function withNotice(path: string) {
  const [base = '/', fragment] = path.split('#', 2)
  const joined = `${base}${base.includes('?') ? '&' : '?'}refund=requested`
  return fragment === undefined ? joined : `${joined}#${fragment}`
}

refundPageRoutes.page(
  {
    tag: 'Orders',
    method: 'post',
    path: '/orders/:id/refunds',
    summary: "Refunds all or part of an order line from a page: by the line's seller or an admin.",
    permission: 'signedIn',
    csrf: 'token',
    form: refundFormFields,
  },
  async (c, { viewer, form }) => {
    if (!form.ok) throw refused(form.errors)
    const amount = parseDecimalInput(form.data.amount, currency(c.env))
    if (amount === null) throw refused({ amount: 'Enter the amount in dollars, like 12.50.' })
    const input = refundBody.safeParse({
      order_item_id: form.data.order_item_id,
      amount_cents: amount,
      reason: form.data.reason,
    })
    if (!input.success) {
      const errors = fieldsFromIssues(input.error.issues)
      // The form's field is `amount`: say so, in dollars, rather than naming the API's cents.
      if (errors.amount_cents) errors.amount = 'Enter an amount of at least 0.01.'
      delete errors.amount_cents
      throw refused(errors)
    }
    const orderId = c.req.param('id')
    await requestRefund(c.env, viewer, orderId, input.data)
    const fallback = viewer.roles.includes('admin')
      ? `/admin/orders/${encodeURIComponent(orderId)}`
      : '/sell/sales'
    return c.redirect(withNotice(safeNext(form.data.back, fallback)), 303)
  },
)
