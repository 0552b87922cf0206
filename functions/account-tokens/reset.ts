/**
 * Password reset: a one-hour link emailed to the account's address. Asking answers the same
 * whether or not the address has an account; using the link sets the password and ends every
 * session of the account (whoever knew the old password is signed out).
 */
import type { Bindings } from '../app.ts'
import { hashPassword } from '../accounts/password.ts'
import { findAccountByEmail } from '../accounts/repository.ts'
import { atomically, database } from '../lib/db.ts'
import { enforceLimits, type Limit } from '../lib/rate-limit.ts'
import { commitWithEmails, linkTo, resetPath } from './mail.ts'
import { endSessions } from './repository.ts'
import { requireStrongPassword } from './strength.ts'
import {
  invalidToken,
  isTokenReuse,
  issueToken,
  openToken,
  retireAllOpenTokens,
  retireOpenTokens,
  useToken,
} from './tokens.ts'

/** Reset emails asked for per hour: per address asked about, and per client address. */
export const RESET_LIMITS = { perEmail: 5, perClient: 20, windowSeconds: 60 * 60 }

/** Uses of emailed links per client address per 15 minutes (guessing a token is hopeless anyway). */
export const TOKEN_USE_LIMIT = { max: 30, windowSeconds: 15 * 60 }

/**
 * Counts a use of a token link against the client's address. As for sign-up, a request without
 * CF-Connecting-IP (local development, tests) has no address to count against.
 */
export async function limitTokenUse(env: Bindings, client: string | undefined, now: Date) {
  if (!client) return
  await enforceLimits(env.DB, [{ key: `token:client:${client}`, ...TOKEN_USE_LIMIT }], now)
}

/**
 * Emails a reset link when `email` belongs to an account; does nothing visible otherwise, so
 * the answer (202) tells no one whether it does. 429 past {@link RESET_LIMITS}, which count
 * unknown addresses too.
 */
export async function requestPasswordReset(
  env: Bindings,
  requestUrl: string,
  email: string,
  client: string | undefined,
  now = new Date(),
) {
  const { perEmail, perClient, windowSeconds } = RESET_LIMITS
  const limits: Limit[] = [{ key: `reset:email:${email}`, max: perEmail, windowSeconds }]
  if (client) limits.push({ key: `reset:client:${client}`, max: perClient, windowSeconds })
  await enforceLimits(env.DB, limits, now)
  const db = database(env.DB)
  const account = await findAccountByEmail(db, email)
  if (!account) return
  const issued = await issueToken(db, account.id, 'reset_password', now)
  await commitWithEmails(
    env,
    db,
    [retireOpenTokens(db, account.id, 'reset_password', now), issued.insert],
    [
      {
        kind: 'password_reset',
        to: account.email,
        accountId: account.id,
        data: { name: account.display_name, url: linkTo(env, requestUrl, resetPath(issued.token)) },
        dedupeKey: `password_reset:${issued.id}`,
      },
    ],
    now,
  )
}

/**
 * Sets a new password from a reset link: one batch uses the token, stores the hash, ends every
 * session and retires the account's other open links (a pending email change included). The
 * link reached the address, so an unconfirmed address counts as confirmed from here on.
 */
export async function resetPassword(
  env: Bindings,
  token: string,
  password: string,
  now = new Date(),
) {
  const db = database(env.DB)
  const row = await openToken(db, token, ['reset_password'], now)
  const account = await db
    .selectFrom('accounts')
    .select(['email', 'display_name', 'email_verified_at'])
    .where('id', '=', row.account_id)
    .executeTakeFirstOrThrow()
  requireStrongPassword(password, account)
  const update = db
    .updateTable('accounts')
    .set({
      password_hash: await hashPassword(password),
      email_verified_at: account.email_verified_at ?? now.toISOString(),
    })
    .where('id', '=', row.account_id)
  try {
    await atomically(env.DB, [
      useToken(db, row.id, now),
      update,
      endSessions(db, row.account_id, null),
      retireAllOpenTokens(db, row.account_id, now),
    ])
  } catch (error) {
    if (isTokenReuse(error)) throw invalidToken()
    throw error
  }
  return { accountId: row.account_id }
}

/** Checks a reset link before its form is shown: 400 `invalid_token` when it cannot be used. */
export async function checkResetToken(env: Bindings, token: string, now = new Date()) {
  await openToken(database(env.DB), token, ['reset_password'], now)
}
