/**
 * The demo's past fiscal year as SQL statements: paid orders of the demo artists bought by
 * several demo members, spread across the year, two refunds (one partial) and one lost dispute,
 * each with the ledger transactions the Worker itself would book, made by the same builders and
 * `recordTransaction`. Written straight into D1 because Stripe cannot backdate a payment: the
 * emulator's objects are all dated today. Demo data only (see tools/seed-past-year.ts).
 */
import type { Compilable } from 'kysely'

import { sale, sellerTransfer } from '../functions/ledger/builders-sales.ts'
import { processingFee } from '../functions/ledger/builders-coop.ts'
import { recordTransaction } from '../functions/ledger/repository.ts'
import { basisPoints, sumCents, timesQuantity } from '../functions/lib/money.ts'
import { DEFAULT_COMMISSION, lineCommission } from '../functions/orders/commission.ts'
import type { FiscalYear } from '../functions/surplus/year.ts'
import type { DB } from '../schema/tables.ts'
import {
  CURRENCY,
  HOUR,
  type Line,
  type PastListing,
  later,
  lostDispute,
  refunded,
  shippingOf,
} from './seed-past-year-returns.ts'

export type { PastListing }

export const PAST_ORDERS = 48
/** Which orders get a full refund of a line, a partial one, and a lost dispute. */
const FULL_REFUND = 5
const PARTIAL_REFUND = 17
const DISPUTED = 30

/** The id prefix of everything this seed writes for `year`: its presence means "done". */
export const pastOrderPrefix = (year: number) => `ord_demo_fy${year}_`

/** A small deterministic hash, so every run writes the same year. */
const mix = (n: number) => (Math.imul(n + 1, 2654435761) >>> 0) % 1_000_003

/** The lines of order `k`: one to three listings of different sellers, none the buyer's own. */
function linesOf(k: number, buyer: string, listings: readonly PastListing[]): Line[] {
  const lines: Line[] = []
  const want = 1 + (mix(k) % 3)
  for (let j = 0; lines.length < want && j < listings.length; j++) {
    const listing = listings[(mix(k * 7 + j) + j) % listings.length]!
    if (listing.seller_id === buyer) continue
    if (lines.some((line) => line.listing.seller_id === listing.seller_id)) continue
    const quantity = listing.kind === 'physical' ? 1 + (mix(k + j) % 2) : 1
    const subtotal = timesQuantity(listing.price_cents, quantity)
    lines.push({
      id: '',
      listing,
      quantity,
      subtotal,
      commission: lineCommission(subtotal, DEFAULT_COMMISSION),
    })
  }
  return lines
}

/** Stripe's usual card fee (2.9 % + 30¢) on the whole charge. */
const stripeFee = (total: number) => sumCents([basisPoints(total, 290), 30])

/** The statements of one paid order: the order, its lines, the sale, the fee, the transfers. */
function paidOrder(db: DB, id: string, buyer: string, lines: Line[], paidAt: string) {
  const tag = id
  const subtotal = sumCents(lines.map((l) => l.subtotal))
  const shipping = sumCents(lines.map((l) => shippingOf(l)))
  const stripe = { paymentIntent: `pi_${tag}`, charge: `ch_${tag}` }
  const txs = [
    sale(
      { id: `ltx_${tag}_sale`, currency: CURRENCY, occurredAt: paidAt, memo: 'Order paid' },
      {
        orderId: id,
        stripe,
        lines: lines.map((l) => ({
          orderLineId: l.id,
          sellerId: l.listing.seller_id,
          subtotal: l.subtotal,
          shipping: shippingOf(l),
          commission: l.commission,
        })),
      },
    ),
    processingFee(
      { id: `ltx_${tag}_fee`, currency: CURRENCY, occurredAt: paidAt },
      {
        fee: stripeFee(sumCents([subtotal, shipping])),
        balanceTransactionId: `txn_${tag}`,
        source: { type: 'order', id },
        stripe,
      },
    ),
    ...lines.map((l, j) =>
      sellerTransfer(
        { id: `ltx_${tag}_tr${j}`, currency: CURRENCY, occurredAt: later(paidAt, HOUR) },
        {
          orderId: id,
          sellerId: l.listing.seller_id,
          amount: sumCents([l.subtotal, shippingOf(l), -l.commission]),
          transferId: `tr_${tag}_${j}`,
        },
      ),
    ),
  ]
  return [
    db.insertInto('orders').values({
      id,
      buyer_id: buyer,
      status: 'paid',
      currency: CURRENCY,
      subtotal_cents: subtotal,
      shipping_cents: shipping,
      total_cents: sumCents([subtotal, shipping]),
      commission_cents: sumCents(lines.map((l) => l.commission)),
      stripe_checkout_session_id: `cs_${tag}`,
      stripe_payment_intent_id: stripe.paymentIntent,
      stripe_charge_id: stripe.charge,
      created_at: later(paidAt, -5 * 60_000),
      updated_at: paidAt,
      paid_at: paidAt,
    }),
    db.insertInto('order_items').values(
      lines.map((l, position) => ({
        id: l.id,
        order_id: id,
        listing_id: l.listing.id,
        seller_id: l.listing.seller_id,
        position,
        title: l.listing.title,
        kind: l.listing.kind,
        quantity: l.quantity,
        unit_price_cents: l.listing.price_cents,
        shipping_cents: shippingOf(l),
        subtotal_cents: l.subtotal,
        commission_cents: l.commission,
      })),
    ),
    ...txs.flatMap((tx) => recordTransaction(db, tx)),
  ]
}

/** Every statement of the past year `year`, bought by `buyers` from `listings`. */
export function pastYearStatements(
  db: DB,
  year: FiscalYear,
  buyers: readonly string[],
  listings: readonly PastListing[],
  refundedBy: string,
): Compilable[] {
  const start = Date.parse(year.start)
  const span = Date.parse(year.end) - start
  const statements: Compilable[] = []
  for (let k = 0; k < PAST_ORDERS; k++) {
    const id = `${pastOrderPrefix(year.year)}${String(k).padStart(2, '0')}`
    const buyer = buyers[k % buyers.length]!
    // Evenly across the year, at a daytime hour that changes from order to order.
    const paidAt = new Date(
      start + Math.floor(((k + 0.5) * span) / PAST_ORDERS) - 4 * HOUR + (mix(k) % 9) * HOUR,
    ).toISOString()
    const lines = linesOf(k, buyer, listings).map((l, j) => ({
      ...l,
      id: `oit_${id.slice(4)}_${j}`,
    }))
    if (lines.length === 0) continue
    statements.push(...paidOrder(db, id, buyer, lines, paidAt))
    const first = lines[0]!
    if (k === FULL_REFUND)
      statements.push(...refunded(db, id, lines, first.subtotal, paidAt, refundedBy))
    if (k === PARTIAL_REFUND) {
      statements.push(
        ...refunded(db, id, lines, Math.floor(first.subtotal / 2), paidAt, refundedBy),
      )
    }
    if (k === DISPUTED) {
      const total = sumCents(lines.map((l) => sumCents([l.subtotal, shippingOf(l)])))
      statements.push(...lostDispute(db, id, total, paidAt))
    }
  }
  return statements
}
