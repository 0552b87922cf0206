/**
 * Single-use tokens sent by email: 32 random bytes (base64url) in the link, only their SHA-256
 * in `account_tokens`. A token is good once, until it expires; using it marks it used in the
 * same batch as its effect, and the table's trigger aborts that batch when it already was.
 */
import type { AccountTokenPurpose, AccountTokenRow } from '../../schema/tables.ts'
import { base64url, newId, randomBytes, sha256Hex } from '../lib/crypto.ts'
import type { DB } from '../lib/db.ts'
import { AppError } from '../lib/errors.ts'

/** How long each kind of link works: a day to confirm an address, an hour to reset. */
export const TOKEN_LIFETIME_MS: Record<AccountTokenPurpose, number> = {
  verify_email: 24 * 60 * 60 * 1000,
  change_email: 24 * 60 * 60 * 1000,
  reset_password: 60 * 60 * 1000,
}

/** The one answer for a used, expired, unknown or forged token: nothing tells them apart. */
export const invalidToken = () =>
  new AppError(
    400,
    'invalid_token',
    'This link is not valid any more: it was used already, it expired, or it was mistyped.',
  )

/** A new token for `accountId`: the secret for the link and the insert that records its hash. */
export async function issueToken(
  db: DB,
  accountId: string,
  purpose: AccountTokenPurpose,
  now: Date,
  newEmail: string | null = null,
) {
  const token = base64url(randomBytes(32))
  const id = newId('tok', now.getTime())
  const insert = db.insertInto('account_tokens').values({
    id,
    account_id: accountId,
    purpose,
    token_hash: await sha256Hex(token),
    new_email: newEmail,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]).toISOString(),
  })
  return { id, token, insert }
}

/** Retires the account's unused tokens of `purpose`: only the newest link sent works. */
export function retireOpenTokens(
  db: DB,
  accountId: string,
  purpose: AccountTokenPurpose,
  now: Date,
) {
  return db
    .updateTable('account_tokens')
    .set({ used_at: now.toISOString() })
    .where('account_id', '=', accountId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
}

/** Retires every unused token of the account, whatever its purpose (a password reset). */
export function retireAllOpenTokens(db: DB, accountId: string, now: Date) {
  return db
    .updateTable('account_tokens')
    .set({ used_at: now.toISOString() })
    .where('account_id', '=', accountId)
    .where('used_at', 'is', null)
}

/** Longest token text looked up: a real one is 43 characters; anything far longer is forged. */
const MAX_TOKEN_LENGTH = 200

/**
 * The open token of one of `purposes` whose secret is `token`, or a 400 `invalid_token` when
 * there is none, it was used, or it has expired.
 */
export async function openToken(
  db: DB,
  token: string,
  purposes: AccountTokenPurpose[],
  now: Date,
): Promise<AccountTokenRow> {
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) throw invalidToken()
  const row = await db
    .selectFrom('account_tokens')
    .selectAll()
    .where('token_hash', '=', await sha256Hex(token))
    .executeTakeFirst()
  if (!row || !purposes.includes(row.purpose) || row.used_at !== null) throw invalidToken()
  if (Date.parse(row.expires_at) <= now.getTime()) throw invalidToken()
  return row
}

/** The statement that uses the token: first in its batch, so a second use aborts it all. */
export function useToken(db: DB, tokenId: string, now: Date) {
  return db
    .updateTable('account_tokens')
    .set({ used_at: now.toISOString() })
    .where('id', '=', tokenId)
}

/** True when a batch was aborted because its token had been used meanwhile. */
export function isTokenReuse(error: unknown): boolean {
  return error instanceof Error && /account_tokens: already used/.test(error.message)
}
