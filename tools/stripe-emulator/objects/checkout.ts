import { base, type ApiRoute, type EmulatorContext } from '../context'
import { invalidState } from '../errors'
import type { FormObject } from '../form'
import { newId } from '../ids'
import { listHandler, pageParams, paginate } from '../list'
import { parseParams } from '../params'
import type { StripeObject } from '../state'
import { createSchema, shippingOptions } from './checkout-params'
import { checkTotal, paymentMethods, sessionCurrency } from './checkout-rules'

export type { ShippingDetails } from './checkout-params'

/** Sessions live 24 hours unless `expires_at` says otherwise, as at Stripe. */
const DEFAULT_LIFETIME_SECONDS = 24 * 60 * 60

/** A Checkout Session as stored (the fields the emulator changes are typed). */
export interface CheckoutSession extends StripeObject {
  status: 'open' | 'complete' | 'expired'
  payment_status: 'unpaid' | 'paid'
  amount_total: number
  currency: string
  success_url: string | null
  cancel_url: string | null
  payment_intent: string | null
  url: string | null
  expires_at: number
  customer_email: string | null
  metadata: Record<string, string>
  shipping_address_collection: { allowed_countries: string[] } | null
}

/**
 * What the session's future PaymentIntent will carry (Stripe's `payment_intent_data`). Kept
 * beside the session because Stripe does not show it on the session object.
 */
export const intentDataBySession = new WeakMap<CheckoutSession, Record<string, unknown>>()

function createSession(ctx: EmulatorContext, form: FormObject) {
  const params = parseParams(form, createSchema)
  const currency = sessionCurrency(params.line_items)
  const id = newId('cs_test', 58)
  const created = ctx.state.now()
  const items = params.line_items.map((line) => {
    const amount = line.price_data.unit_amount * line.quantity
    const product = line.price_data.product_data
    return {
      id: newId('li'),
      object: 'item',
      adjustable_quantity: null,
      amount_discount: 0,
      amount_subtotal: amount,
      amount_tax: 0,
      amount_total: amount,
      currency,
      description: product.name,
      metadata: {},
      price: {
        ...base(newId('price'), 'price', created),
        active: false,
        billing_scheme: 'per_unit',
        currency,
        custom_unit_amount: null,
        lookup_key: null,
        metadata: {},
        nickname: null,
        product: newId('prod'),
        recurring: null,
        tax_behavior: line.price_data.tax_behavior ?? 'unspecified',
        tiers_mode: null,
        transform_quantity: null,
        type: 'one_time',
        unit_amount: line.price_data.unit_amount,
        unit_amount_decimal: String(line.price_data.unit_amount),
      },
      quantity: line.quantity,
    }
  })
  const subtotal = items.reduce((sum, item) => sum + item.amount_total, 0)
  const options = shippingOptions(ctx, params.shipping_options ?? [], currency)
  // Checkout preselects the first shipping option; the page may change it.
  const chosen = options[0]
  const shipping = chosen?.shipping_amount ?? 0
  const total = subtotal + shipping
  checkTotal(total, currency)
  const session: CheckoutSession = {
    ...base(id, 'checkout.session', created),
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: params.allow_promotion_codes ?? null,
    allowed_payment_method_types: params.allowed_payment_method_types ?? null,
    amount_subtotal: subtotal,
    amount_total: total,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: params.billing_address_collection ?? null,
    cancel_url: params.cancel_url ?? null,
    client_reference_id: params.client_reference_id ?? null,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: {
      after_submit: null,
      shipping_address: null,
      submit: null,
      terms_of_service_acceptance: null,
    },
    customer: null,
    customer_account: null,
    customer_creation: 'if_required',
    customer_details: null,
    customer_email: params.customer_email ?? null,
    discounts: [],
    expires_at: params.expires_at ?? created + DEFAULT_LIFETIME_SECONDS,
    integration_identifier: null,
    invoice: null,
    invoice_creation: null,
    locale: params.locale ?? null,
    managed_payments: null,
    metadata: params.metadata ?? {},
    mode: params.mode,
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: 'if_required',
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: paymentMethods(params),
    payment_status: 'unpaid',
    permissions: null,
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: params.shipping_address_collection ?? null,
    shipping_cost: chosen
      ? {
          amount_subtotal: shipping,
          amount_tax: 0,
          amount_total: shipping,
          shipping_rate: chosen.shipping_rate,
        }
      : null,
    shipping_options: options,
    status: 'open',
    submit_type: params.submit_type ?? null,
    subscription: null,
    success_url: params.success_url ?? null,
    total_details: { amount_discount: 0, amount_shipping: shipping, amount_tax: 0 },
    ui_mode: 'hosted',
    url: `${ctx.baseUrl}/c/pay/${id}`,
    wallet_options: null,
  }
  ctx.state.lineItems.set(id, items as unknown as StripeObject[])
  intentDataBySession.set(session, params.payment_intent_data ?? {})
  return ctx.state.put(session)
}

/** The session with this id; sweeps expiry first so a stale session never reads as open. */
export function getSession(ctx: EmulatorContext, id: string, param = 'session'): CheckoutSession {
  expireDueSessions(ctx)
  return ctx.state.get(id, 'checkout.session', param) as CheckoutSession
}

/** Closes a session without payment (`checkout.session.expired`); its intent is canceled. */
export function expireSession(ctx: EmulatorContext, session: CheckoutSession): CheckoutSession {
  session.status = 'expired'
  session.url = null
  const intent = session.payment_intent ? ctx.state.find(session.payment_intent) : undefined
  if (intent && intent.status === 'requires_payment_method') {
    intent.status = 'canceled'
    intent.canceled_at = ctx.state.now()
    intent.cancellation_reason = 'abandoned'
    ctx.events.emit(['payment_intent.canceled', intent], ['checkout.session.expired', session])
  } else ctx.events.emit(['checkout.session.expired', session])
  return session
}

/** Expires every open session whose `expires_at` has passed (Stripe does this on a timer). */
export function expireDueSessions(ctx: EmulatorContext): void {
  const now = ctx.state.now()
  for (const object of ctx.state.objects.values()) {
    if (object.object !== 'checkout.session') continue
    const session = object as CheckoutSession
    if (session.status === 'open' && session.expires_at <= now) expireSession(ctx, session)
  }
}

/** Checkout Session endpoints. */
export const checkoutRoutes: ApiRoute[] = [
  { method: 'POST', path: /^\/v1\/checkout\/sessions$/, handle: createSession },
  {
    method: 'GET',
    path: /^\/v1\/checkout\/sessions$/,
    handle: (ctx, form) => {
      expireDueSessions(ctx)
      return listHandler('checkout.session', '/v1/checkout/sessions', ['payment_intent', 'status'])(
        ctx,
        form,
      )
    },
  },
  {
    method: 'GET',
    path: /^\/v1\/checkout\/sessions\/([^/]+)$/,
    handle: (ctx, form, [id]) => {
      parseParams(form, {})
      return getSession(ctx, id as string)
    },
  },
  {
    method: 'GET',
    path: /^\/v1\/checkout\/sessions\/([^/]+)\/line_items$/,
    handle: (ctx, form, [id]) => {
      const params = parseParams(form, pageParams)
      const session = getSession(ctx, id as string)
      const items = ctx.state.lineItems.get(session.id) ?? []
      return paginate(items, params, `/v1/checkout/sessions/${session.id}/line_items`)
    },
  },
  {
    method: 'POST',
    path: /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/,
    handle: (ctx, form, [id]) => {
      parseParams(form, {})
      const session = getSession(ctx, id as string)
      if (session.status !== 'open') {
        const message = `Only Checkout Sessions with a status of \`open\` can be expired. This Checkout Session has a status of \`${session.status}\`.`
        throw invalidState(message, 'checkout_session_not_open')
      }
      return expireSession(ctx, session)
    },
  },
]
