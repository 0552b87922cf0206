/**
 * Confirming an address: the link sent at sign-up (and again on request), and the link sent to
 * a new address (email-change.ts), both confirmed here. An account proves it reads mail at its
 * address before it may check out or apply to sell (gate.ts).
 */
import type { AccountRow } from '../../schema/tables.ts'
import type { Bindings, Viewer } from '../app.ts'
import type { EmailToSend } from '../email/outbox.ts'
import { atomically, type DB, database } from '../lib/db.ts'
import { AppError, isUniqueViolation } from '../lib/errors.ts'
import { enforceLimits } from '../lib/rate-limit.ts'
import { confirmPath, commitWithEmails, linkTo } from './mail.ts'
import { emailOf, emailTakenElsewhere } from './repository.ts'
import {
  isTokenReuse,
  invalidToken,
  issueToken,
  openToken,
  retireOpenTokens,
  useToken,
} from './tokens.ts'

/** "Send again" at most this often per account: each one emails the member's address. */
export const RESEND_LIMIT = { max: 3, windowSeconds: 60 * 60 }

type Addressee = Pick<AccountRow, 'id' | 'email' | 'display_name'>

/** A new verify_email token and the confirm_address email that carries its link. */
export async function verificationToSend(
  db: DB,
  env: Bindings,
  requestUrl: string,
  account: Addressee,
  now: Date,
) {
  const issued = await issueToken(db, account.id, 'verify_email', now)
  const email: EmailToSend<'confirm_address'> = {
    kind: 'confirm_address',
    to: account.email,
    accountId: account.id,
    data: { name: account.display_name, url: linkTo(env, requestUrl, confirmPath(issued.token)) },
    dedupeKey: `confirm_address:${issued.id}`,
  }
  return { insert: issued.insert, email }
}

/**
 * Sends the confirmation link again (`POST /api/v1/email-verifications`): earlier links stop
 * working. 409 when the address is confirmed already; 429 past {@link RESEND_LIMIT}.
 */
export async function resendVerification(
  env: Bindings,
  viewer: Viewer,
  requestUrl: string,
  now = new Date(),
) {
  const account = viewer.account
  if (account.email_verified_at) {
    throw new AppError(409, 'already_verified', 'Your email address is confirmed already.')
  }
  await enforceLimits(env.DB, [{ key: `verify:resend:${account.id}`, ...RESEND_LIMIT }], now)
  const db = database(env.DB)
  const { insert, email } = await verificationToSend(db, env, requestUrl, account, now)
  await commitWithEmails(
    env,
    db,
    [retireOpenTokens(db, account.id, 'verify_email', now), insert],
    [email],
    now,
  )
}

const taken = () =>
  new AppError(409, 'email_taken', 'That address cannot be used: choose another one.', {
    email: 'That address cannot be used: choose another one.',
  })

/**
 * Confirms the address a token was sent to (`POST /api/v1/email-verifications/:token`): the
 * account's own address, or the new one of an email change, which then becomes the account's.
 * 400 `invalid_token` for a used, expired or unknown token; 409 when a new address was taken
 * by another account meanwhile (the token stays usable, nothing else changes).
 */
export async function confirmAddress(env: Bindings, token: string, now = new Date()) {
  const db = database(env.DB)
  const row = await openToken(db, token, ['verify_email', 'change_email'], now)
  const at = now.toISOString()
  const email = row.new_email
  if (email && (await emailTakenElsewhere(db, email, row.account_id))) throw taken()
  const account = db
    .updateTable('accounts')
    .where('id', '=', row.account_id)
    .set(email ? { email, email_verified_at: at } : { email_verified_at: at })
  // The links sent to an address the account no longer has are retired with the change.
  const retired = email ? [retireOpenTokens(db, row.account_id, 'verify_email', now)] : []
  try {
    await atomically(env.DB, [useToken(db, row.id, now), account, ...retired])
  } catch (error) {
    if (isTokenReuse(error)) throw invalidToken()
    if (isUniqueViolation(error)) throw taken()
    throw error
  }
  const confirmed = email ?? (await emailOf(db, row.account_id))
  return { email: confirmed, verified_at: at, changed: email !== null }
}
