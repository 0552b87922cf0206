/**
 * The security emails of signing in: a sign-in from a device the account has not used before,
 * and the pause after too many wrong passwords. Both are always sent (not optional kinds).
 */
import type { AccountRow } from '../../schema/tables.ts'
import type { Bindings } from '../app.ts'
import { emailStatements, type EmailToSend } from '../email/outbox.ts'
import { sendJobs } from '../jobs/outbox.ts'
import { publicOrigin } from '../lib/config.ts'
import { atomically, database } from '../lib/db.ts'
import type { Limit } from '../lib/rate-limit.ts'
import { findAccountByEmail } from './repository.ts'

type Account = Pick<AccountRow, 'id' | 'email' | 'display_name'>

/** "1 December 2026, 15:04 UTC": a time a member reads in an email. */
export function readableTime(at: Date): string {
  const formatted = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(at)
  return `${formatted} UTC`
}

/**
 * The `new_sign_in` email, once per account and device (the dedupe key), for the sign-in's
 * own batch.
 */
export function newSignInEmail(
  env: Bindings,
  requestUrl: string,
  account: Account,
  sign: { client: string; deviceHash: string; at: Date },
): EmailToSend<'new_sign_in'> {
  return {
    kind: 'new_sign_in',
    to: account.email,
    accountId: account.id,
    data: {
      name: account.display_name,
      client: sign.client,
      at: readableTime(sign.at),
      sessions_url: `${publicOrigin(env, requestUrl)}/account/settings/sessions`,
    },
    dedupeKey: `new_sign_in:${account.id}:${sign.deviceHash}`,
  }
}

/**
 * Tells the owner of `email`, if there is one, that signing in is paused until the window of
 * the per-email `limit` ends. Once per window: the key names the window, so attempts racing
 * past the limit together send one email. Nothing at all for an address with no account.
 */
export async function mailLockout(
  env: Bindings,
  requestUrl: string,
  email: string,
  limit: Limit,
  now: Date,
): Promise<void> {
  const db = database(env.DB)
  const account = await findAccountByEmail(db, email)
  if (!account) return
  const seconds = Math.floor(now.getTime() / 1000)
  const windowStart = seconds - (seconds % limit.windowSeconds)
  const until = new Date((windowStart + limit.windowSeconds) * 1000)
  const mail = await emailStatements(
    db,
    env,
    [
      {
        kind: 'sign_in_locked',
        to: account.email,
        accountId: account.id,
        data: {
          name: account.display_name,
          until: readableTime(until),
          reset_url: `${publicOrigin(env, requestUrl)}/forgot-password`,
        },
        dedupeKey: `sign_in_locked:${account.id}:${windowStart}`,
      },
    ],
    now,
  )
  await atomically(env.DB, mail.statements)
  await sendJobs(env, mail.jobIds)
}
