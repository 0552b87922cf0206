import { base, type ApiRoute, type EmulatorContext } from '../context'
import { newId } from '../ids'
import { listHandler } from '../list'
import { parseParams } from '../params'
import type { StripeObject } from '../state'
import type { EventSpec } from '../webhooks'
import { intentDataBySession, type CheckoutSession } from './checkout'

/** A PaymentIntent as stored, with the fields payments change. */
export interface PaymentIntent extends StripeObject {
  amount: number
  currency: string
  status: 'requires_payment_method' | 'processing' | 'succeeded' | 'canceled'
  latest_charge: string | null
  metadata: Record<string, string>
  transfer_group: string | null
}

/** A charge as stored, with the fields refunds, transfers and disputes change. */
export interface Charge extends StripeObject {
  amount: number
  amount_refunded: number
  currency: string
  payment_intent: string
  refunded: boolean
  disputed: boolean
  paid: boolean
  status: 'succeeded' | 'pending' | 'failed'
  balance_transaction: string | null
}

/** How a charge was paid: a test card's last four digits, or a test bank account's. */
export type PaymentMethodUsed = { type: 'card'; last4: string } | { type: 'bank'; last4: string }

/**
 * The session's PaymentIntent: the one an earlier declined attempt made, or a new one
 * (`payment_intent.created`, pushed onto the caller's batch). Stripe creates it when the
 * customer first confirms.
 */
export function intentFor(
  ctx: EmulatorContext,
  session: CheckoutSession,
  batch: EventSpec[],
): PaymentIntent {
  if (session.payment_intent) {
    return ctx.state.get(session.payment_intent, 'payment_intent') as PaymentIntent
  }
  const intentData = intentDataBySession.get(session) ?? {}
  const id = newId('pi')
  const intent = ctx.state.put({
    ...base(id, 'payment_intent', ctx.state.now()),
    allowed_payment_method_types: null,
    amount: session.amount_total,
    amount_capturable: 0,
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic_async',
    client_secret: `${id}_secret_${newId('x').slice(2)}`,
    confirmation_method: 'automatic',
    currency: session.currency,
    customer: null,
    customer_account: null,
    description: (intentData.description as string | undefined) ?? null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    managed_payments: null,
    metadata: { ...((intentData.metadata as Record<string, string> | undefined) ?? {}) },
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: session.payment_method_types as string[],
    payment_record: null,
    processing: null,
    receipt_email: session.customer_email,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'requires_payment_method',
    transfer_group: (intentData.transfer_group as string | undefined) ?? null,
  }) as PaymentIntent
  ctx.state.sessionByPaymentIntent.set(id, session.id)
  session.payment_intent = id
  batch.push(['payment_intent.created', intent])
  return intent
}

/** A new charge on an intent, in the state a card or bank attempt leaves it. */
export function newCharge(
  ctx: EmulatorContext,
  intent: PaymentIntent,
  session: CheckoutSession,
  method: PaymentMethodUsed,
  status: Charge['status'],
): Charge {
  const id = newId('ch')
  const paid = status === 'succeeded'
  const details =
    method.type === 'card'
      ? {
          card: {
            brand: 'visa',
            country: 'US',
            exp_month: 12,
            exp_year: 2034,
            funding: 'credit',
            last4: method.last4,
          },
          type: 'card',
        }
      : {
          type: 'us_bank_account',
          us_bank_account: {
            account_holder_type: 'individual',
            account_type: 'checking',
            bank_name: 'STRIPE TEST BANK',
            last4: method.last4,
            routing_number: '110000000',
          },
        }
  const charge = ctx.state.put({
    ...base(id, 'charge', ctx.state.now()),
    amount: intent.amount,
    amount_captured: paid ? intent.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: null,
    billing_details: { address: null, email: session.customer_email, name: null, phone: null },
    calculated_statement_descriptor: 'FAIRSTALL',
    captured: status !== 'failed',
    currency: intent.currency,
    customer: null,
    description: intent.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    metadata: { ...intent.metadata },
    on_behalf_of: null,
    outcome: null,
    paid,
    payment_intent: intent.id,
    payment_method: newId('pm'),
    payment_method_details: details,
    receipt_email: session.customer_email,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status,
    transfer_data: null,
    transfer_group: intent.transfer_group,
  }) as Charge
  intent.latest_charge = id
  intent.payment_method = charge.payment_method
  intent.payment_method_types = [method.type === 'card' ? 'card' : 'us_bank_account']
  return charge
}

/** Payment intents and charges: retrieve and list. */
export const chargeRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: /^\/v1\/payment_intents$/,
    handle: listHandler('payment_intent', '/v1/payment_intents'),
  },
  {
    method: 'GET',
    path: /^\/v1\/payment_intents\/([^/]+)$/,
    handle: (ctx, form, [id]) => (
      parseParams(form, {}),
      ctx.state.get(id as string, 'payment_intent', 'intent')
    ),
  },
  {
    method: 'GET',
    path: /^\/v1\/charges$/,
    handle: listHandler('charge', '/v1/charges', ['payment_intent', 'transfer_group']),
  },
  {
    method: 'GET',
    path: /^\/v1\/charges\/([^/]+)$/,
    handle: (ctx, form, [id]) => (
      parseParams(form, {}),
      ctx.state.get(id as string, 'charge', 'charge')
    ),
  },
]
