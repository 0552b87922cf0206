/**
 * Changing a member's profile: name, bio and location. The rename reaches the search index in
 * the same statement (the trigger of migration 0015 re-indexes the seller's published listings),
 * so search and storefront never disagree about who sells what.
 */
import type { Viewer } from '../app.ts'
import { atomically, database } from '../lib/db.ts'
import type { ProfileInput } from './schemas.ts'

/** Writes the fields given (the others stay as they are) in one batch. */
export async function updateProfile(d1: D1Database, viewer: Viewer, input: ProfileInput) {
  const db = database(d1)
  const changes = Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined),
  ) as ProfileInput
  // A form without any of the fields changes nothing (the API refuses such a body already).
  if (Object.keys(changes).length === 0) return
  await atomically(d1, [
    db.updateTable('accounts').set(changes).where('id', '=', viewer.account.id),
  ])
}

/**
 * Forgets this edge's cached copy of the member's storefront, so a signed-out visitor sees the
 * change now rather than when the short-lived copy expires (lib/page-cache.ts). Other edges
 * catch up within that lifetime.
 */
export async function forgetStorefront(origin: string, accountId: string) {
  const cache = await caches.open('public-pages')
  await cache.delete(new Request(`${origin}/sellers/${encodeURIComponent(accountId)}`))
}
