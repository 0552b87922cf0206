import { base, type ApiRoute, type EmulatorContext } from '../context'
import { invalidParameter, invalidState } from '../errors'
import { lineItemList } from '../expand'
import { newId, nowSeconds } from '../ids'
import { array, boolean, integer, metadata, object, parseParams, required, string } from '../params'
import type { StripeObject } from '../state'

/** Sessions live 24 hours unless `expires_at` says otherwise, as at Stripe. */
const DEFAULT_LIFETIME_SECONDS = 24 * 60 * 60

const createSchema = {
  mode: required(string(['payment'])),
  line_items: required(
    array(
      object({
        quantity: required(integer(1)),
        price_data: required(
          object({
            currency: required(string()),
            unit_amount: required(integer(0)),
            tax_behavior: string(['exclusive', 'inclusive', 'unspecified']),
            product_data: required(
              object({
                name: required(string()),
                description: string(),
                images: array(string()),
                metadata: metadata(),
              }),
            ),
          }),
        ),
      }),
    ),
  ),
  success_url: string(),
  cancel_url: string(),
  client_reference_id: string(),
  customer_email: string(),
  metadata: metadata(),
  expires_at: integer(),
  locale: string(),
  submit_type: string(['auto', 'book', 'donate', 'pay']),
  payment_method_types: array(string()),
  allow_promotion_codes: boolean(),
  billing_address_collection: string(['auto', 'required']),
  shipping_address_collection: object({
    allowed_countries: required(array(string())),
  }),
  payment_intent_data: object({
    transfer_group: string(),
    metadata: metadata(),
    description: string(),
    receipt_email: string(),
    statement_descriptor_suffix: string(),
  }),
}

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
}

/**
 * What the session's future PaymentIntent will carry (Stripe's `payment_intent_data`). Kept
 * beside the session because Stripe does not show it on the session object.
 */
export const intentDataBySession = new WeakMap<CheckoutSession, Record<string, unknown>>()

function createSession(ctx: EmulatorContext, form: Parameters<ApiRoute['handle']>[1]) {
  const params = parseParams(form, createSchema)
  const currencies = new Set(
    params.line_items.map((line) => line.price_data.currency.toLowerCase()),
  )
  if (currencies.size !== 1) {
    const message = 'All line items must use the same currency.'
    throw invalidParameter('line_items', message)
  }
  const currency = [...currencies][0] as string
  const id = newId('cs_test', 58)
  const created = nowSeconds()
  const items = params.line_items.map((line) => {
    const amount = line.price_data.unit_amount * line.quantity
    const product = line.price_data.product_data
    return {
      id: newId('li'),
      object: 'item',
      amount_discount: 0,
      amount_subtotal: amount,
      amount_tax: 0,
      amount_total: amount,
      currency,
      description: product.name,
      price: {
        ...base(newId('price'), 'price', created),
        active: false,
        currency,
        metadata: {},
        product: newId('prod'),
        type: 'one_time',
        unit_amount: line.price_data.unit_amount,
      },
      quantity: line.quantity,
    }
  })
  const total = items.reduce((sum, item) => sum + item.amount_total, 0)
  const session: CheckoutSession = {
    ...base(id, 'checkout.session', created),
    amount_subtotal: total,
    amount_total: total,
    cancel_url: params.cancel_url ?? null,
    client_reference_id: params.client_reference_id ?? null,
    currency,
    customer: null,
    customer_details: null,
    customer_email: params.customer_email ?? null,
    expires_at: params.expires_at ?? created + DEFAULT_LIFETIME_SECONDS,
    locale: params.locale ?? null,
    metadata: params.metadata ?? {},
    mode: params.mode,
    payment_intent: null,
    payment_method_types: params.payment_method_types ?? ['card'],
    payment_status: 'unpaid',
    status: 'open',
    submit_type: params.submit_type ?? null,
    success_url: params.success_url ?? null,
    ui_mode: 'hosted',
    url: `${ctx.baseUrl}/c/pay/${id}`,
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

/** Closes a session without payment and emits `checkout.session.expired`. */
export function expireSession(ctx: EmulatorContext, session: CheckoutSession): CheckoutSession {
  session.status = 'expired'
  session.url = null
  ctx.events.emit(['checkout.session.expired', session])
  return session
}

/** Expires every open session whose `expires_at` has passed (Stripe does this on a timer). */
export function expireDueSessions(ctx: EmulatorContext): void {
  const now = nowSeconds()
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
      parseParams(form, {
        limit: integer(1),
        starting_after: string(),
        ending_before: string(),
      })
      return lineItemList(ctx.state, getSession(ctx, id as string).id)
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
