/**
 * The member's own sessions: listed by public id (never the token hash), ended one at a time
 * or all but the one in use. Shared by the JSON API and the settings page.
 */
import type { Viewer } from '../app.ts'
import { database } from '../lib/db.ts'
import { notFound } from '../lib/errors.ts'
import { IDLE_MS } from './sessions.ts'

/** A session as `GET /me/sessions` shows it. */
export interface SessionView {
  id: string
  created_at: string
  last_seen_at: string
  client: string
  /** True for the session this request came with. */
  current: boolean
}

/** The member's live sessions, the current one first, then the most recently used. */
export async function listSessions(d1: D1Database, viewer: Viewer, now: Date) {
  const idleSince = new Date(now.getTime() - IDLE_MS).toISOString()
  const rows = await database(d1)
    .selectFrom('sessions')
    .select(['id', 'token_hash', 'created_at', 'last_seen_at', 'client'])
    .where('account_id', '=', viewer.account.id)
    // Ended by time but not yet swept (loadViewer deletes them on sight): not shown.
    .where('expires_at', '>', now.toISOString())
    .where('last_seen_at', '>', idleSince)
    .orderBy('last_seen_at', 'desc')
    .orderBy('id')
    .execute()
  const items: SessionView[] = rows.map(({ token_hash, ...row }) => ({
    ...row,
    current: token_hash === viewer.tokenHash,
  }))
  return items.sort((a, b) => Number(b.current) - Number(a.current))
}

/**
 * Ends one of the member's sessions (the current one too: that signs this browser out, and
 * `current` says so). 404 for an id that is not one of theirs, so others' ids reveal nothing.
 */
export async function endSession(d1: D1Database, viewer: Viewer, id: string) {
  const db = database(d1)
  const result = await db
    .deleteFrom('sessions')
    .where('id', '=', id)
    .where('account_id', '=', viewer.account.id)
    .returning('token_hash')
    .executeTakeFirst()
  if (!result) throw notFound('The session')
  return { current: result.token_hash === viewer.tokenHash }
}

/** Ends every session of the member but the one this request came with. */
export async function endOtherSessions(d1: D1Database, viewer: Viewer): Promise<void> {
  await database(d1)
    .deleteFrom('sessions')
    .where('account_id', '=', viewer.account.id)
    .where('token_hash', '!=', viewer.tokenHash)
    .execute()
}
