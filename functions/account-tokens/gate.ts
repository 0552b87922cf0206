/**
 * The verified-address gate: an account that has not confirmed its address may browse and buy
 * the member share, but not check out or apply to sell, where others rely on reaching it.
 */
import type { Viewer } from '../app.ts'
import { AppError } from '../lib/errors.ts'

/** Throws 403 `email_unverified` unless the viewer's address is confirmed. */
export function requireVerifiedEmail(viewer: Viewer): void {
  if (viewer.account.email_verified_at) return
  throw new AppError(
    403,
    'email_unverified',
    `Please confirm your email address first: follow the link we sent to ${viewer.account.email}, or send it again from your account page (/account).`,
  )
}
