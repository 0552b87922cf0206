/**
 * Absolute links for the emails the marketplace's events send. Most are written by webhooks and
 * jobs, where there is no request whose origin could stand in for the site's, so every event
 * email takes its origin from `PUBLIC_URL` alone, the same origin whatever host a request came
 * to. Without it the event emails are left out (logged), never sent with a wrong link; the change
 * they tell of still commits, since a payment must not wait on the email's configuration.
 */
import type { Bindings } from '../app.ts'

/** Thrown when PUBLIC_URL is not set: an email's links would have no site to point to. */
export class PublicUrlMissing extends Error {
  override name = 'PublicUrlMissing'
}

/** The absolute URL of `path` (which starts with `/`) on the site, for an email. */
export function siteUrl(env: Bindings, path: string): string {
  if (!env.PUBLIC_URL) {
    throw new PublicUrlMissing('PUBLIC_URL must be set for the marketplace to send its emails.')
  }
  return `${new URL(env.PUBLIC_URL).origin}${path}`
}

/** The links the event emails carry, by what they point to. */
export const links = {
  account: (env: Bindings) => siteUrl(env, '/account'),
  order: (env: Bindings, orderId: string) => siteUrl(env, `/orders/${encodeURIComponent(orderId)}`),
  sales: (env: Bindings) => siteUrl(env, '/sell/sales'),
  sell: (env: Bindings) => siteUrl(env, '/sell'),
  apply: (env: Bindings) => siteUrl(env, '/sell/apply'),
  patronage: (env: Bindings, year: number) => siteUrl(env, `/account/patronage/${year}`),
}

/**
 * The emails `build` makes, or none when PUBLIC_URL is not set: a paid order, a refund or a
 * dispute is recorded whatever the email settings, and the missing setting is logged.
 */
export function eventEmails<T>(build: () => T[]): T[] {
  try {
    return build()
  } catch (error) {
    if (!(error instanceof PublicUrlMissing)) throw error
    console.error('event emails left out:', error.message)
    return []
  }
}
