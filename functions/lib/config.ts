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
