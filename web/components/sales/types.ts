/** A sold line as the sales page shows it: the fields of the API's Sale it reads. */
export type SaleLine = {
  id: string
  order_id: string
  title: string
  kind: 'physical' | 'digital'
  quantity: number
  currency: string
  subtotal_cents: number
  shipping_cents: number
  commission_cents: number
  refunded_cents: number
  payout_cents: number
  status: 'paid' | 'partially_refunded' | 'refunded' | 'disputed'
  buyer_display_name: string
  ship_to: {
    name: string | null
    line1: string | null
    line2: string | null
    city: string | null
    state: string | null
    postal_code: string | null
    country: string | null
  } | null
  transfer: { status: 'queued' | 'transferred' | 'failed' | 'none'; id: string | null }
  paid_at: string
  /** Present once the seller shipped the line. */
  shipment?: { carrier: string; tracking_number: string; shipped_at: string } | undefined
}

/** The date range the page shows, as typed (`YYYY-MM-DD`, either may be empty). */
export type SalesRangeValues = { from: string; to: string }
