import type { EmulatorContext } from '../context'
import { bookBalance, CARD_AVAILABILITY_SECONDS } from './balance'
import { intentFor, newCharge, type Charge, type PaymentIntent } from './charges'
import type { EventSpec } from '../webhooks'
import type { CheckoutSession, ShippingDetails } from './checkout'
import { disputeCharge } from './disputes'

/** A bank debit settles about four business days after it starts; the clock can skip ahead. */
export const BANK_SETTLEMENT_SECONDS = 4 * 24 * 60 * 60

/** A payment started by a delayed method, waiting for the bank's answer. */
interface PendingDebit {
  session: CheckoutSession
  charge: Charge
  outcome: 'succeeded' | 'failed'
  settlesAt: number
}

const pendingDebits = new WeakMap<EmulatorContext, Map<string, PendingDebit>>()

/**
 * Stripe's fee on an amount: the percentage rounded half-up to a whole minor unit, plus the
 * fixed part. Integer arithmetic only, so 2.9 % of 1050 is exactly 30.45 → 30.
 */
export function processingFee(amount: number, fee: EmulatorContext['fee']): number {
  return Math.floor((amount * fee.bp + 5000) / 10000) + fee.fixedCents
}

function completeSession(
  ctx: EmulatorContext,
  session: CheckoutSession,
  shipping: ShippingDetails | null,
) {
  session.status = 'complete'
  session.url = null
  session.customer_details = {
    address: shipping?.address ?? null,
    business_name: null,
    email: session.customer_email,
    individual_name: null,
    name: shipping?.name ?? null,
    phone: null,
    tax_exempt: 'none',
    tax_ids: [],
  }
  if (shipping)
    session.collected_information = {
      business_name: null,
      individual_name: null,
      shipping_details: shipping,
    }
}

/** Books a successful charge: its balance transaction (pending two days), the intent paid. */
function chargeSucceeded(ctx: EmulatorContext, intent: PaymentIntent, charge: Charge) {
  const txn = bookBalance(ctx, {
    source: charge.id,
    type:
      charge.payment_method_details &&
      (charge.payment_method_details as { type: string }).type === 'card'
        ? 'charge'
        : 'payment',
    amount: charge.amount,
    currency: charge.currency,
    fee: processingFee(charge.amount, ctx.fee),
    availableAfter: CARD_AVAILABILITY_SECONDS,
  })
  charge.status = 'succeeded'
  charge.paid = true
  charge.captured = true
  charge.amount_captured = charge.amount
  charge.balance_transaction = txn.id
  charge.outcome = {
    network_status: 'approved_by_network',
    reason: null,
    risk_level: 'normal',
    seller_message: 'Payment complete.',
    type: 'authorized',
  }
  intent.status = 'succeeded'
  intent.amount_received = intent.amount
  intent.last_payment_error = null
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
  shipping: ShippingDetails | null = null,
): PaymentIntent {
  const batch: EventSpec[] = []
  const intent = intentFor(ctx, session, batch)
  const charge = newCharge(ctx, intent, session, { type: 'card', last4 }, 'succeeded')
  chargeSucceeded(ctx, intent, charge)
  intent.shipping = shipping
  charge.shipping = shipping
  session.payment_status = 'paid'
  completeSession(ctx, session, shipping)
  ctx.events.emit(
    ...batch,
    ['charge.succeeded', charge],
    ['payment_intent.succeeded', intent],
    ['checkout.session.completed', session],
  )
  if (dispute) disputeCharge(ctx, charge)
  return intent
}

/**
 * A card the issuer declines: the intent (created on the first attempt) keeps waiting for a
 * payment method, a failed charge records the attempt, and the session stays open.
 */
export function declineOnSession(
  ctx: EmulatorContext,
  session: CheckoutSession,
  last4: string,
  decline: { code: string; message: string },
): PaymentIntent {
  const batch: EventSpec[] = []
  const intent = intentFor(ctx, session, batch)
  const charge = newCharge(ctx, intent, session, { type: 'card', last4 }, 'failed')
  charge.failure_code = 'card_declined'
  charge.failure_message = decline.message
  charge.outcome = {
    network_status: 'declined_by_network',
    reason: decline.code,
    risk_level: 'normal',
    seller_message: 'The bank did not return any further details with this decline.',
    type: 'issuer_declined',
  }
  intent.status = 'requires_payment_method'
  intent.last_payment_error = {
    charge: charge.id,
    code: 'card_declined',
    decline_code: decline.code,
    message: decline.message,
    type: 'card_error',
  }
  ctx.events.emit(...batch, ['charge.failed', charge], ['payment_intent.payment_failed', intent])
  return intent
}

/**
 * A delayed method (a US bank debit): the session completes unpaid now, and the payment
 * succeeds or fails when the bank answers (the clock reaches `settlesAt`, or a control says so).
 */
export function startBankDebit(
  ctx: EmulatorContext,
  session: CheckoutSession,
  last4: string,
  outcome: PendingDebit['outcome'],
  shipping: ShippingDetails | null = null,
): PaymentIntent {
  const batch: EventSpec[] = []
  const intent = intentFor(ctx, session, batch)
  const charge = newCharge(ctx, intent, session, { type: 'bank', last4 }, 'pending')
  intent.status = 'processing'
  intent.shipping = shipping
  charge.shipping = shipping
  completeSession(ctx, session, shipping)
  const debits = pendingDebits.get(ctx) ?? new Map<string, PendingDebit>()
  pendingDebits.set(ctx, debits)
  debits.set(intent.id, {
    session,
    charge,
    outcome,
    settlesAt: ctx.state.now() + BANK_SETTLEMENT_SECONDS,
  })
  ctx.events.emit(
    ...batch,
    ['charge.pending', charge],
    ['payment_intent.processing', intent],
    ['checkout.session.completed', session],
  )
  return intent
}

/** Settles a pending bank debit now, with its own outcome or the one given. False if none. */
export function settleBankDebit(
  ctx: EmulatorContext,
  intentId: string,
  outcome?: PendingDebit['outcome'],
): boolean {
  const debit = pendingDebits.get(ctx)?.get(intentId)
  if (!debit) return false
  pendingDebits.get(ctx)?.delete(intentId)
  const intent = ctx.state.get(intentId, 'payment_intent') as PaymentIntent
  const { charge, session } = debit
  if ((outcome ?? debit.outcome) === 'succeeded') {
    chargeSucceeded(ctx, intent, charge)
    session.payment_status = 'paid'
    ctx.events.emit(
      ['charge.succeeded', charge],
      ['payment_intent.succeeded', intent],
      ['checkout.session.async_payment_succeeded', session],
    )
    return true
  }
  charge.status = 'failed'
  charge.failure_code = 'account_closed'
  charge.failure_message = "The customer's bank account has been closed."
  intent.status = 'requires_payment_method'
  intent.last_payment_error = {
    charge: charge.id,
    code: 'payment_method_provider_decline',
    message: charge.failure_message,
    type: 'invalid_request_error',
  }
  ctx.events.emit(
    ['charge.failed', charge],
    ['payment_intent.payment_failed', intent],
    ['checkout.session.async_payment_failed', session],
  )
  return true
}

/** Settles every bank debit whose time has come (after a clock advance, say). */
export function settleDueDebits(ctx: EmulatorContext): void {
  const now = ctx.state.now()
  for (const [intentId, debit] of pendingDebits.get(ctx) ?? []) {
    if (debit.settlesAt <= now) settleBankDebit(ctx, intentId)
  }
}
