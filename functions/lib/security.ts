/**
 * Response hardening and cross-site request checks, applied to every request in
 * functions/index.ts.
 */
import type { MiddlewareHandler } from 'hono'

import type { AppEnv } from '../app.ts'
import { base64url, randomBytes } from './crypto.ts'
import { AppError } from './errors.ts'

/** Where forms may send the browser: ourselves and Stripe's hosted pages (or the emulator's). */
function formTargets(env: AppEnv['Bindings']): string {
  const targets = ["'self'", 'https://checkout.stripe.com', 'https://connect.stripe.com']
  if (env.STRIPE_EMULATOR_URL) targets.push(new URL(env.STRIPE_EMULATOR_URL).origin)
  return targets.join(' ')
}

/**
 * Sets a per-request CSP nonce (read by the page renderer) and the security headers:
 * a nonce-based CSP with no inline styles, HSTS for a year, no framing, no sniffing.
 */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async function securityHeadersMiddleware(c, next) {
    const nonce = base64url(randomBytes(16))
    c.set('nonce', nonce)
    await next()
    const csp = [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      "connect-src 'self'",
      `form-action ${formTargets(c.env)}`,
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "object-src 'none'",
    ].join('; ')
    const headers = c.res.headers
    headers.set('Content-Security-Policy', csp)
    headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
    headers.set('X-Content-Type-Options', 'nosniff')
    headers.set('X-Frame-Options', 'DENY')
    headers.set('Referrer-Policy', 'strict-origin-when-cross-origin')
    headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()')
    headers.set('Cross-Origin-Opener-Policy', 'same-origin')
    if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store')
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Refuses state-changing requests that a browser sent from another site. Browsers mark every
 * request with Sec-Fetch-Site and (for POSTs) Origin; a request carrying neither is not from a
 * browser page, so it cannot be riding a victim's cookies. Webhooks are exempt: they prove
 * themselves by signature. Forms additionally carry a per-session token (see pages).
 */
export function crossSiteGuard(): MiddlewareHandler<AppEnv> {
  return async function crossSiteGuardMiddleware(c, next) {
    if (SAFE_METHODS.has(c.req.method) || c.req.path.startsWith('/webhooks/')) return next()
    const site = c.req.header('sec-fetch-site')
    const origin = c.req.header('origin')
    const ownOrigin = new URL(c.req.url).origin
    const allowed = new Set([ownOrigin])
    if (c.env.PUBLIC_URL) allowed.add(new URL(c.env.PUBLIC_URL).origin)
    if ((site && site !== 'same-origin' && site !== 'none') || (origin && !allowed.has(origin))) {
      throw new AppError(403, 'csrf_failed', 'This request came from another site and was refused.')
    }
    return next()
  }
}
