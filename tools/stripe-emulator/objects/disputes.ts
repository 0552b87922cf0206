import { base, type ApiRoute, type EmulatorContext } from '../context'
import { invalidState } from '../errors'
import type { FormObject } from '../form'
import { newId } from '../ids'
import { listHandler } from '../list'
import { boolean, metadata, object, parseParams, string, type Schema } from '../params'
import type { StripeObject } from '../state'
import { bookBalance, DISPUTE_FEE } from './balance'
import type { Charge } from './charges'

/** The evidence fields the emulator accepts (text fields of Stripe's `evidence` hash). */
const EVIDENCE_FIELDS = [
  'access_activity_log',
  'billing_address',
  'cancellation_policy_disclosure',
  'cancellation_rebuttal',
  'customer_communication',
  'customer_email_address',
  'customer_name',
  'customer_purchase_ip',
  'duplicate_charge_explanation',
  'product_description',
  'receipt',
  'refund_policy',
  'refund_policy_disclosure',
  'refund_refusal_explanation',
  'service_date',
  'service_documentation',
  'shipping_address',
  'shipping_carrier',
  'shipping_date',
  'shipping_documentation',
  'shipping_tracking_number',
  'uncategorized_text',
] as const

/** Days a merchant has to answer a dispute before it is lost. */
const RESPONSE_DAYS = 7

interface Dispute extends StripeObject {
  amount: number
  currency: string
  status: 'needs_response' | 'under_review' | 'won' | 'lost'
  evidence: Record<string, string | null>
  evidence_details: {
    due_by: number
    has_evidence: boolean
    past_due: boolean
    submission_count: number
  }
  balance_transactions: StripeObject[]
}

const isClosed = (dispute: Dispute) => dispute.status === 'won' || dispute.status === 'lost'

/**
 * The card network opens a dispute on a charge: `charge.dispute.created`, then the disputed
 * amount and Stripe's dispute fee leave the balance (`charge.dispute.funds_withdrawn`).
 */
export function disputeCharge(ctx: EmulatorContext, charge: Charge): StripeObject {
  charge.disputed = true
  const now = ctx.state.now()
  const id = newId('du')
  const withdrawn = bookBalance(ctx, {
    source: id,
    type: 'adjustment',
    category: 'dispute',
    amount: -charge.amount,
    currency: charge.currency,
    fee: DISPUTE_FEE,
    feeDescription: 'Dispute fee',
  })
  const dispute = ctx.state.put({
    ...base(id, 'dispute', now),
    amount: charge.amount,
    balance_transactions: [structuredClone(withdrawn)],
    charge: charge.id,
    currency: charge.currency,
    enhanced_eligibility_types: [],
    evidence: Object.fromEntries(EVIDENCE_FIELDS.map((field) => [field, null])),
    evidence_details: {
      due_by: now + RESPONSE_DAYS * 24 * 60 * 60,
      enhanced_eligibility: {},
      has_evidence: false,
      past_due: false,
      submission_count: 0,
    },
    intended_submission_method: null,
    is_charge_refundable: false,
    metadata: {},
    network_reason_code: '10.4',
    payment_intent: charge.payment_intent,
    payment_method_details: {
      card: { brand: 'visa', case_type: 'chargeback', network_reason_code: '10.4' },
      type: 'card',
    },
    reason: 'fraudulent',
    status: 'needs_response',
  })
  ctx.events.emit(['charge.dispute.created', dispute], ['charge.dispute.funds_withdrawn', dispute])
  return dispute
}

function refuseIfClosed(dispute: Dispute) {
  if (isClosed(dispute))
    throw invalidState('This dispute is already closed.', 'dispute_already_closed')
}

const evidenceSchema: Schema = Object.fromEntries(EVIDENCE_FIELDS.map((field) => [field, string()]))
const updateSchema = { evidence: object(evidenceSchema), metadata: metadata(), submit: boolean() }

/** `POST /v1/disputes/:id`: stage or submit evidence (Stripe submits unless `submit=false`). */
function updateDispute(ctx: EmulatorContext, form: FormObject, id: string) {
  const params = parseParams(form, updateSchema)
  const dispute = ctx.state.get(id, 'dispute', 'dispute') as Dispute
  refuseIfClosed(dispute)
  if (dispute.status === 'under_review' && params.evidence) {
    throw invalidState(
      'This dispute has already been submitted; evidence can no longer be changed.',
      'dispute_already_submitted',
    )
  }
  const previous = { evidence: { ...dispute.evidence }, status: dispute.status }
  Object.assign(dispute.evidence, params.evidence ?? {})
  if (params.metadata) dispute.metadata = { ...(dispute.metadata as object), ...params.metadata }
  const details = dispute.evidence_details
  details.has_evidence = Object.values(dispute.evidence).some((value) => value !== null)
  if (params.submit ?? true) {
    dispute.status = 'under_review'
    details.submission_count += 1
  }
  ctx.events.emit(['charge.dispute.updated', dispute, previous])
  return dispute
}

/**
 * Closes a dispute as the card network decides (a test's control). Won: the amount and the fee
 * come back (`charge.dispute.funds_reinstated`). Lost: the funds stay withdrawn.
 */
export function closeDispute(ctx: EmulatorContext, id: string, status: 'won' | 'lost') {
  const dispute = ctx.state.get(id, 'dispute') as Dispute
  refuseIfClosed(dispute)
  dispute.status = status
  if (status === 'lost') {
    ctx.events.emit(['charge.dispute.closed', dispute])
    return dispute
  }
  const reinstated = bookBalance(ctx, {
    source: dispute.id,
    type: 'adjustment',
    category: 'dispute_reversal',
    amount: dispute.amount,
    currency: dispute.currency,
    fee: -DISPUTE_FEE,
    feeDescription: 'Dispute fee refund',
  })
  dispute.balance_transactions.push(structuredClone(reinstated))
  ctx.events.emit(['charge.dispute.closed', dispute], ['charge.dispute.funds_reinstated', dispute])
  return dispute
}

/** Disputes: retrieve, list, update (evidence), close (accept the loss). */
export const disputeRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: /^\/v1\/disputes$/,
    handle: listHandler('dispute', '/v1/disputes', ['charge', 'payment_intent']),
  },
  {
    method: 'GET',
    path: /^\/v1\/disputes\/([^/]+)$/,
    handle: (ctx, form, [id]) => (
      parseParams(form, {}),
      ctx.state.get(id as string, 'dispute', 'dispute')
    ),
  },
  {
    method: 'POST',
    path: /^\/v1\/disputes\/([^/]+)$/,
    handle: (ctx, form, [id]) => updateDispute(ctx, form, id as string),
  },
  {
    method: 'POST',
    path: /^\/v1\/disputes\/([^/]+)\/close$/,
    handle: (ctx, form, [id]) => {
      parseParams(form, {})
      return closeDispute(ctx, id as string, 'lost')
    },
  },
]
