/** Configuration read from wrangler vars, checked once per request where it is used. */
import type { Bindings } from '../app.ts'
import { isCents } from './money.ts'

/** The member share's price in cents (MEMBER_SHARE_CENTS, default 1000). */
export function memberShareCents(env: Bindings): number {
  const cents = Number(env.MEMBER_SHARE_CENTS ?? '1000')
  if (!isCents(cents) || cents === 0)
    throw new Error('MEMBER_SHARE_CENTS must be a positive integer')
  return cents
}

/** The co-op's currency, lower case ISO 4217 (CURRENCY, default usd). */
export function currency(env: Bindings): string {
  return (env.CURRENCY || 'usd').toLowerCase()
}

/** The site's public origin for links sent to Stripe (PUBLIC_URL, else the request's origin). */
export function publicOrigin(env: Bindings, requestUrl: string): string {
  return env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : new URL(requestUrl).origin
}

/** The optional commission vars (spec/surplus.md §2); unset means the defaults. */
interface CommissionVars {
  COMMISSION_BP?: string
  COMMISSION_MIN_CENTS?: string
  COMMISSION_MAX_CENTS?: string
}

function optionalCents(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined
  const cents = Number(value)
  if (!isCents(cents)) throw new Error(`${name} must be a whole number of cents`)
  return cents
}

/** The commission rule: COMMISSION_BP (default 1000), COMMISSION_MIN_CENTS, COMMISSION_MAX_CENTS. */
export function commissionRule(env: Bindings): {
  bp: number
  minCents?: number
  maxCents?: number
} {
  const vars = env as Bindings & CommissionVars
  const bp = Number(vars.COMMISSION_BP || '1000')
  if (!Number.isInteger(bp) || bp < 0 || bp > 10_000)
    throw new Error('COMMISSION_BP must be a whole number from 0 to 10000')
  const minCents = optionalCents('COMMISSION_MIN_CENTS', vars.COMMISSION_MIN_CENTS)
  const maxCents = optionalCents('COMMISSION_MAX_CENTS', vars.COMMISSION_MAX_CENTS)
  return {
    bp,
    ...(minCents !== undefined && { minCents }),
    ...(maxCents !== undefined && { maxCents }),
  }
}
