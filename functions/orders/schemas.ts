/** Request bodies and queries of the orders API. */
import { z } from 'zod'

import { cursorParam, limitParam } from '../lib/pagination.ts'
import { text } from '../lib/validate.ts'

/** Most lines in one checkout: a cart, not a warehouse (and D1's 100 bound parameters). */
export const MAX_CART_LINES = 50

/** Most units of one listing in one checkout. */
export const MAX_LINE_QUANTITY = 100

const cartLine = z.strictObject({
  listing_id: z.string({ error: 'Which listing?' }).min(1, 'Which listing?').max(100),
  quantity: z
    .number({ error: `quantity is a whole number from 1 to ${MAX_LINE_QUANTITY}.` })
    .int(`quantity is a whole number from 1 to ${MAX_LINE_QUANTITY}.`)
    .min(1, `quantity is a whole number from 1 to ${MAX_LINE_QUANTITY}.`)
    .max(MAX_LINE_QUANTITY, `quantity is a whole number from 1 to ${MAX_LINE_QUANTITY}.`),
})

/** A postal address, as the buyer gives it (Checkout collects one again for physical lines). */
export const shippingAddress = z.strictObject({
  name: text({ max: 200, min: 1, name: true }),
  line1: text({ max: 200, min: 1 }),
  line2: text({ max: 200 }).optional(),
  city: text({ max: 100, min: 1 }),
  state: text({ max: 100 }).optional(),
  postal_code: text({ max: 20, min: 1 }),
  country: z
    .string({ error: 'Use the two-letter country code.' })
    .regex(/^[A-Za-z]{2}$/, 'Use the two-letter country code.')
    .transform((code) => code.toUpperCase()),
})

/** `POST /api/v1/checkout` */
export const checkoutBody = z.strictObject({
  items: z
    .array(cartLine, { error: 'items is a list of {listing_id, quantity}.' })
    .min(1, 'The cart is empty.')
    .max(MAX_CART_LINES, `At most ${MAX_CART_LINES} lines in one checkout.`)
    .refine(
      (items) => new Set(items.map((item) => item.listing_id)).size === items.length,
      'List each listing once, with its quantity.',
    ),
  shipping_address: shippingAddress.optional(),
})

/** `GET /api/v1/orders` */
export const ordersQuery = z.strictObject({ limit: limitParam, cursor: cursorParam })

export type CheckoutInput = z.output<typeof checkoutBody>
export type ShippingAddress = z.output<typeof shippingAddress>
