/** Answer schemas of the orders API (spec/api.md "Shapes of the main objects": Order). */
import { z } from 'zod'

import { pageOf, timestamp } from '../lib/responses.ts'

/** Where to pay a new order. */
export const checkoutAnswerSchema = z.object({
  order_id: z.string(),
  checkout_url: z.string(),
})

const cents = z.number().int()

/** One line of an order, priced when the order was made. */
export const orderItemSchema = z.object({
  id: z.string(),
  listing_id: z.string(),
  seller_id: z.string(),
  title: z.string(),
  kind: z.enum(['physical', 'digital']),
  quantity: z.number().int(),
  unit_price_cents: cents,
  shipping_cents: cents,
  subtotal_cents: cents,
  refunded_cents: cents,
  download_url: z.string().optional(),
  /** Once the seller shipped the line (functions/shipping/): who carries it and its tracking. */
  shipment: z
    .object({ carrier: z.string(), tracking_number: z.string(), shipped_at: timestamp })
    .optional(),
})

/** An order as its buyer sees it. */
export const orderSchema = z.object({
  id: z.string(),
  status: z.enum(['pending', 'paid', 'cancelled', 'refunded', 'partially_refunded', 'disputed']),
  currency: z.string(),
  items: z.array(orderItemSchema),
  subtotal_cents: cents,
  shipping_cents: cents,
  total_cents: cents,
  refunded_cents: cents,
  shipping_address: z.record(z.string(), z.unknown()).nullable(),
  /** Where a pending order can still be paid; null once it is not pending. */
  checkout_url: z.string().nullable(),
  created_at: timestamp,
  paid_at: timestamp.nullable(),
})

/** A page of the buyer's orders, newest first. */
export const orderPageSchema = pageOf(orderSchema)

export type OrderView = z.infer<typeof orderSchema>
