/**
 * Search through the FTS5 index: words (as prefixes) and facet filters in one MATCH, ordered by
 * the index itself (rank, or rowid = publication order), so that only the listings returned are
 * read from the listings table.
 */
import { encodeCursor } from '../lib/pagination.ts'
import { listingCardView } from '../listings/repository.ts'
import {
  type CardRow,
  type Filters,
  type ListingPage,
  type Sort,
  cardPage,
  run,
} from './results.ts'
import type { SearchParams } from './schemas.ts'

/** How many of the most relevant matches a price-ordered search sorts (see the README). */
export const PRICE_SORT_CANDIDATES = 500

/** Words of a query, each matched as a prefix: "blue bir" finds "blue birds". */
export function searchTerms(q: string | undefined): string[] {
  return (
    (q ?? '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu)
      ?.slice(0, 8) ?? []
  )
}

/** Coarse price bucket of the facet tokens: p_0 is 0¢, p_k holds [2^(k-1), 2^k) cents. */
export function priceBucket(cents: number): number {
  return cents < 1 ? 0 : Math.floor(Math.log2(cents)) + 1
}

/** Fine price bucket: q_f holds [2^(f/16), 2^((f+1)/16)) cents (about 4.4 % wide). */
export function finePriceBucket(cents: number): number {
  return Math.floor(Math.log2(Math.max(cents, 1)) * 16)
}

/**
 * The facet tokens that cover a price range: whole coarse buckets inside it, fine buckets at
 * its edges. One fine bucket of margin each side absorbs any last-bit difference between
 * SQLite's and JavaScript's log2; the exact bounds are applied to the rows afterwards.
 */
export function priceRangeTokens(min: number | undefined, max: number | undefined): string[] {
  const lo = finePriceBucket(min ?? 1) - 1
  const hi = finePriceBucket(max ?? 1_000_000_000) + 1
  const tokens: string[] = (min ?? 0) < 1 ? ['p_0'] : []
  for (let f = lo; f <= hi;) {
    const coarse = Math.floor(f / 16) + 1
    const first = 16 * (coarse - 1)
    if (f === first && first + 15 <= hi) {
      tokens.push(`p_${coarse}`)
      f += 16
    } else {
      if (f >= 0) tokens.push(`q_${f}`)
      f += 1
    }
  }
  return tokens
}

const token = (prefix: string, value: string) =>
  `"${prefix}_${value.toLowerCase().replace(/-/g, '_')}"`

/** The FTS5 MATCH expression for the words and filters. */
export function matchExpression(terms: string[], filters: Filters): string {
  const parts = terms.map((t) => `"${t}"*`)
  if (filters.kind) parts.push(`facets : ${token('k', filters.kind)}`)
  if (filters.category) {
    parts.push(`facets : ${token(filters.category.isRoot ? 'r' : 'c', filters.category.slug)}`)
  }
  if (filters.seller) parts.push(`facets : ${token('s', filters.seller)}`)
  if (filters.min_price !== undefined || filters.max_price !== undefined) {
    const tokens = priceRangeTokens(filters.min_price, filters.max_price).map((t) => `"${t}"`)
    parts.push(`facets : (${tokens.join(' OR ')})`)
  }
  return parts.join(' AND ')
}

const CARD_COLUMNS = 'l.*, a.display_name AS seller_name'

/**
 * Relevance order. FTS5 ranks inside the index only for a plain `ORDER BY rank` (ties in rowid
 * order), so a page is the next stretch of the ranked rowids, joined to their listings in the
 * same statement. Ranks shift as listings are added, so the cursor is a position within a
 * snapshot (the newest publication when the first page was served): listings published later
 * wait for a new search, and the pages already seen neither repeat nor skip.
 */
async function relevancePage(
  d1: D1Database,
  match: string,
  filters: Filters,
  params: SearchParams,
  after: readonly number[] | undefined,
): Promise<ListingPage> {
  const [offset, snapshotSeq] = after ? (after as [number, number]) : [0, null]
  const want = params.limit + 1
  const priced = filters.min_price !== undefined || filters.max_price !== undefined
  const minPrice = filters.min_price ?? 0
  const maxPrice = filters.max_price ?? 1_000_000_000
  const picked: { row: CardRow; position: number }[] = []
  let snapshot = snapshotSeq
  let rowsRead = 0
  let position = offset
  // A price range's edge buckets hold some listings outside it: ask for a quarter more, and
  // read on (rarely) until the page is full. Each round re-reads the ranked rowids before its
  // offset, since FTS5 cannot seek into rank order.
  for (let round = 0; round < 4 && picked.length < want; round++) {
    const missing = want - picked.length
    const chunk = priced ? missing + Math.ceil(missing / 4) : missing
    const { rows, rowsRead: read } = await run<CardRow & { score: number; newest: number | null }>(
      d1
        .prepare(
          `SELECT ${CARD_COLUMNS}, f.rank AS score, (SELECT max(pub_seq) FROM listings) AS newest
           FROM (
             SELECT rowid, rank FROM listings_fts
             WHERE listings_fts MATCH ?1 AND rowid <= ?2 ORDER BY rank LIMIT ?3 OFFSET ?4
           ) f JOIN listings l ON l.pub_seq = f.rowid JOIN accounts a ON a.id = l.seller_id`,
        )
        .bind(match, snapshot ?? Number.MAX_SAFE_INTEGER, chunk, position),
    )
    rowsRead += read
    snapshot ??= rows[0]?.newest ?? 0
    // The index's own order: rank, ties by rowid (= pub_seq).
    rows.sort((a, b) => a.score - b.score || (a.pub_seq ?? 0) - (b.pub_seq ?? 0))
    rows.forEach((row, index) => {
      if (row.price_cents >= minPrice && row.price_cents <= maxPrice) {
        picked.push({ row, position: position + index })
      }
    })
    if (rows.length < chunk) break
    position += chunk
  }
  const items = picked.slice(0, params.limit)
  const last = items[items.length - 1]
  return {
    items: items.map(({ row }) => listingCardView(row)),
    next_cursor:
      picked.length > params.limit && last
        ? encodeCursor([last.position + 1, snapshot ?? 0])
        : null,
    rows_read: rowsRead,
  }
}

/**
 * Words and facet filters through the FTS5 index. `after` is the decoded cursor of `sort`
 * (see search-cursor.ts).
 */
export async function searchIndex(
  d1: D1Database,
  match: string,
  sort: Sort,
  filters: Filters,
  params: SearchParams,
  after?: readonly number[],
) {
  const limit = params.limit + 1
  // Price edges: the bucket tokens narrow to whole powers of two; these trim the ends.
  const priceSql = ' AND l.price_cents BETWEEN ?3 AND ?4'
  const minPrice = filters.min_price ?? 0
  const maxPrice = filters.max_price ?? 1_000_000_000
  const join = `JOIN listings l ON l.pub_seq = f.rowid JOIN accounts a ON a.id = l.seller_id`
  if (sort === 'relevance') return relevancePage(d1, match, filters, params, after)
  if (sort === 'newest') {
    const before = after ? (after[0] as number) : Number.MAX_SAFE_INTEGER
    const statement = d1
      .prepare(
        `SELECT ${CARD_COLUMNS} FROM listings_fts f ${join}
         WHERE listings_fts MATCH ?1 AND f.rowid < ?5 ${priceSql}
         ORDER BY f.rowid DESC LIMIT ?2`,
      )
      .bind(match, limit, minPrice, maxPrice, before)
    const { rows, rowsRead } = await run<CardRow>(statement)
    return cardPage(rows, params.limit, rowsRead, (row) => [row.pub_seq ?? 0])
  }
  // By price: sort the most relevant matches (FTS5 cannot order by a listing column itself).
  const direction = sort === 'price_asc' ? 'ASC' : 'DESC'
  const beyond = sort === 'price_asc' ? '>' : '<'
  const start = sort === 'price_asc' ? -1 : Number.MAX_SAFE_INTEGER
  const [price, seq] = after ? (after as [number, number]) : [start, start]
  const statement = d1
    .prepare(
      `SELECT ${CARD_COLUMNS} FROM (
         SELECT rowid FROM listings_fts WHERE listings_fts MATCH ?1 ORDER BY rank LIMIT ${PRICE_SORT_CANDIDATES}
       ) f ${join}
       WHERE 1 ${priceSql}
         AND (l.price_cents ${beyond} ?5 OR (l.price_cents = ?5 AND l.pub_seq ${beyond} ?6))
       ORDER BY l.price_cents ${direction}, l.pub_seq ${direction} LIMIT ?2`,
    )
    .bind(match, limit, minPrice, maxPrice, price, seq)
  const { rows, rowsRead } = await run<CardRow>(statement)
  return cardPage(rows, params.limit, rowsRead, (row) => [row.price_cents, row.pub_seq ?? 0])
}
