/**
 * Pricing a cart from the database's rows (never from the client): each line's unit price,
 * shipping once per line, subtotal and commission, or the 409 that says why a line cannot be
 * bought now. Pure: the checkout service reads the rows and writes what this returns.
 */
import { AppError } from '../lib/errors.ts'
import { type Cents, sumCents, timesQuantity } from '../lib/money.ts'
import { type CommissionRule, lineCommission } from './commission.ts'
import type { CartListing } from './repository.ts'
import type { OrderItemRow } from '../../schema/tables.ts'

/** One priced line of a checkout. */
export interface PricedLine {
  listingId: string
  sellerId: string
  title: string
  kind: 'physical' | 'digital'
  quantity: number
  unitPrice: Cents
  shipping: Cents
  subtotal: Cents
  commission: Cents
}

/** A priced cart: its lines in the order asked for, and their sums. */
export interface PricedCart {
  lines: PricedLine[]
  subtotal: Cents
  shipping: Cents
  total: Cents
  commission: Cents
}

const notBuyable = (message: string) => new AppError(409, 'not_buyable', message)

/** Why `listing` cannot be bought by `buyerId` now, as the 409 to answer; undefined if it can. */
function refusal(
  listing: CartListing | undefined,
  quantity: number,
  buyerId: string,
  currency: string,
) {
  // Unknown, draft and archived listings answer alike: a draft's existence is its seller's.
  if (!listing || (listing.status !== 'published' && listing.status !== 'sold_out')) {
    return notBuyable('One of these pieces is not on sale.')
  }
  const name = `“${listing.title}”`
  if (listing.seller_id === buyerId) return notBuyable(`${name} is your own listing.`)
  if (listing.payouts_ready !== 1 || !listing.stripe_account_id) {
    return notBuyable(`The seller of ${name} cannot take payments yet.`)
  }
  if (listing.currency !== currency) return notBuyable(`${name} is priced in another currency.`)
  const short = listing.kind === 'physical' && (listing.quantity ?? 0) < quantity
  if (listing.status === 'sold_out' || short) {
    return new AppError(409, 'sold_out', `Sorry, there is not enough of ${name} left.`)
  }
  return undefined
}

/**
 * Prices the requested lines from the listings' rows; throws the 409 of the first line that
 * cannot be bought. The stock read here is advice: the hold in the order's batch decides.
 */
export function priceCart(
  requested: readonly { listing_id: string; quantity: number }[],
  listings: readonly CartListing[],
  context: { buyerId: string; currency: string; commission: CommissionRule },
): PricedCart {
  const byId = new Map(listings.map((listing) => [listing.id, listing]))
  const lines = requested.map(({ listing_id, quantity }): PricedLine => {
    const listing = byId.get(listing_id)
    const refused = refusal(listing, quantity, context.buyerId, context.currency)
    if (refused || !listing) throw refused ?? notBuyable('One of these pieces is not on sale.')
    const subtotal = timesQuantity(listing.price_cents, quantity)
    return {
      listingId: listing.id,
      sellerId: listing.seller_id,
      title: listing.title,
      kind: listing.kind,
      quantity,
      unitPrice: listing.price_cents,
      shipping: listing.kind === 'physical' ? listing.shipping_cents : 0,
      subtotal,
      commission: lineCommission(subtotal, context.commission),
    }
  })
  const subtotal = sumCents(lines.map((line) => line.subtotal))
  const shipping = sumCents(lines.map((line) => line.shipping))
  return {
    lines,
    subtotal,
    shipping,
    total: sumCents([subtotal, shipping]),
    commission: sumCents(lines.map((line) => line.commission)),
  }
}

/** The order's line rows of a priced cart, in the cart's order; `lineId` names each row. */
export function orderItemRows(
  orderId: string,
  lines: readonly PricedLine[],
  lineId: (position: number) => string,
): OrderItemRow[] {
  return lines.map((line, position) => ({
    id: lineId(position),
    order_id: orderId,
    listing_id: line.listingId,
    seller_id: line.sellerId,
    position,
    title: line.title,
    kind: line.kind,
    quantity: line.quantity,
    unit_price_cents: line.unitPrice,
    shipping_cents: line.shipping,
    subtotal_cents: line.subtotal,
    commission_cents: line.commission,
    refunded_cents: 0,
    shipped_at: null,
    carrier: null,
    tracking_number: null,
  }))
}
