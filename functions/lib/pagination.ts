/**
 * Keyset pagination (spec/api.md "Lists"): `?limit=` 1–100 (default 24) and an opaque
 * `?cursor=` naming the last row seen, so pages stay stable while rows are added.
 */
import { z } from 'zod'

import { base64url, fromBase64url } from './crypto.ts'
import { AppError } from './errors.ts'

export const limitParam = z.coerce
  .number({ error: 'limit must be a whole number from 1 to 100.' })
  .int('limit must be a whole number from 1 to 100.')
  .min(1, 'limit must be a whole number from 1 to 100.')
  .max(100, 'limit must be a whole number from 1 to 100.')
  .default(24)

export const cursorParam = z.string().max(500).optional()

/** Encodes the sort key of the last row of a page. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return base64url(new TextEncoder().encode(JSON.stringify(key)))
}

/** Decodes a cursor into `size` strings/numbers; 400 `invalid_cursor` for anything else. */
export function decodeCursor(cursor: string, size: number): (string | number)[] {
  try {
    const key: unknown = JSON.parse(new TextDecoder().decode(fromBase64url(cursor)))
    if (
      Array.isArray(key) &&
      key.length === size &&
      key.every((k) => typeof k === 'string' || typeof k === 'number')
    ) {
      return key
    }
  } catch {
    // fall through to the 400
  }
  throw new AppError(400, 'invalid_cursor', 'That cursor is not one this server gave out.', {
    cursor: 'Use the next_cursor of the previous page.',
  })
}

/** Cuts a page fetched with limit + 1 rows into items and the next cursor. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number)[]) {
  const items = rows.slice(0, limit)
  const last = items[items.length - 1]
  return {
    items,
    next_cursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null,
  }
}
