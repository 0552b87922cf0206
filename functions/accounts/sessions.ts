/**
 * Sessions: a random 128-bit token in an HttpOnly cookie, stored in D1 only as its SHA-256.
 * A session ends after IDLE_MS without use or ABSOLUTE_MS after sign-in, whichever is first.
 */
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'

import type { StaffRole } from '../../schema/tables.ts'
import type { AppEnv, Viewer } from '../app.ts'
import { newId, randomToken, sha256Hex } from '../lib/crypto.ts'
import { type DB, database } from '../lib/db.ts'

export const IDLE_MS = 7 * 24 * 60 * 60 * 1000
export const ABSOLUTE_MS = 30 * 24 * 60 * 60 * 1000
/** last_seen_at is refreshed at most this often, so reads do not each cost a write. */
const TOUCH_MS = 5 * 60 * 1000

const COOKIE = 'fairstall_session'

/** Over https the cookie takes the `__Host-` prefix (host-only, path /, Secure); hono adds it. */
function cookiePrefix(c: Context) {
  return isHttps(c) ? ('host' as const) : undefined
}

function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:'
}

/** Where a session was started from: shown in the member's session list. */
export interface SessionOrigin {
  /** A rough "Firefox on Linux" (clientOf in user-agent.ts). */
  client?: string
  /** SHA-256 of the device cookie (devices.ts). */
  deviceHash?: string | null
}

/** The insert for a new session; the caller batches it with whatever else signs the member in. */
export async function newSession(db: DB, accountId: string, now: Date, origin: SessionOrigin = {}) {
  const token = randomToken(128)
  const insert = db.insertInto('sessions').values({
    token_hash: await sha256Hex(token),
    id: newId('ses', now.getTime()),
    client: origin.client ?? 'Unknown browser',
    device_hash: origin.deviceHash ?? null,
    account_id: accountId,
    csrf_token: randomToken(128),
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: new Date(now.getTime() + ABSOLUTE_MS).toISOString(),
  })
  return { token, insert }
}

/** Sets the session cookie on the response. */
export function setSessionCookie(c: Context, token: string) {
  setCookie(c, COOKIE, token, {
    path: '/',
    httpOnly: true,
    secure: isHttps(c),
    sameSite: 'Lax',
    maxAge: ABSOLUTE_MS / 1000,
    prefix: cookiePrefix(c),
  })
}

export function clearSessionCookie(c: Context) {
  deleteCookie(c, COOKIE, { path: '/', secure: isHttps(c), prefix: cookiePrefix(c) })
}

/** The hash of the session token the request presents, if any. */
export async function presentedTokenHash(c: Context): Promise<string | null> {
  const token = getCookie(c, COOKIE, cookiePrefix(c))
  return token && token.length <= 64 ? sha256Hex(token) : null
}

/**
 * Finds the signed-in member for a request, or null. Expired sessions are deleted on sight.
 */
export async function loadViewer(c: Context<AppEnv>, now: Date): Promise<Viewer | null> {
  const tokenHash = await presentedTokenHash(c)
  if (!tokenHash) return null
  const db = database(c.env.DB)
  const row = await db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .selectAll('accounts')
    .select([
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'sessions.expires_at',
      (eb) =>
        eb
          .selectFrom('account_roles')
          .whereRef('account_roles.account_id', '=', 'accounts.id')
          .select((r) => r.fn<string>('group_concat', [r.ref('role')]).as('roles'))
          .as('roles'),
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst()
  if (!row) return null

  const lastSeen = Date.parse(row.last_seen_at)
  if (now.getTime() >= Date.parse(row.expires_at) || now.getTime() - lastSeen >= IDLE_MS) {
    await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute()
    return null
  }
  if (now.getTime() - lastSeen >= TOUCH_MS) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now.toISOString() })
      .where('token_hash', '=', tokenHash)
      .execute()
  }
  const { csrf_token, last_seen_at: _seen, expires_at: _expires, roles, ...account } = row
  return {
    account,
    roles: roles ? (roles.split(',').sort() as StaffRole[]) : [],
    tokenHash,
    csrfToken: csrf_token,
  }
}
