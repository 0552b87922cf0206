/** A page of listing results: its shape, and how one is cut from the rows a query returned. */
import type { ListingRow } from '../../schema/tables.ts'
import { encodeCursor } from '../lib/pagination.ts'
import { type ListingCardView, listingCardView } from '../listings/repository.ts'
import type { SearchParams } from './schemas.ts'

export interface ListingPage {
  items: ListingCardView[]
  next_cursor: string | null
  /** D1 rows read to answer it (meta.rows_read summed), for tests and benchmarks. */
  rows_read: number
}

export type Sort = NonNullable<SearchParams['sort']>

export type CardRow = ListingRow & { seller_name: string }

export interface Filters {
  category?: { slug: string; isRoot: boolean }
  seller?: string
  kind?: 'physical' | 'digital'
  min_price?: number
  max_price?: number
}

/** Runs a compiled query and returns its rows and D1's rows_read. */
export async function run<T>(statement: D1PreparedStatement) {
  const result = await statement.all<T>()
  return { rows: result.results, rowsRead: result.meta.rows_read ?? 0 }
}

export function cardPage(
  rows: CardRow[],
  limit: number,
  rowsRead: number,
  keyOf: (row: CardRow) => (string | number)[],
): ListingPage {
  const items = rows.slice(0, limit)
  const last = items[items.length - 1]
  return {
    items: items.map(listingCardView),
    next_cursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null,
    rows_read: rowsRead,
  }
}
