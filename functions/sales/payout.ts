/**
 * What a sold line pays its seller, from the line's own figures (pure). A refund of R cents
 * takes R from the seller and gives back the commission it returns (surplus.md §2), so the
 * payout is `subtotal + shipping − commission − (R − commission returned)`: what the Transfer
 * sent less what the refunds' reversals take back. Shipping is never refunded in this version.
 */
import { type Cents, sumCents } from '../lib/money.ts'
import { commissionReturned } from '../orders/commission.ts'
import { shipmentOf } from '../orders/repository.ts'
import type { SaleRow } from './repository.ts'
import type { SaleView, ShipTo, TransferState } from './responses.ts'

/** The seller's money of one line: commission returned by its refunds, and the payout. */
export function linePayout(line: {
  subtotal: Cents
  shipping: Cents
  commission: Cents
  refunded: Cents
}): { commissionReturned: Cents; payout: Cents } {
  // On the line's refunded total: a line's refunds return cumulative amounts (each refund the
  // difference, refunds/service.ts), so together they return exactly round_half_up(F × ΣR / S).
  const returned =
    line.refunded > 0 ? commissionReturned(line.commission, line.refunded, line.subtotal) : 0
  const payout = sumCents([
    line.subtotal,
    line.shipping,
    -line.commission,
    -line.refunded,
    returned,
  ])
  return { commissionReturned: returned, payout }
}

/** A line's state: a dispute is the whole order's; refunds are counted per line. */
export function lineStatus(orderStatus: string, refunded: Cents, subtotal: Cents) {
  if (orderStatus === 'disputed') return 'disputed' as const
  if (refunded >= subtotal) return 'refunded' as const
  return refunded > 0 ? ('partially_refunded' as const) : ('paid' as const)
}

const ADDRESS_FIELDS = [
  'name',
  'line1',
  'line2',
  'city',
  'state',
  'postal_code',
  'country',
] as const

/** The order's stored ship-to address (JSON) as the API shows it; null when there is none. */
export function shipToOf(json: string | null): ShipTo | null {
  if (!json) return null
  const stored = JSON.parse(json) as Record<string, unknown>
  const field = (key: string) => (typeof stored[key] === 'string' ? stored[key] : null)
  return Object.fromEntries(ADDRESS_FIELDS.map((key) => [key, field(key)])) as ShipTo
}

/** The API shape of a sold line. */
export function saleView(row: SaleRow, transfer?: TransferState): SaleView {
  const money = linePayout({
    subtotal: row.subtotal_cents,
    shipping: row.shipping_cents,
    commission: row.commission_cents,
    refunded: row.refunded_cents,
  })
  return {
    id: row.id,
    order_id: row.order_id,
    listing_id: row.listing_id,
    seller_id: row.seller_id,
    title: row.title,
    kind: row.kind,
    quantity: row.quantity,
    currency: row.currency,
    unit_price_cents: row.unit_price_cents,
    subtotal_cents: row.subtotal_cents,
    shipping_cents: row.shipping_cents,
    commission_cents: row.commission_cents,
    refunded_cents: row.refunded_cents,
    commission_returned_cents: money.commissionReturned,
    payout_cents: money.payout,
    status: lineStatus(row.order_status, row.refunded_cents, row.subtotal_cents),
    buyer_display_name: row.buyer_display_name,
    // A digital line goes nowhere: the buyer's address is not the seller's business.
    ship_to: row.kind === 'physical' ? shipToOf(row.shipping_address) : null,
    transfer: transfer ?? { status: 'none', id: null },
    paid_at: row.paid_at,
    ...(shipmentOf(row) && { shipment: shipmentOf(row) }),
  }
}
