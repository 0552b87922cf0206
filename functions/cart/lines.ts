/**
 * The cart as the buyer sees it, computed from its rows alone (no bindings): each line's state,
 * its money, and the lines grouped by seller with their totals. Only lines that can be bought
 * now count towards the totals and go to checkout; the others stay in the cart, saying why.
 */
import { sumCents, timesQuantity } from '../lib/money.ts'
import type {
  CartData,
  CartGroupData,
  CartLineData,
  CartLineState,
} from '../../web/components/cart/types.ts'
import type { CartRow } from './repository.ts'

/** Whether a line can be bought now, or why not (see the type's own notes). */
export type LineState = CartLineState

/** Why a listing cannot be bought at all, whatever the quantity (`null` when it can). */
export function unbuyableReason(
  listing: Pick<CartRow, 'status' | 'kind' | 'stock' | 'seller_id' | 'payouts_ready'>,
  viewerId: string,
): Exclude<LineState, 'ok' | 'short' | 'currency'> | null {
  if (listing.seller_id === viewerId) return 'own'
  if (listing.status === 'archived') return 'archived'
  if (listing.status === 'draft') return 'unavailable'
  if (listing.status === 'sold_out' || (listing.kind === 'physical' && (listing.stock ?? 0) < 1)) {
    return 'sold_out'
  }
  if (listing.payouts_ready !== 1) return 'payouts_not_ready'
  return null
}

/** The most units of a listing a line may hold: its stock (1 for a digital file), at most `cap`. */
export function quantityCap(listing: Pick<CartRow, 'kind' | 'stock'>, cap: number): number {
  // A digital file is delivered once: a second copy of the same download buys nothing.
  if (listing.kind === 'digital') return 1
  return Math.max(0, Math.min(listing.stock ?? 0, cap))
}

/** The cart's view, one line, one seller's group: the shapes its page renders (one source). */
export type CartLine = CartLineData
export type SellerGroup = CartGroupData
export type CartView = CartData

function lineOf(row: CartRow, viewerId: string, currency: string): CartLine {
  const reason = unbuyableReason(row, viewerId)
  let state: LineState = reason ?? 'ok'
  if (state === 'ok' && row.currency !== currency) state = 'currency'
  if (state === 'ok' && row.kind === 'physical' && row.quantity > (row.stock ?? 0)) state = 'short'
  return {
    listing_id: row.listing_id,
    title: row.title,
    thumb_url: row.thumb_url,
    kind: row.kind,
    quantity: row.quantity,
    stock: row.kind === 'physical' ? row.stock : null,
    unit_price_cents: row.price_cents,
    // A product, not a rounding: money.ts's exact multiply-divide with a divisor of 1.
    subtotal_cents: timesQuantity(row.price_cents, row.quantity),
    shipping_cents: row.kind === 'physical' ? row.shipping_cents : 0,
    state,
  }
}

const counted = (lines: CartLine[]) => lines.filter((line) => line.state === 'ok')
const units = (lines: CartLine[]) => lines.reduce((sum, line) => sum + line.quantity, 0)

/** The cart page's view of the rows (already in the order they were added). */
export function cartView(rows: readonly CartRow[], viewerId: string, currency: string): CartView {
  const groups = new Map<string, SellerGroup>()
  for (const row of rows) {
    let group = groups.get(row.seller_id)
    if (!group) {
      const seller = { id: row.seller_id, display_name: row.seller_name }
      group = { seller, lines: [], subtotal_cents: 0, shipping_cents: 0, total_cents: 0 }
      groups.set(row.seller_id, group)
    }
    group.lines.push(lineOf(row, viewerId, currency))
  }
  for (const group of groups.values()) {
    const lines = counted(group.lines)
    group.subtotal_cents = sumCents(lines.map((line) => line.subtotal_cents))
    group.shipping_cents = sumCents(lines.map((line) => line.shipping_cents))
    group.total_cents = sumCents([group.subtotal_cents, group.shipping_cents])
  }
  const all = [...groups.values()]
  const lines = all.flatMap((group) => group.lines)
  const subtotal = sumCents(all.map((group) => group.subtotal_cents))
  const shipping = sumCents(all.map((group) => group.shipping_cents))
  return {
    currency,
    groups: all,
    subtotal_cents: subtotal,
    shipping_cents: shipping,
    total_cents: sumCents([subtotal, shipping]),
    item_count: units(lines),
    buyable_count: units(counted(lines)),
    short_count: lines.filter((line) => line.state === 'short').length,
  }
}

/** What checkout is given: the lines that can be bought now, as `{listing_id, quantity}`. */
export function checkoutItems(view: CartView): { listing_id: string; quantity: number }[] {
  return counted(view.groups.flatMap((group) => group.lines)).map((line) => ({
    listing_id: line.listing_id,
    quantity: line.quantity,
  }))
}
