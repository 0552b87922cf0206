/** The cart as its page shows it: functions/cart/lines.ts `CartView`, as plain data. */

/**
 * Whether a line can be bought now, or why not:
 * - `short`: fewer units left than the line asks for (the buyer lowers it; checkout waits);
 * - `own`: the buyer has since become the listing's seller (an account merge, an admin fix);
 * - `currency`: priced in another currency than the co-op's (one Checkout Session, one currency).
 */
export type CartLineState =
  | 'ok'
  | 'short'
  | 'sold_out'
  | 'archived'
  | 'unavailable'
  | 'payouts_not_ready'
  | 'own'
  | 'currency'

export type CartLineData = {
  listing_id: string
  title: string
  thumb_url: string | null
  kind: 'physical' | 'digital'
  quantity: number
  stock: number | null
  unit_price_cents: number
  subtotal_cents: number
  shipping_cents: number
  state: CartLineState
}

export type CartGroupData = {
  seller: { id: string; display_name: string }
  lines: CartLineData[]
  subtotal_cents: number
  shipping_cents: number
  total_cents: number
}

export type CartData = {
  currency: string
  groups: CartGroupData[]
  subtotal_cents: number
  shipping_cents: number
  total_cents: number
  item_count: number
  buyable_count: number
  short_count: number
}
