/**
 * Changing the address: the new one must be confirmed from its own mailbox before it takes
 * effect (verification.ts `confirmAddress`), and the old one is told of the request, so a
 * member whose session was taken over hears of it where they still read mail.
 */
import type { Bindings, Viewer } from '../app.ts'
import { database } from '../lib/db.ts'
import { AppError } from '../lib/errors.ts'
import { enforceLimits } from '../lib/rate-limit.ts'
import type { EmailChangeInput } from './schemas.ts'
import { requireCurrentPassword } from './current-password.ts'
import { commitWithEmails, confirmPath, linkTo } from './mail.ts'
import { emailTakenElsewhere } from './repository.ts'
import { issueToken, retireOpenTokens, TOKEN_LIFETIME_MS } from './tokens.ts'

/** Change requests per account per hour: each one emails an address the member typed. */
export const EMAIL_CHANGE_LIMIT = { max: 5, windowSeconds: 60 * 60 }

/**
 * `POST /api/v1/me/email`: 202 with the address waiting for confirmation. 400 for a wrong
 * current password or the address the account already has; 409 `email_taken` when another
 * account has it (never whose).
 */
export async function requestEmailChange(
  env: Bindings,
  viewer: Viewer,
  requestUrl: string,
  input: EmailChangeInput,
  now = new Date(),
) {
  const account = viewer.account
  await enforceLimits(env.DB, [{ key: `email-change:${account.id}`, ...EMAIL_CHANGE_LIMIT }], now)
  await requireCurrentPassword(env, viewer, input.current_password, now)
  if (input.email === account.email) {
    const message = 'That is already your address.'
    throw new AppError(400, 'invalid_input', message, { email: message })
  }
  const db = database(env.DB)
  if (await emailTakenElsewhere(db, input.email, account.id)) {
    const message = 'That address cannot be used: choose another one.'
    throw new AppError(409, 'email_taken', message, { email: message })
  }
  const issued = await issueToken(db, account.id, 'change_email', now, input.email)
  const name = account.display_name
  await commitWithEmails(
    env,
    db,
    [retireOpenTokens(db, account.id, 'change_email', now), issued.insert],
    [
      {
        kind: 'confirm_address',
        to: input.email,
        accountId: account.id,
        data: { name, url: linkTo(env, requestUrl, confirmPath(issued.token)) },
        dedupeKey: `confirm_address:${issued.id}`,
      },
      {
        kind: 'email_changed',
        to: account.email,
        accountId: account.id,
        data: { name, new_email: input.email },
        dedupeKey: `email_changed:${issued.id}`,
      },
    ],
    now,
  )
  const expires = new Date(now.getTime() + TOKEN_LIFETIME_MS.change_email)
  return { pending_email: input.email, expires_at: expires.toISOString() }
}
