import { base, type ApiRoute, type EmulatorContext } from '../context'
import { invalidParameter, invalidState } from '../errors'
import { newId, nowSeconds } from '../ids'
import { boolean, integer, metadata, object, parseParams, required, string } from '../params'
import type { StripeObject } from '../state'
import type { Charge } from './payments'

const capability = () => object({ requested: boolean() })

const accountSchema = {
  type: string(['express', 'standard', 'custom']),
  country: string(),
  email: string(),
  business_type: string(['company', 'government_entity', 'individual', 'non_profit']),
  default_currency: string(),
  metadata: metadata(),
  capabilities: object({
    transfers: capability(),
    card_payments: capability(),
  }),
  business_profile: object({
    name: string(),
    url: string(),
    mcc: string(),
    product_description: string(),
  }),
}

const accountLinkSchema = {
  account: required(string()),
  type: required(string(['account_onboarding', 'account_update'])),
  refresh_url: string(),
  return_url: string(),
  collect: string(['currently_due', 'eventually_due']),
}

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
    data: StripeObject[]
    has_more: false
    total_count: number
    url: string
  }
}

function createAccount(ctx: EmulatorContext, form: Parameters<ApiRoute['handle']>[1]) {
  const params = parseParams(form, accountSchema)
  const capabilities: Record<string, string> = {}
  for (const [name, request] of Object.entries(params.capabilities ?? {})) {
    if (request?.requested) capabilities[name] = 'inactive'
  }
  return ctx.state.put({
    ...base(newId('acct', 16), 'account', nowSeconds()),
    business_profile: params.business_profile ?? {},
    business_type: params.business_type ?? null,
    capabilities,
    charges_enabled: false,
    controller: { type: 'application', is_controller: true },
    country: params.country ?? 'US',
    default_currency: params.default_currency ?? 'usd',
    details_submitted: false,
    email: params.email ?? null,
    metadata: params.metadata ?? {},
    payouts_enabled: false,
    requirements: {
      currently_due: ['external_account', 'tos_acceptance.date'],
      disabled_reason: 'requirements.past_due',
    },
    type: params.type ?? 'express',
  })
}

function createAccountLink(ctx: EmulatorContext, form: Parameters<ApiRoute['handle']>[1]) {
  const params = parseParams(form, accountLinkSchema)
  const account = ctx.state.get(params.account, 'account', 'account')
  ctx.state.linkByAccount.set(account.id, {
    return_url: params.return_url,
    refresh_url: params.refresh_url,
  })
  const created = nowSeconds()
  // Account links have no id at Stripe; `base` is only borrowed for created/livemode.
  const { id: _unused, ...fields } = base('', 'account_link', created)
  return {
    ...fields,
    expires_at: created + 300,
    url: `${ctx.baseUrl}/connect/onboarding/${account.id}`,
  }
}

/**
 * What the "Finish" button on the onboarding page does: the account can now be paid out to.
 * Returns where to send the person next (the link's `return_url`), if anywhere.
 */
export function finishOnboarding(ctx: EmulatorContext, accountId: string): string | undefined {
  const account = ctx.state.get(accountId, 'account', 'account')
  const capabilities = account.capabilities as Record<string, string>
  capabilities.transfers = 'active'
  if ('card_payments' in capabilities) capabilities.card_payments = 'active'
  account.charges_enabled = true
  account.payouts_enabled = true
  account.details_submitted = true
  account.requirements = { currently_due: [], disabled_reason: null }
  ctx.events.emit(['account.updated', account])
  return ctx.state.linkByAccount.get(accountId)?.return_url
}

function createTransfer(ctx: EmulatorContext, form: Parameters<ApiRoute['handle']>[1]) {
  const params = parseParams(form, transferSchema)
  const destination = ctx.state.get(params.destination, 'account', 'destination')
  if ((destination.capabilities as Record<string, string>).transfers !== 'active') {
    const message =
      'Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments'
    throw invalidState(message, 'insufficient_capabilities_for_transfer', 'destination')
  }
  if (params.source_transaction) {
    const charge = ctx.state.get(
      params.source_transaction,
      'charge',
      'source_transaction',
    ) as Charge
    const transferred = [...ctx.state.objects.values()]
      .filter((o) => o.object === 'transfer' && o.source_transaction === charge.id)
      .reduce((sum, o) => sum + (o as Transfer).amount - (o as Transfer).amount_reversed, 0)
    if (transferred + params.amount > charge.amount) {
      const message = 'Insufficient funds in the source transaction to cover this transfer.'
      throw invalidParameter('amount', message, 'balance_insufficient')
    }
  }
  const id = newId('tr')
  const transfer: Transfer = ctx.state.put({
    ...base(id, 'transfer', nowSeconds()),
    amount: params.amount,
    amount_reversed: 0,
    balance_transaction: newId('txn'),
    currency: params.currency.toLowerCase(),
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

function reverseTransfer(
  ctx: EmulatorContext,
  form: Parameters<ApiRoute['handle']>[1],
  id: string,
) {
  const params = parseParams(form, reversalSchema)
  const transfer = ctx.state.get(id, 'transfer', 'transfer') as Transfer
  const remaining = transfer.amount - transfer.amount_reversed
  const amount = params.amount ?? remaining
  if (amount > remaining) {
    const message = `Reversal amount (${amount}) is greater than the transfer's unreversed amount (${remaining}).`
    throw invalidParameter('amount', message, 'amount_too_large')
  }
  const reversal = ctx.state.put({
    ...base(newId('trr'), 'transfer_reversal', nowSeconds()),
    amount,
    balance_transaction: newId('txn'),
    currency: transfer.currency,
    destination_payment_refund: newId('pyr'),
    metadata: params.metadata ?? {},
    source_refund: null,
    transfer: transfer.id,
  })
  transfer.amount_reversed += amount
  transfer.reversed = transfer.amount_reversed === transfer.amount
  transfer.reversals.data.unshift(reversal)
  transfer.reversals.total_count += 1
  ctx.events.emit(['transfer.reversed', transfer])
  return reversal
}

/** Connect: accounts, account links, transfers and reversals. */
export const connectRoutes: ApiRoute[] = [
  { method: 'POST', path: /^\/v1\/accounts$/, handle: createAccount },
  {
    method: 'GET',
    path: /^\/v1\/accounts\/([^/]+)$/,
    handle: (ctx, form, [id]) => (
      parseParams(form, {}),
      ctx.state.get(id as string, 'account', 'account')
    ),
  },
  { method: 'POST', path: /^\/v1\/account_links$/, handle: createAccountLink },
  { method: 'POST', path: /^\/v1\/transfers$/, handle: createTransfer },
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
]
