import type { EmulatorContext } from './context'
import type { CheckoutSession } from './objects/checkout'
import * as pages from './pages'

/** The hosted Checkout page of a session, keeping what the customer typed after an error. */
export function checkoutPageFor(
  ctx: EmulatorContext,
  session: CheckoutSession,
  form: URLSearchParams,
  error?: string,
): string {
  const lines = (ctx.state.lineItems.get(session.id) ?? []).map((item) => ({
    description: String(item.description),
    quantity: Number(item.quantity),
    amount: Number(item.amount_total),
  }))
  const options = (
    session.shipping_options as { shipping_amount: number; shipping_rate: string }[]
  ).map((option) => ({
    id: option.shipping_rate,
    name: String(ctx.state.find(option.shipping_rate)?.display_name ?? 'Shipping'),
    amount: option.shipping_amount,
  }))
  const cost = session.shipping_cost as { shipping_rate: string } | null
  return pages.checkoutPage({
    action: `/c/pay/${session.id}`,
    currency: session.currency,
    total: session.amount_total,
    lines,
    cancelUrl: session.cancel_url,
    error,
    entered: Object.fromEntries(form),
    shippingCountries: session.shipping_address_collection?.allowed_countries ?? null,
    shippingOptions: options,
    chosenShipping: cost?.shipping_rate ?? null,
    bank: (session.payment_method_types as string[]).includes('us_bank_account'),
  })
}
