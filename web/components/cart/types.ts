/** The cart as its page shows it, worked out by functions/cart/lines.ts (`cartView`). */

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
  /** Units left to buy; null for a digital listing. */
  stock: number | null
  unit_price_cents: number
  /** unit price × quantity. */
  subtotal_cents: number
  /** The listing's shipping, once per line whatever the quantity (spec/api.md "Order"). */
  shipping_cents: number
  state: CartLineState
}

/** One seller's lines; the totals count only the lines in state `ok`. */
export type CartGroupData = {
  seller: { id: string; display_name: string }
  lines: CartLineData[]
  subtotal_cents: number
  shipping_cents: number
  total_cents: number
}

/** The whole cart. `item_count` is every unit in it, the number the header shows. */
export type CartData = {
  currency: string
  groups: CartGroupData[]
  subtotal_cents: number
  shipping_cents: number
  total_cents: number
  item_count: number
  /** Units in lines that checkout would take. */
  buyable_count: number
  /** Lines that hold checkout back until the buyer changes them (`short`). */
  short_count: number
}
