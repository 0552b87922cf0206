import { base, type ApiRoute, type EmulatorContext } from '../context'
import { formatAmount } from '../currencies'
import { invalidParameter, invalidState, missingParameter } from '../errors'
import type { FormObject } from '../form'
import { newId } from '../ids'
import { listHandler } from '../list'
import { integer, metadata, parseParams, string } from '../params'
import { bookBalance } from './balance'
import type { Charge } from './charges'

const refundSchema = {
  payment_intent: string(),
  charge: string(),
  amount: integer(1),
  metadata: metadata(),
  reason: string(['duplicate', 'fraudulent', 'requested_by_customer']),
}

/** Why Stripe would refuse to refund this charge now, if it would. */
function refusal(ctx: EmulatorContext, charge: Charge) {
  if (charge.refunded) {
    const message = `Charge ${charge.id} has already been refunded.`
    return invalidState(message, 'charge_already_refunded', 'charge')
  }
  const dispute = [...ctx.state.objects.values()].find(
    (o) => o.object === 'dispute' && o.charge === charge.id,
  )
  // A disputed payment is settled by the dispute: the bank already took (or holds) the funds.
  if (dispute && dispute.status !== 'won') {
    const message = `Charge ${charge.id} has been charged back; cannot issue a refund.`
    return invalidState(message, 'charge_disputed', 'charge')
  }
  if (charge.status === 'failed') {
    const message = `Charge ${charge.id} failed, so there is nothing to refund.`
    return invalidState(message, 'charge_not_refundable', 'charge')
  }
  return undefined
}

function createRefund(ctx: EmulatorContext, form: FormObject) {
  const params = parseParams(form, refundSchema)
  let chargeId = params.charge
  if (params.payment_intent) {
    const intent = ctx.state.get(params.payment_intent, 'payment_intent', 'payment_intent')
    if (typeof intent.latest_charge !== 'string') {
      const message = `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`
      throw invalidState(message, 'charge_not_refundable', 'payment_intent')
    }
    chargeId = intent.latest_charge
  }
  if (!chargeId) throw missingParameter('charge')
  const charge = ctx.state.get(chargeId, 'charge', 'charge') as Charge
  const refused = refusal(ctx, charge)
  if (refused) throw refused
  const remaining = charge.amount - charge.amount_refunded
  const amount = params.amount ?? remaining
  if (amount > remaining) {
    const asked = formatAmount(amount, charge.currency)
    const left = formatAmount(remaining, charge.currency)
    const message = `Refund amount (${asked}) is greater than unrefunded amount on charge (${left})`
    throw invalidParameter('amount', message, 'amount_too_large')
  }
  const refundId = newId('re')
  // Stripe keeps its processing fee on a refund: the refund's balance transaction has no fee.
  const txn = bookBalance(ctx, {
    source: refundId,
    type: 'refund',
    amount: -amount,
    currency: charge.currency,
  })
  charge.amount_refunded += amount
  charge.refunded = charge.amount_refunded === charge.amount
  const refund = ctx.state.put({
    ...base(refundId, 'refund', ctx.state.now()),
    amount,
    balance_transaction: txn.id,
    charge: charge.id,
    currency: charge.currency,
    customer: null,
    customer_account: null,
    metadata: params.metadata ?? {},
    payment_intent: charge.payment_intent,
    payment_method: charge.payment_method,
    reason: params.reason ?? null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  })
  ctx.events.emit(['refund.created', refund], ['charge.refunded', charge])
  return refund
}

/** Refunds: create, retrieve, list. */
export const refundRoutes: ApiRoute[] = [
  { method: 'POST', path: /^\/v1\/refunds$/, handle: createRefund },
  {
    method: 'GET',
    path: /^\/v1\/refunds$/,
    handle: listHandler('refund', '/v1/refunds', ['charge', 'payment_intent']),
  },
  {
    method: 'GET',
    path: /^\/v1\/refunds\/([^/]+)$/,
    handle: (ctx, form, [id]) => (
      parseParams(form, {}),
      ctx.state.get(id as string, 'refund', 'refund')
    ),
  },
]
