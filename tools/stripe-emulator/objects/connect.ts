import { base, type ApiRoute, type EmulatorContext } from '../context'
import { invalidState } from '../errors'
import type { FormObject } from '../form'
import { newId } from '../ids'
import { listHandler } from '../list'
import { boolean, metadata, object, parseParams, required, string } from '../params'
import type { AccountLinkState, StripeObject } from '../state'
import { previousAttributes } from './diff'

/** Account links expire five minutes after they are made, as at Stripe. */
export const ACCOUNT_LINK_LIFETIME_SECONDS = 5 * 60

const capability = () => object({ requested: boolean() })

const updatableFields = {
  email: string(),
  business_type: string(['company', 'government_entity', 'individual', 'non_profit']),
  default_currency: string(),
  metadata: metadata(),
  capabilities: object({ transfers: capability(), card_payments: capability() }),
  business_profile: object({
    name: string(),
    url: string(),
    mcc: string(),
    product_description: string(),
  }),
}

const accountSchema = {
  ...updatableFields,
  type: string(['express', 'standard', 'custom']),
  country: string(),
}

const accountLinkSchema = {
  account: required(string()),
  type: required(string(['account_onboarding', 'account_update'])),
  refresh_url: string(),
  return_url: string(),
  collect: string(['currently_due', 'eventually_due']),
}

function requestedCapabilities(
  requested: Record<string, { requested?: boolean } | undefined>,
  current: Record<string, string> = {},
) {
  const capabilities = { ...current }
  for (const [name, request] of Object.entries(requested)) {
    if (request?.requested && !capabilities[name]) capabilities[name] = 'inactive'
  }
  return capabilities
}

function createAccount(ctx: EmulatorContext, form: FormObject) {
  const params = parseParams(form, accountSchema)
  return ctx.state.put({
    ...base(newId('acct', 16), 'account', ctx.state.now()),
    business_profile: params.business_profile ?? {},
    business_type: params.business_type ?? null,
    capabilities: requestedCapabilities(params.capabilities ?? {}),
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

/** Changes an account and sends `account.updated` with what the changed fields were. */
function changeAccount(
  ctx: EmulatorContext,
  account: StripeObject,
  change: (a: StripeObject) => void,
) {
  const before = structuredClone(account)
  change(account)
  const previous = previousAttributes(before, account)
  if (Object.keys(previous).length > 0) ctx.events.emit(['account.updated', account, previous])
  return account
}

function updateAccount(ctx: EmulatorContext, form: FormObject, id: string) {
  const params = parseParams(form, updatableFields)
  const account = ctx.state.get(id, 'account', 'account')
  return changeAccount(ctx, account, (a) => {
    if (params.email !== undefined) a.email = params.email
    if (params.business_type !== undefined) a.business_type = params.business_type
    if (params.default_currency !== undefined) a.default_currency = params.default_currency
    if (params.metadata) a.metadata = { ...(a.metadata as object), ...params.metadata }
    if (params.business_profile)
      a.business_profile = { ...(a.business_profile as object), ...params.business_profile }
    if (params.capabilities)
      a.capabilities = requestedCapabilities(
        params.capabilities,
        a.capabilities as Record<string, string>,
      )
  })
}

function createAccountLink(ctx: EmulatorContext, form: FormObject) {
  const params = parseParams(form, accountLinkSchema)
  const account = ctx.state.get(params.account, 'account', 'account')
  const created = ctx.state.now()
  const token = newId('x', 32).slice(2)
  ctx.state.accountLinks.set(token, {
    account: account.id,
    return_url: params.return_url,
    refresh_url: params.refresh_url,
    expires_at: created + ACCOUNT_LINK_LIFETIME_SECONDS,
    visited: false,
    used: false,
  })
  // Account links have no id at Stripe; `base` is only borrowed for created/livemode.
  const { id: _unused, livemode: _live, ...fields } = base('', 'account_link', created)
  return {
    ...fields,
    expires_at: created + ACCOUNT_LINK_LIFETIME_SECONDS,
    url: `${ctx.baseUrl}/setup/e/${account.id}/${token}`,
  }
}

/** Whether a link can still be used, and if not, why (for the page). */
export function linkProblem(ctx: EmulatorContext, link: AccountLinkState): string | undefined {
  if (link.used) return 'This link has already been used.'
  if (link.expires_at <= ctx.state.now()) return 'This link has expired.'
  return undefined
}

/**
 * What the "Finish" button on the onboarding page does: the account can now be paid out to.
 * Returns where to send the person next (the link's `return_url`), if anywhere.
 */
export function finishOnboarding(ctx: EmulatorContext, link: AccountLinkState): string | undefined {
  link.used = true
  const account = ctx.state.get(link.account, 'account', 'account')
  changeAccount(ctx, account, (a) => {
    const capabilities = { ...(a.capabilities as Record<string, string>) }
    capabilities.transfers = 'active'
    if ('card_payments' in capabilities) capabilities.card_payments = 'active'
    a.capabilities = capabilities
    a.charges_enabled = true
    a.payouts_enabled = true
    a.details_submitted = true
    a.requirements = { currently_due: [], disabled_reason: null }
  })
  return link.return_url
}

/** `POST /v1/accounts/:id/login_links`: the Express dashboard, for onboarded Express accounts. */
function createLoginLink(ctx: EmulatorContext, form: FormObject, id: string) {
  parseParams(form, {})
  const account = ctx.state.get(id, 'account', 'account')
  if (account.type !== 'express') {
    throw invalidState('Cannot create a login link for an account that is not an Express account.')
  }
  if (!account.details_submitted) {
    throw invalidState(
      'Cannot create a login link for an account that has not completed onboarding.',
    )
  }
  const created = ctx.state.now()
  return {
    object: 'login_link',
    created,
    url: `${ctx.baseUrl}/express/${account.id}/${newId('x', 24).slice(2)}`,
  }
}

/** Connect: accounts, account links and login links. */
export const connectRoutes: ApiRoute[] = [
  { method: 'POST', path: /^\/v1\/accounts$/, handle: createAccount },
  { method: 'GET', path: /^\/v1\/accounts$/, handle: listHandler('account', '/v1/accounts') },
  {
    method: 'GET',
    path: /^\/v1\/accounts\/([^/]+)$/,
    handle: (ctx, form, [id]) => (
      parseParams(form, {}),
      ctx.state.get(id as string, 'account', 'account')
    ),
  },
  {
    method: 'POST',
    path: /^\/v1\/accounts\/([^/]+)$/,
    handle: (ctx, form, [id]) => updateAccount(ctx, form, id as string),
  },
  {
    method: 'POST',
    path: /^\/v1\/accounts\/([^/]+)\/login_links$/,
    handle: (ctx, form, [id]) => createLoginLink(ctx, form, id as string),
  },
  { method: 'POST', path: /^\/v1\/account_links$/, handle: createAccountLink },
]
