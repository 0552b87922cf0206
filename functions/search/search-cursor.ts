/**
 * The cursors of listing search, one schema per order. A cursor is decoded once, where the
 * search starts, into the typed position its order needs; anything else (forged, truncated, from
 * another order, numbers no row could have) is a 400 `invalid_cursor` and never reaches D1.
 */
import { z } from 'zod'

import { fromBase64url } from '../lib/crypto.ts'
import { AppError } from '../lib/errors.ts'
import { MAX_CENTS } from '../lib/money.ts'
import type { Sort } from './results.ts'

/** A publication sequence number or an offset: a whole number D1 holds exactly. */
const position = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)

/** Each order's cursor, as the pages it cuts encode it (see results.ts and search-index.ts). */
const schemas = {
  /** `[pub_seq]` of the last listing shown. */
  newest: z.tuple([position]),
  /** `[price_cents, pub_seq]` of the last listing shown. */
  price_asc: z.tuple([z.number().int().min(0).max(MAX_CENTS), position]),
  price_desc: z.tuple([z.number().int().min(0).max(MAX_CENTS), position]),
  /** `[offset into the ranked matches, newest pub_seq of the snapshot]`. */
  relevance: z.tuple([position, position]),
} satisfies Record<Sort, z.ZodType>

/** The decoded position of each order. */
export type SearchCursor<S extends Sort = Sort> = z.output<(typeof schemas)[S]>

export const invalidCursor = () =>
  new AppError(400, 'invalid_cursor', 'That cursor is not one this server gave out.', {
    cursor: 'Use the next_cursor of the previous page.',
  })

/** The cursor's position for `sort`; 400 `invalid_cursor` when it is not one. */
export function decodeSearchCursor<S extends Sort>(sort: S, cursor: string): SearchCursor<S> {
  let value: unknown
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(cursor)))
  } catch {
    throw invalidCursor()
  }
  const parsed = schemas[sort].safeParse(value)
  if (!parsed.success) throw invalidCursor()
  return parsed.data as SearchCursor<S>
}
