import { base, type ApiRoute, type EmulatorContext } from '../context'
import { invalidParameter, invalidState, resourceMissing } from '../errors'
import type { FormObject } from '../form'
import { newId } from '../ids'
import { listHandler, newestFirst, pageParams, paginate } from '../list'
import { integer, metadata, parseParams, required, string } from '../params'
import type { StripeObject } from '../state'
import { availableBalance, bookBalance } from './balance'
import type { Charge } from './charges'

const transferSchema = {
  amount: required(integer(1)),
  currency: required(string()),
  destination: required(string()),
  source_transaction: string(),
  transfer_group: string(),
  description: string(),
  metadata: metadata(),
}

const reversalSchema = {
  amount: integer(1),
  metadata: metadata(),
  description: string(),
}

/** A transfer as stored, with the fields reversals change. */
interface Transfer extends StripeObject {
  amount: number
  amount_reversed: number
  currency: string
  reversed: boolean
  reversals: {
    object: 'list'
    data: unknown[]
    has_more: boolean
    total_count: number
    url: string
  }
}

const INSUFFICIENT_FUNDS =
  'You have insufficient available funds in your Stripe account. Try adding funds directly to your available balance by creating Charges using the 4000000000000077 test card. See: https://stripe.com/docs/testing#available-balance'

/**
 * What a charge can still fund: its amount less what was refunded and what earlier transfers
 * from it still hold (reversed amounts come back).
 */
function transferableFrom(ctx: EmulatorContext, charge: Charge): number {
  const transferred = newestFirst(ctx.state.objects, 'transfer')
    .filter((o) => o.source_transaction === charge.id)
    .reduce((sum, o) => sum + (o as Transfer).amount - (o as Transfer).amount_reversed, 0)
  return charge.amount - charge.amount_refunded - transferred
}

function createTransfer(ctx: EmulatorContext, form: FormObject) {
  const params = parseParams(form, transferSchema)
  const currency = params.currency.toLowerCase()
  const destination = ctx.state.get(params.destination, 'account', 'destination')
  if ((destination.capabilities as Record<string, string>).transfers !== 'active') {
    const message =
      'Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments'
    throw invalidState(message, 'insufficient_capabilities_for_transfer', 'destination')
  }
  // With source_transaction the transfer waits for the charge's funds, so it is limited by the
  // charge; without, it draws on the available balance now.
  let availableAfter = 0
  if (params.source_transaction) {
    const charge = ctx.state.get(
      params.source_transaction,
      'charge',
      'source_transaction',
    ) as Charge
    if (charge.status !== 'succeeded') {
      throw invalidParameter('source_transaction', 'The source charge has not succeeded.')
    }
    if (params.amount > transferableFrom(ctx, charge)) {
      const message = 'Insufficient funds in the source transaction to cover this transfer.'
      throw invalidParameter('amount', message, 'balance_insufficient')
    }
    const chargeTxn = charge.balance_transaction
      ? ctx.state.find(charge.balance_transaction)
      : undefined
    availableAfter = Math.max(0, Number(chargeTxn?.available_on ?? 0) - ctx.state.now())
  } else if (params.amount > availableBalance(ctx, currency)) {
    throw invalidState(INSUFFICIENT_FUNDS, 'balance_insufficient', 'amount')
  }
  const id = newId('tr')
  const txn = bookBalance(ctx, {
    source: id,
    type: 'transfer',
    amount: -params.amount,
    currency,
    availableAfter,
  })
  const transfer: Transfer = ctx.state.put({
    ...base(id, 'transfer', ctx.state.now()),
    amount: params.amount,
    amount_reversed: 0,
    balance_transaction: txn.id,
    currency,
    description: params.description ?? null,
    destination: destination.id,
    destination_payment: newId('py'),
    metadata: params.metadata ?? {},
    reversals: {
      object: 'list',
      data: [],
      has_more: false,
      total_count: 0,
      url: `/v1/transfers/${id}/reversals`,
    },
    reversed: false,
    source_transaction: params.source_transaction ?? null,
    source_type: 'card',
    transfer_group: params.transfer_group ?? null,
  })
  ctx.events.emit(['transfer.created', transfer])
  return transfer
}

function reverseTransfer(ctx: EmulatorContext, form: FormObject, id: string) {
  const params = parseParams(form, reversalSchema)
  const transfer = ctx.state.get(id, 'transfer', 'transfer') as Transfer
  const remaining = transfer.amount - transfer.amount_reversed
  const amount = params.amount ?? remaining
  if (amount > remaining) {
    const message = `Reversal amount (${amount}) is greater than the transfer's unreversed amount (${remaining}).`
    throw invalidParameter('amount', message, 'amount_too_large')
  }
  const reversalId = newId('trr')
  const txn = bookBalance(ctx, {
    source: reversalId,
    type: 'transfer_refund',
    category: 'transfer_reversal',
    amount,
    currency: transfer.currency,
  })
  const reversal = ctx.state.put({
    ...base(reversalId, 'transfer_reversal', ctx.state.now()),
    amount,
    balance_transaction: txn.id,
    currency: transfer.currency,
    destination_payment_refund: newId('pyr'),
    metadata: params.metadata ?? {},
    source_refund: null,
    transfer: transfer.id,
  })
  const previous = { amount_reversed: transfer.amount_reversed, reversed: transfer.reversed }
  transfer.amount_reversed += amount
  transfer.reversed = transfer.amount_reversed === transfer.amount
  const all = reversalsOf(ctx, transfer.id)
  transfer.reversals = {
    ...transfer.reversals,
    ...paginate(all, {}, transfer.reversals.url),
    total_count: all.length,
  }
  ctx.events.emit(['transfer.reversed', transfer, previous])
  return reversal
}

const reversalsOf = (ctx: EmulatorContext, transferId: string) =>
  newestFirst(ctx.state.objects, 'transfer_reversal').filter((r) => r.transfer === transferId)

/** Transfers and their reversals. */
export const transferRoutes: ApiRoute[] = [
  { method: 'POST', path: /^\/v1\/transfers$/, handle: createTransfer },
  {
    method: 'GET',
    path: /^\/v1\/transfers$/,
    handle: listHandler('transfer', '/v1/transfers', ['destination', 'transfer_group']),
  },
  {
    method: 'GET',
    path: /^\/v1\/transfers\/([^/]+)$/,
    handle: (ctx, form, [id]) => (
      parseParams(form, {}),
      ctx.state.get(id as string, 'transfer', 'transfer')
    ),
  },
  {
    method: 'POST',
    path: /^\/v1\/transfers\/([^/]+)\/reversals$/,
    handle: (ctx, form, [id]) => reverseTransfer(ctx, form, id as string),
  },
  {
    method: 'GET',
    path: /^\/v1\/transfers\/([^/]+)\/reversals$/,
    handle: (ctx, form, [id]) => {
      const params = parseParams(form, pageParams)
      const transfer = ctx.state.get(id as string, 'transfer', 'transfer')
      return paginate(
        reversalsOf(ctx, transfer.id),
        params,
        `/v1/transfers/${transfer.id}/reversals`,
      )
    },
  },
  {
    method: 'GET',
    path: /^\/v1\/transfers\/([^/]+)\/reversals\/([^/]+)$/,
    handle: (ctx, form, [id, reversalId]) => {
      parseParams(form, {})
      const reversal = ctx.state.get(reversalId as string, 'transfer_reversal', 'id')
      if (reversal.transfer !== id)
        throw resourceMissing('transfer reversal', String(reversalId), 'id')
      return reversal
    },
  },
]
