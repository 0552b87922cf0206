import { base, type ApiRoute, type EmulatorContext } from '../context'
import { newId } from '../ids'
import { listHandler, newestFirst } from '../list'
import { parseParams } from '../params'
import type { StripeObject } from '../state'

/** Card funds become available two days after the charge, as on a new Stripe account. */
export const CARD_AVAILABILITY_SECONDS = 2 * 24 * 60 * 60

/** Stripe's fee on a dispute (USD 15.00), taken with the disputed amount. */
export const DISPUTE_FEE = 1500

/** What a balance transaction moves; the names are Stripe's `type` values. */
export type BalanceType =
  | 'charge'
  | 'payment'
  | 'refund'
  | 'transfer'
  | 'transfer_refund'
  | 'adjustment'
  | 'payment_failure_refund'

/** A balance transaction as stored. */
export interface BalanceTransaction extends StripeObject {
  amount: number
  available_on: number
  currency: string
  fee: number
  net: number
  status: 'pending' | 'available'
}

/** What one balance transaction records. */
export interface BalanceEntry {
  source: string
  type: BalanceType
  amount: number
  currency: string
  /** Stripe's fee, kept out of `net`; and what the fee is for. */
  fee?: number
  feeDescription?: string
  /** `reporting_category` when it is not the type itself (`dispute`, `dispute_reversal`). */
  category?: string
  /** Seconds until the funds are available; 0 (the default) moves the available balance now. */
  availableAfter?: number
}

/**
 * Books one movement of the platform's balance: charges are pending until `available_on`,
 * everything that takes money out (refunds, transfers, disputes) is available at once.
 */
export function bookBalance(ctx: EmulatorContext, entry: BalanceEntry): BalanceTransaction {
  const created = ctx.state.now()
  const fee = entry.fee ?? 0
  const availableOn = created + (entry.availableAfter ?? 0)
  const feeDetails = fee
    ? [
        {
          amount: fee,
          application: null,
          currency: entry.currency,
          description: entry.feeDescription ?? 'Stripe processing fees',
          type: 'stripe_fee',
        },
      ]
    : []
  return ctx.state.put({
    ...base(newId('txn'), 'balance_transaction', created),
    amount: entry.amount,
    available_on: availableOn,
    balance_type: 'payments',
    currency: entry.currency,
    description: null,
    exchange_rate: null,
    fee,
    fee_details: feeDetails,
    net: entry.amount - fee,
    reporting_category: entry.category ?? entry.type,
    source: entry.source,
    status: availableOn > created ? 'pending' : 'available',
    type: entry.type,
  })
}

/** Marks pending transactions whose `available_on` has come as available (Stripe's daily roll). */
export function settleBalance(ctx: EmulatorContext): void {
  const now = ctx.state.now()
  for (const txn of balanceTransactions(ctx)) {
    if (txn.status === 'pending' && txn.available_on <= now) txn.status = 'available'
  }
}

/** The platform's available balance in a currency, in minor units (may be negative). */
export function availableBalance(ctx: EmulatorContext, currency: string): number {
  settleBalance(ctx)
  return balanceTransactions(ctx)
    .filter((txn) => txn.currency === currency && txn.status === 'available')
    .reduce((sum, txn) => sum + txn.net, 0)
}

function balanceTransactions(ctx: EmulatorContext): BalanceTransaction[] {
  return newestFirst(ctx.state.objects, 'balance_transaction') as BalanceTransaction[]
}

/** `GET /v1/balance`: available and pending funds per currency, as Stripe sums them. */
function getBalance(ctx: EmulatorContext) {
  settleBalance(ctx)
  const sums = new Map<string, { available: number; pending: number }>()
  for (const txn of balanceTransactions(ctx)) {
    const sum = sums.get(txn.currency) ?? { available: 0, pending: 0 }
    sum[txn.status] += txn.net
    sums.set(txn.currency, sum)
  }
  if (sums.size === 0) sums.set('usd', { available: 0, pending: 0 })
  const part = (key: 'available' | 'pending') =>
    [...sums].map(([currency, sum]) => ({
      amount: sum[key],
      currency,
      source_types: { card: sum[key] },
    }))
  return {
    object: 'balance',
    available: part('available'),
    livemode: false,
    pending: part('pending'),
  }
}

/** The balance and its transactions. */
export const balanceRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: /^\/v1\/balance$/,
    handle: (ctx, form) => (parseParams(form, {}), getBalance(ctx)),
  },
  {
    method: 'GET',
    path: /^\/v1\/balance_transactions$/,
    handle: (ctx, form) => {
      settleBalance(ctx)
      return listHandler('balance_transaction', '/v1/balance_transactions', [
        'type',
        'source',
        'currency',
      ])(ctx, form)
    },
  },
  {
    method: 'GET',
    path: /^\/v1\/balance_transactions\/([^/]+)$/,
    handle: (ctx, form, [id]) => {
      parseParams(form, {})
      settleBalance(ctx)
      return ctx.state.get(id as string, 'balance_transaction', 'id')
    },
  },
]
