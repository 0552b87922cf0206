/** Asking a signed-in member for their current password before a change that needs it. */
import type { Bindings, Viewer } from '../app.ts'
import { verifyPassword } from '../accounts/password.ts'
import { AppError } from '../lib/errors.ts'
import { enforceLimits } from '../lib/rate-limit.ts'

/**
 * Checks of the current password per account per 15 minutes: as many as sign-in allows per
 * email, so a session left open does not let anyone guess the password faster than sign-in.
 */
export const CURRENT_PASSWORD_LIMIT = { max: 10, windowSeconds: 15 * 60 }

/** Throws 400 with `fields.current_password` when it is not the viewer's password; 429 past the limit. */
export async function requireCurrentPassword(
  env: Bindings,
  viewer: Viewer,
  currentPassword: string,
  now: Date,
): Promise<void> {
  await enforceLimits(
    env.DB,
    [{ key: `password-check:${viewer.account.id}`, ...CURRENT_PASSWORD_LIMIT }],
    now,
  )
  if (await verifyPassword(currentPassword, viewer.account.password_hash)) return
  const message = 'That is not your current password.'
  throw new AppError(400, 'invalid_input', message, { current_password: message })
}
