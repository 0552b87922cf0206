/**
 * Signing up, in and out: shared by the JSON API and the no-JavaScript pages, so both follow
 * the same rules. Each returns what the caller needs to set the cookie.
 */
import type { Context } from 'hono'

import type { AppEnv } from '../app.ts'
import { verificationToSend } from '../account-tokens/verification.ts'
import { newId } from '../lib/crypto.ts'
import { atomically, database } from '../lib/db.ts'
import { AppError, isUniqueViolation } from '../lib/errors.ts'
import { emailStatements } from '../email/outbox.ts'
import { sendJobs } from '../jobs/outbox.ts'
import { RateLimited, enforceLimits } from '../lib/rate-limit.ts'
import { deviceHistory, deviceOf, rememberDevice } from './devices.ts'
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.ts'
import { findAccountByEmail } from './repository.ts'
import type { SignInInput, SignUpInput } from './schemas.ts'
import { newSession, presentedTokenHash } from './sessions.ts'
import { newSignInEmail, mailLockout } from './sign-in-mail.ts'
import { requireStrongPassword } from './strength.ts'
import { clientOf } from './user-agent.ts'

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
  // Before the lookup, so a weak password is refused alike whether or not the email is taken.
  requireStrongPassword(input.password, [input.display_name, input.email])
  const db = database(c.env.DB)
  if (await findAccountByEmail(db, input.email)) throw emailTaken()
  const id = newId('acct')
  const device = await deviceOf(c)
  const session = await newSession(db, id, now, {
    client: clientOf(c.req.header('user-agent')),
    deviceHash: device.hash,
  })
  // Like sign-in, sign-up replaces the session the browser presented: signing up while signed
  // in as someone else must not leave that session alive on this browser.
  const previous = await presentedTokenHash(c)
  const insertAccount = db.insertInto('accounts').values({
    id,
    email: input.email,
    password_hash: await hashPassword(input.password),
    display_name: input.display_name,
    created_at: now.toISOString(),
  })
  // The link that confirms the address, emailed from the same batch (functions/account-tokens).
  const addressee = { id, email: input.email, display_name: input.display_name }
  const verify = await verificationToSend(db, c.env, c.req.url, addressee, now)
  const mail = await emailStatements(db, c.env, [verify.email], now)
  try {
    await atomically(c.env.DB, [
      ...(previous ? [db.deleteFrom('sessions').where('token_hash', '=', previous)] : []),
      insertAccount,
      session.insert,
      rememberDevice(db, id, device.hash, now),
      verify.insert,
      ...mail.statements,
    ])
  } catch (error) {
    // Two sign-ups racing for one email: the UNIQUE index lets exactly one through.
    if (isUniqueViolation(error)) throw emailTaken()
    throw error
  }
  await sendJobs(c.env, mail.jobIds)
  // The caller sets the device cookie after the session's (setDevice), when it is new.
  return { accountId: id, token: session.token, device }
}

/**
 * Checks an email and password pair and starts a new session, replacing the one the request
 * presented (rotation: a token planted before sign-in is useless after it). 401 on a wrong
 * pair with no hint which half; 429 past the limits.
 */
export async function signIn(c: Context<AppEnv>, input: SignInInput, now = new Date()) {
  await enforceSignInLimits(c, input.email, now)
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
  const device = await deviceOf(c)
  const client = clientOf(c.req.header('user-agent'))
  const session = await newSession(db, account.id, now, { client, deviceHash: device.hash })
  const previous = await presentedTokenHash(c)
  const devices = await deviceHistory(db, account.id, device.hash)
  // An account with no device on record (made before devices were) has nothing to compare
  // with: its first device is remembered without an email.
  const mail =
    !devices.known && devices.any
      ? await emailStatements(
          db,
          c.env,
          [newSignInEmail(c.env, c.req.url, account, { client, deviceHash: device.hash, at: now })],
          now,
        )
      : { statements: [], jobIds: [] }
  await atomically(c.env.DB, [
    ...(previous ? [db.deleteFrom('sessions').where('token_hash', '=', previous)] : []),
    session.insert,
    ...(devices.known ? [] : [rememberDevice(db, account.id, device.hash, now)]),
    ...mail.statements,
  ])
  await sendJobs(c.env, mail.jobIds)
  return { accountId: account.id, token: session.token, device }
}

/**
 * Counts the attempt against the per-email and per-address limits. The attempt that first
 * goes over an email's limit in a window also emails the account's owner, if there is one;
 * the client gets the same 429 either way, so it learns nothing about which addresses exist.
 */
async function enforceSignInLimits(c: Context<AppEnv>, email: string, now: Date) {
  const address = c.req.header('cf-connecting-ip') ?? 'unknown'
  const { perEmail, perAddress, windowSeconds } = SIGN_IN_LIMITS
  const byEmail = { key: `signin:email:${email}`, max: perEmail, windowSeconds }
  try {
    await enforceLimits(
      c.env.DB,
      [byEmail, { key: `signin:address:${address}`, max: perAddress, windowSeconds }],
      now,
    )
  } catch (error) {
    if (
      error instanceof RateLimited &&
      error.limit?.key === byEmail.key &&
      error.count === perEmail + 1
    ) {
      // The email is a courtesy: failing to queue it must not turn the 429 into a 500.
      await mailLockout(c.env, c.req.url, email, byEmail, now).catch((mailError: unknown) =>
        console.error('sign-in lockout email not queued', mailError),
      )
    }
    throw error
  }
}

/** Ends the request's session, if any. */
export async function signOut(c: Context<AppEnv>) {
  const tokenHash = await presentedTokenHash(c)
  if (tokenHash) {
    await database(c.env.DB).deleteFrom('sessions').where('token_hash', '=', tokenHash).execute()
  }
}
