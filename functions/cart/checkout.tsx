/**
 * The hand-over from the cart to checkout (functions/orders/checkout.ts `startCheckout`, which
 * prices the lines from the database, holds their stock and opens the Stripe Checkout Session).
 * The cart gives it listing ids and quantities only, never prices.
 */
import type { Context } from 'hono'

import type { AppEnv, Viewer } from '../app.ts'
import { AppError } from '../lib/errors.ts'
import { startCheckout } from '../orders/checkout.ts'

/** The lines checkout is given. */
export type CheckoutItems = { listing_id: string; quantity: number }[]

/**
 * Starts checkout for `items` and sends the buyer to Stripe's page (303). A conflict (a piece
 * sold out or stopped being buyable between the cart page and the press) goes back to the cart,
 * which now shows the line as it is; Stripe's failures reach the error page with their message.
 */
export async function checkoutResponse(
  c: Context<AppEnv>,
  viewer: Viewer,
  items: CheckoutItems,
): Promise<Response> {
  try {
    const { checkout_url } = await startCheckout(c.env, viewer, { items }, c.req.url)
    return c.redirect(checkout_url, 303)
  } catch (error) {
    if (error instanceof AppError && error.status === 409) {
      return c.redirect('/cart?done=conflict', 303)
    }
    throw error
  }
}
