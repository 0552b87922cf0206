/** An order as the buyer's pages show it: the API's Order (spec/api.md), as plain data. */

/** Where an order stands, as the API says it. */
export type OrderStatus =
  'pending' | 'paid' | 'cancelled' | 'refunded' | 'partially_refunded' | 'disputed'

/** One line of an order, priced when the order was made. */
export type OrderLineData = {
  id: string
  listing_id: string
  title: string
  kind: 'physical' | 'digital'
  quantity: number
  unit_price_cents: number
  shipping_cents: number
  subtotal_cents: number
  refunded_cents: number
  download_url?: string | undefined
  /** Present once the seller shipped the line. */
  shipment?: { carrier: string; tracking_number: string; shipped_at: string } | undefined
}

/** An order with its lines and totals. */
export type OrderData = {
  id: string
  status: OrderStatus
  currency: string
  items: OrderLineData[]
  subtotal_cents: number
  shipping_cents: number
  total_cents: number
  refunded_cents: number
  shipping_address: Record<string, unknown> | null
  checkout_url: string | null
  created_at: string
  paid_at: string | null
}
