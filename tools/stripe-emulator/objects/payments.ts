import { base, type ApiRoute, type EmulatorContext } from '../context'
import { invalidParameter, invalidState, missingParameter } from '../errors'
import { newId, nowSeconds } from '../ids'
import { integer, metadata, parseParams, string } from '../params'
import type { StripeObject } from '../state'
import { intentDataBySession, type CheckoutSession } from './checkout'

/** A charge as stored, with the fields refunds and transfers change. */
export interface Charge extends StripeObject {
  amount: number
  amount_refunded: number
  currency: string
  payment_intent: string
  refunded: boolean
  disputed: boolean
  balance_transaction: string
}

/**
 * Stripe's fee on an amount: the percentage rounded half-up to a whole minor unit, plus the
 * fixed part. Integer arithmetic only, so 2.9 % of 1050 is exactly 30.45 → 30.
 */
export function processingFee(amount: number, fee: EmulatorContext['fee']): number {
  return Math.floor((amount * fee.bp + 5000) / 10000) + fee.fixedCents
}

function balanceTransaction(
  ctx: EmulatorContext,
  source: string,
  type: 'charge' | 'refund',
  amount: number,
  currency: string,
  fee: number,
) {
  const created = nowSeconds()
  const feeDetails = fee
    ? [
        {
          amount: fee,
          application: null,
          currency,
          description: 'Stripe processing fees',
          type: 'stripe_fee',
        },
      ]
    : []
  return ctx.state.put({
    ...base(newId('txn'), 'balance_transaction', created),
    amount,
    available_on: created + 2 * 24 * 60 * 60,
    currency,
    description: null,
    exchange_rate: null,
    fee,
    fee_details: feeDetails,
    net: amount - fee,
    reporting_category: type,
    source,
    status: 'pending',
    type,
  })
}

/**
 * Pays an open session with a card that succeeds: PaymentIntent, Charge and BalanceTransaction,
 * the session marked complete, and the events Stripe sends for it, in Stripe's order.
 * With `dispute`, the charge is then disputed (card 4000 0000 0000 0259).
 */
export function paySession(
  ctx: EmulatorContext,
  session: CheckoutSession,
  last4: string,
  dispute: boolean,
) {
  const created = nowSeconds()
  const { amount_total: amount, currency } = session
  const intentData = intentDataBySession.get(session) ?? {}
  const intentMetadata = (intentData.metadata as Record<string, string> | undefined) ?? {}
  const transferGroup = (intentData.transfer_group as string | undefined) ?? null
  const intentId = newId('pi')
  const chargeId = newId('ch')
  const txn = balanceTransaction(
    ctx,
    chargeId,
    'charge',
    amount,
    currency,
    processingFee(amount, ctx.fee),
  )
  const billing = {
    address: null,
    email: session.customer_email,
    name: null,
    phone: null,
  }
  const charge: Charge = ctx.state.put({
    ...base(chargeId, 'charge', created),
    amount,
    amount_captured: amount,
    amount_refunded: 0,
    balance_transaction: txn.id,
    billing_details: billing,
    captured: true,
    currency,
    description: (intentData.description as string | undefined) ?? null,
    disputed: false,
    metadata: { ...intentMetadata },
    outcome: {
      network_status: 'approved_by_network',
      risk_level: 'normal',
      seller_message: 'Payment complete.',
      type: 'authorized',
    },
    paid: true,
    payment_intent: intentId,
    payment_method: newId('pm'),
    payment_method_details: {
      card: {
        brand: 'visa',
        country: 'US',
        exp_month: 12,
        exp_year: 2034,
        funding: 'credit',
        last4,
      },
      type: 'card',
    },
    receipt_email: session.customer_email,
    refunded: false,
    status: 'succeeded',
    transfer_group: transferGroup,
  })
  const intent = ctx.state.put({
    ...base(intentId, 'payment_intent', created),
    amount,
    amount_capturable: 0,
    amount_received: amount,
    capture_method: 'automatic_async',
    client_secret: `${intentId}_secret_${newId('x').slice(2)}`,
    currency,
    customer: null,
    description: charge.description,
    latest_charge: chargeId,
    metadata: { ...intentMetadata },
    payment_method: charge.payment_method,
    payment_method_types: ['card'],
    receipt_email: session.customer_email,
    status: 'succeeded',
    transfer_group: transferGroup,
  })
  ctx.state.sessionByPaymentIntent.set(intentId, session.id)
  session.status = 'complete'
  session.payment_status = 'paid'
  session.payment_intent = intentId
  session.url = null
  session.customer_details = {
    email: session.customer_email,
    name: null,
    address: null,
    phone: null,
    tax_exempt: 'none',
  }
  ctx.events.emit(
    ['charge.succeeded', charge],
    ['payment_intent.succeeded', intent],
    ['checkout.session.completed', session],
  )
  if (dispute) disputeCharge(ctx, charge)
  return intent
}

function disputeCharge(ctx: EmulatorContext, charge: Charge) {
  charge.disputed = true
  const dispute = ctx.state.put({
    ...base(newId('du'), 'dispute', nowSeconds()),
    amount: charge.amount,
    balance_transactions: [],
    charge: charge.id,
    currency: charge.currency,
    evidence: {},
    evidence_details: {
      due_by: nowSeconds() + 7 * 24 * 60 * 60,
      has_evidence: false,
      past_due: false,
      submission_count: 0,
    },
    is_charge_refundable: false,
    metadata: {},
    payment_intent: charge.payment_intent,
    reason: 'fraudulent',
    status: 'needs_response',
  })
  ctx.events.emit(['charge.dispute.created', dispute])
}

/** Closes a dispute as won or lost (a test's stand-in for the card network's decision). */
export function closeDispute(ctx: EmulatorContext, id: string, status: 'won' | 'lost') {
  const dispute = ctx.state.get(id, 'dispute')
  if (dispute.status === 'won' || dispute.status === 'lost')
    throw invalidState('This dispute is already closed.')
  dispute.status = status
  ctx.events.emit(['charge.dispute.closed', dispute])
  return dispute
}

const refundSchema = {
  payment_intent: string(),
  charge: string(),
  amount: integer(1),
  metadata: metadata(),
  reason: string(['duplicate', 'fraudulent', 'requested_by_customer']),
}

function createRefund(ctx: EmulatorContext, form: Parameters<ApiRoute['handle']>[1]) {
  const params = parseParams(form, refundSchema)
  let chargeId = params.charge
  if (params.payment_intent) {
    const intent = ctx.state.get(params.payment_intent, 'payment_intent', 'payment_intent')
    chargeId = String(intent.latest_charge)
  }
  if (!chargeId) throw missingParameter('charge')
  const charge = ctx.state.get(chargeId, 'charge', 'charge') as Charge
  const remaining = charge.amount - charge.amount_refunded
  const amount = params.amount ?? remaining
  if (amount > remaining) {
    const message = `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`
    throw invalidParameter('amount', message, 'amount_too_large')
  }
  const refundId = newId('re')
  // Stripe keeps its processing fee on a refund: the refund's balance transaction has no fee.
  const txn = balanceTransaction(ctx, refundId, 'refund', -amount, charge.currency, 0)
  charge.amount_refunded += amount
  charge.refunded = charge.amount_refunded === charge.amount
  const refund = ctx.state.put({
    ...base(refundId, 'refund', nowSeconds()),
    amount,
    balance_transaction: txn.id,
    charge: charge.id,
    currency: charge.currency,
    metadata: params.metadata ?? {},
    payment_intent: charge.payment_intent,
    reason: params.reason ?? null,
    status: 'succeeded',
  })
  ctx.events.emit(['refund.created', refund], ['charge.refunded', charge])
  return refund
}

const retrieve = (object: string, param: string): ApiRoute['handle'] => {
  return (ctx, form, [id]) => {
    parseParams(form, {})
    return ctx.state.get(id as string, object, param)
  }
}

/** Payment intents, charges, balance transactions, refunds and disputes. */
export const paymentRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: /^\/v1\/payment_intents\/([^/]+)$/,
    handle: retrieve('payment_intent', 'intent'),
  },
  {
    method: 'GET',
    path: /^\/v1\/charges\/([^/]+)$/,
    handle: retrieve('charge', 'charge'),
  },
  {
    method: 'GET',
    path: /^\/v1\/balance_transactions\/([^/]+)$/,
    handle: retrieve('balance_transaction', 'id'),
  },
  {
    method: 'GET',
    path: /^\/v1\/refunds\/([^/]+)$/,
    handle: retrieve('refund', 'refund'),
  },
  {
    method: 'GET',
    path: /^\/v1\/disputes\/([^/]+)$/,
    handle: retrieve('dispute', 'dispute'),
  },
  {
    method: 'GET',
    path: /^\/v1\/events\/([^/]+)$/,
    handle: retrieve('event', 'id'),
  },
  { method: 'POST', path: /^\/v1\/refunds$/, handle: createRefund },
]
