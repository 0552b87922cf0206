/**
 * `POST /api/v1/checkout`: prices the cart from the database, writes the order `pending` with
 * its lines and stock holds in one batch, then opens one Stripe Checkout Session for the whole
 * cart. If Stripe fails, the order is cancelled and its stock released (one batch), and the
 * buyer is told to try again.
 */
import type { Compilable } from 'kysely'
import type Stripe from 'stripe'

import type { Bindings, Viewer } from '../app.ts'
import { commissionRule, currency, publicOrigin } from '../lib/config.ts'
import { newId } from '../lib/crypto.ts'
import { type DB, atomically, database } from '../lib/db.ts'
import { AppError } from '../lib/errors.ts'
import { callStripe, stripeClient } from '../lib/stripe.ts'
import { reserveStock, stockConflict } from '../listings/stock.ts'
import type { OrderItemRow } from '../../schema/tables.ts'
import { type PricedCart, orderItemRows, priceCart } from './pricing.ts'
import { cancelOrder, cartListings, holdIdOf } from './repository.ts'
import type { CheckoutInput } from './schemas.ts'
import { requireVerifiedEmail } from '../account-tokens/gate.ts'

/** How long a checkout holds the stock (Stripe's shortest session is 30 minutes). */
const CHECKOUT_TTL_MS = 60 * 60 * 1000

/** Where Checkout collects a ship-to address. Stripe needs a list; this is the co-op's reach. */
const SHIP_TO = ['US', 'CA', 'GB', 'IE', 'AU', 'NZ', 'DE', 'FR', 'NL', 'BE', 'ES', 'IT'] as const

/** D1 binds at most 100 parameters: rows of 13 columns go 7 at a time. */
const ITEMS_PER_INSERT = 7

/** What Checkout tells the metadata of an order session by (membership has its own). */
export const ORDER_PURPOSE = 'order'

function orderStatements(
  db: DB,
  order: { id: string; buyerId: string; currency: string; now: string },
  cart: PricedCart,
  items: OrderItemRow[],
  address: CheckoutInput['shipping_address'],
) {
  const statements: Compilable[] = [
    db.insertInto('orders').values({
      id: order.id,
      buyer_id: order.buyerId,
      currency: order.currency,
      subtotal_cents: cart.subtotal,
      shipping_cents: cart.shipping,
      total_cents: cart.total,
      commission_cents: cart.commission,
      shipping_address: address ? JSON.stringify(address) : null,
      created_at: order.now,
      updated_at: order.now,
    }),
  ]
  // A new line is not shipped: its shipment columns (0016) keep their NULL defaults.
  const rows = items.map(({ shipped_at: _s, carrier: _c, tracking_number: _t, ...row }) => row)
  for (let i = 0; i < rows.length; i += ITEMS_PER_INSERT) {
    statements.push(db.insertInto('order_items').values(rows.slice(i, i + ITEMS_PER_INSERT)))
  }
  const holds = items
    .filter((item) => item.kind === 'physical')
    .flatMap((item) =>
      reserveStock(db, {
        id: holdIdOf(item.id),
        listingId: item.listing_id,
        holder: item.id,
        quantity: item.quantity,
        now: order.now,
      }),
    )
  return [...statements, ...holds]
}

/** The Checkout Session of an order: its lines, one shipping rate (Σ per line), the address. */
function sessionParams(
  orderId: string,
  cart: PricedCart,
  context: { currency: string; email: string; origin: string; expiresAt: Date },
): Stripe.Checkout.SessionCreateParams {
  const physical = cart.lines.some((line) => line.kind === 'physical')
  return {
    mode: 'payment',
    client_reference_id: orderId,
    customer_email: context.email,
    line_items: cart.lines.map((line) => ({
      quantity: line.quantity,
      price_data: {
        currency: context.currency,
        unit_amount: line.unitPrice,
        product_data: { name: line.title, metadata: { listing_id: line.listingId } },
      },
    })),
    ...(physical && {
      shipping_address_collection: {
        allowed_countries: [
          ...SHIP_TO,
        ] as Stripe.Checkout.SessionCreateParams.ShippingAddressCollection.AllowedCountry[],
      },
      shipping_options: [
        {
          shipping_rate_data: {
            display_name: cart.shipping > 0 ? 'Shipping' : 'Free shipping',
            type: 'fixed_amount',
            fixed_amount: { amount: cart.shipping, currency: context.currency },
          },
        },
      ],
    }),
    metadata: { purpose: ORDER_PURPOSE, order_id: orderId },
    payment_intent_data: { transfer_group: orderId, metadata: { order_id: orderId } },
    success_url: `${context.origin}/orders/${orderId}?checkout=done`,
    cancel_url: `${context.origin}/cart`,
    expires_at: Math.floor(context.expiresAt.getTime() / 1000),
  }
}

/** The buyer's answer when Stripe could not open the payment page: what happened, what to do. */
const stripeFailed = (error: AppError) =>
  new AppError(
    error.status,
    'payment_provider_error',
    'The payment page could not be opened. Nothing was charged and the pieces are back on sale: please try again in a moment.',
  )

/** Starts the checkout of a cart: 201 `{order_id, checkout_url}`, or a 409 / 502 / 503. */
export async function startCheckout(
  env: Bindings,
  viewer: Viewer,
  input: CheckoutInput,
  requestUrl: string,
) {
  requireVerifiedEmail(viewer)
  const db = database(env.DB)
  const money = currency(env)
  const listings = await cartListings(
    db,
    input.items.map((item) => item.listing_id),
  )
  const cart = priceCart(input.items, listings, {
    buyerId: viewer.account.id,
    currency: money,
    commission: commissionRule(env),
  })
  const now = new Date()
  const orderId = newId('ord')
  const items = orderItemRows(orderId, cart.lines, () => newId('oli'))
  const order = { id: orderId, buyerId: viewer.account.id, currency: money, now: now.toISOString() }
  try {
    await atomically(env.DB, orderStatements(db, order, cart, items, input.shipping_address))
  } catch (error) {
    throw stockConflict(error) ?? error
  }

  const expiresAt = new Date(now.getTime() + CHECKOUT_TTL_MS)
  const origin = publicOrigin(env, requestUrl)
  let session: Stripe.Checkout.Session
  try {
    session = await callStripe(() =>
      stripeClient(env).checkout.sessions.create(
        sessionParams(orderId, cart, {
          currency: money,
          email: viewer.account.email,
          origin,
          expiresAt,
        }),
        // One session per order, however often the call is retried.
        { idempotencyKey: `order-checkout:${orderId}` },
      ),
    )
    if (!session.url)
      throw new AppError(502, 'payment_provider_error', 'Stripe gave no checkout page.')
  } catch (error) {
    // Nobody can pay this order: give its stock back before answering.
    await atomically(env.DB, cancelOrder(db, orderId, items, new Date().toISOString()))
    if (error instanceof AppError && error.status >= 500) throw stripeFailed(error)
    throw error
  }
  await db
    .updateTable('orders')
    .set({
      stripe_checkout_session_id: session.id,
      checkout_url: session.url,
      updated_at: now.toISOString(),
    })
    .where('id', '=', orderId)
    .execute()
  return { order_id: orderId, checkout_url: session.url }
}
