/**
 * Signing up, in and out: shared by the JSON API and the no-JavaScript pages, so both follow
 * the same rules. Each returns what the caller needs to set the cookie.
 */
import type { Context } from 'hono'

import type { AppEnv } from '../app.ts'
import { newId } from '../lib/crypto.ts'
import { atomically, database } from '../lib/db.ts'
import { AppError, isUniqueViolation } from '../lib/errors.ts'
import { enforceLimits } from '../lib/rate-limit.ts'
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.ts'
import { findAccountByEmail } from './repository.ts'
import type { SignInInput, SignUpInput } from './schemas.ts'
import { newSession, presentedTokenHash } from './sessions.ts'

/** Sign-in attempts allowed per 15 minutes, per email and per client address. */
export const SIGN_IN_LIMITS = { perEmail: 10, perAddress: 50, windowSeconds: 15 * 60 }

const emailTaken = () =>
  new AppError(409, 'email_taken', 'An account with that email already exists.', {
    email: 'An account with that email already exists.',
  })

/** New accounts allowed per client address per hour. */
export const SIGN_UP_LIMIT = { perAddress: 20, windowSeconds: 60 * 60 }

/**
 * Creates an account and signs it in, in one batch. 409 when the email is taken; 429 past the
 * sign-ups allowed from one address. The address is Cloudflare's CF-Connecting-IP: a request
 * without one (local development, tests) has no address to count against.
 */
export async function signUp(c: Context<AppEnv>, input: SignUpInput, now = new Date()) {
  const address = c.req.header('cf-connecting-ip')
  if (address) {
    const { perAddress, windowSeconds } = SIGN_UP_LIMIT
    await enforceLimits(
      c.env.DB,
      [{ key: `signup:address:${address}`, max: perAddress, windowSeconds }],
      now,
    )
  }
  const db = database(c.env.DB)
  if (await findAccountByEmail(db, input.email)) throw emailTaken()
  const id = newId('acct')
  const session = await newSession(db, id, now)
  const insertAccount = db.insertInto('accounts').values({
    id,
    email: input.email,
    password_hash: await hashPassword(input.password),
    display_name: input.display_name,
    created_at: now.toISOString(),
  })
  try {
    await atomically(c.env.DB, [insertAccount, session.insert])
  } catch (error) {
    // Two sign-ups racing for one email: the UNIQUE index lets exactly one through.
    if (isUniqueViolation(error)) throw emailTaken()
    throw error
  }
  return { accountId: id, token: session.token }
}

/**
 * Checks an email and password pair and starts a new session, replacing the one the request
 * presented (rotation: a token planted before sign-in is useless after it). 401 on a wrong
 * pair with no hint which half; 429 past the limits.
 */
export async function signIn(c: Context<AppEnv>, input: SignInInput, now = new Date()) {
  const address = c.req.header('cf-connecting-ip') ?? 'unknown'
  const { perEmail, perAddress, windowSeconds } = SIGN_IN_LIMITS
  await enforceLimits(
    c.env.DB,
    [
      { key: `signin:email:${input.email}`, max: perEmail, windowSeconds },
      { key: `signin:address:${address}`, max: perAddress, windowSeconds },
    ],
    now,
  )
  const db = database(c.env.DB)
  const account = await findAccountByEmail(db, input.email)
  const ok = await verifyPassword(input.password, account?.password_hash ?? DUMMY_HASH)
  if (!account || !ok) {
    throw new AppError(
      401,
      'invalid_credentials',
      'That email and password do not match an account.',
    )
  }
  const session = await newSession(db, account.id, now)
  const previous = await presentedTokenHash(c)
  await atomically(c.env.DB, [
    ...(previous ? [db.deleteFrom('sessions').where('token_hash', '=', previous)] : []),
    session.insert,
  ])
  return { accountId: account.id, token: session.token }
}

/** Ends the request's session, if any. */
export async function signOut(c: Context<AppEnv>) {
  const tokenHash = await presentedTokenHash(c)
  if (tokenHash) {
    await database(c.env.DB).deleteFrom('sessions').where('token_hash', '=', tokenHash).execute()
  }
}
