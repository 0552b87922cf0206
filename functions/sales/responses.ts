/** Answer schemas of the sales API (spec/api.md "Sale": the order line plus its money). */
import { z } from 'zod'

import { pageOf, timestamp } from '../lib/responses.ts'

const cents = z.number().int()

/** Where a physical line goes, as Checkout collected it (Stripe's fields, any may be null). */
export const shipToSchema = z.object({
  name: z.string().nullable(),
  line1: z.string().nullable(),
  line2: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  postal_code: z.string().nullable(),
  country: z.string().nullable(),
})

/**
 * The seller's money for the order, as far as it went: `queued` (the transfer job has not made
 * it yet), `transferred` (Stripe made it and the ledger booked it: its id), `failed` (the job
 * gave up; an admin can queue it again) or `none` (nothing was owed).
 */
export const transferSchema = z.object({
  status: z.enum(['queued', 'transferred', 'failed', 'none']),
  id: z.string().nullable(),
})

/** One line the seller sold. */
export const saleSchema = z.object({
  id: z.string(),
  order_id: z.string(),
  listing_id: z.string(),
  seller_id: z.string(),
  title: z.string(),
  kind: z.enum(['physical', 'digital']),
  quantity: z.number().int(),
  currency: z.string(),
  unit_price_cents: cents,
  subtotal_cents: cents,
  shipping_cents: cents,
  commission_cents: cents,
  refunded_cents: cents,
  /** The part of the commission the refunds gave back to the seller (surplus.md §2). */
  commission_returned_cents: cents,
  /** subtotal + shipping − commission − (refunded − commission returned). */
  payout_cents: cents,
  /** The line's state: refunds are per line, a dispute is the whole order's. */
  status: z.enum(['paid', 'partially_refunded', 'refunded', 'disputed']),
  buyer_display_name: z.string(),
  /** Physical lines only; null for digital ones. */
  ship_to: shipToSchema.nullable(),
  transfer: transferSchema,
  paid_at: timestamp,
  /** Once the seller shipped the line: the carrier, tracking number and time. */
  shipment: z
    .object({ carrier: z.string(), tracking_number: z.string(), shipped_at: timestamp })
    .optional(),
})

/** A page of the seller's sales, newest payment first. */
export const salePageSchema = pageOf(saleSchema)

export type SaleView = z.infer<typeof saleSchema>
export type ShipTo = z.infer<typeof shipToSchema>
export type TransferState = z.infer<typeof transferSchema>
