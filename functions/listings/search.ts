/**
 * Browsing and search over published listings, one keyset page at a time. Each path is built so
 * that D1 reads about as many rows as it returns (see the rows-read test):
 * - browsing without words walks an index in the requested order;
 * - words, and filters the indexes do not cover (kind, price range), go through the FTS5 index,
 *   which answers the match, the filters (as facet tokens) and the order (rank, or rowid =
 *   publication order) itself, so only the returned listings are read.
 */
import type { ListingRow } from '../../schema/tables.ts'
import type { Bindings, Viewer } from '../app.ts'
import { type DB, database, prepare } from '../lib/db.ts'
import { AppError, notFound } from '../lib/errors.ts'
import { decodeCursor, encodeCursor } from '../lib/pagination.ts'
import { type ListingCardView, listingCardView } from './repository.ts'
import type { SearchParams } from './schemas.ts'

export interface ListingPage {
  items: ListingCardView[]
  next_cursor: string | null
  /** D1 rows read to answer it (meta.rows_read summed), for tests and benchmarks. */
  rows_read: number
}

type Sort = NonNullable<SearchParams['sort']>
type CardRow = ListingRow & { seller_name: string }

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

interface Filters {
  category?: { slug: string; isRoot: boolean }
  seller?: string
  kind?: 'physical' | 'digital'
  min_price?: number
  max_price?: number
}

/** The FTS5 MATCH expression for the words and filters. */
function matchExpression(terms: string[], filters: Filters): string {
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

async function resolveCategory(env: Bindings, slug: string | undefined) {
  if (!slug) return undefined
  const tree = await categoryTree(env)
  if (tree.some((root) => root.slug === slug)) return { slug, isRoot: true }
  if (tree.some((root) => root.children.some((child) => child.slug === slug))) {
    return { slug, isRoot: false }
  }
  throw new AppError(400, 'invalid_input', 'Unknown category.', { category: 'Unknown category.' })
}

function checkPriceRange(params: SearchParams) {
  if (
    params.min_price !== undefined &&
    params.max_price !== undefined &&
    params.min_price > params.max_price
  ) {
    throw new AppError(400, 'invalid_input', 'The price range is empty.', {
      max_price: 'The highest price must be at least the lowest.',
    })
  }
}

/** Published listings matching the filters, in the chosen order, one keyset page. */
export async function searchListings(env: Bindings, params: SearchParams): Promise<ListingPage> {
  checkPriceRange(params)
  const db = database(env.DB)
  const filters: Filters = {
    category: await resolveCategory(env, params.category),
    seller: params.seller,
    kind: params.kind,
    min_price: params.min_price,
    max_price: params.max_price,
  }
  const terms = searchTerms(params.q)
  const sort: Sort = params.sort ?? (terms.length ? 'relevance' : 'newest')
  const needsIndex =
    terms.length > 0 ||
    filters.kind !== undefined ||
    (sort === 'newest' && (filters.min_price !== undefined || filters.max_price !== undefined))
  if (filters.seller && !/^[A-Za-z0-9_-]{1,80}$/.test(filters.seller)) {
    return { items: [], next_cursor: null, rows_read: 0 }
  }
  const page = needsIndex
    ? await searchIndex(env.DB, matchExpression(terms, filters), sort, filters, params)
    : await browse(env.DB, db, sort === 'relevance' ? 'newest' : sort, filters, params)
  return page
}

/** Runs a compiled query and returns its rows and D1's rows_read. */
async function run<T>(statement: D1PreparedStatement) {
  const result = await statement.all<T>()
  return { rows: result.results, rowsRead: result.meta.rows_read ?? 0 }
}

function cardPage(
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

/** Browsing without words: one index range walked in order (newest or by price). */
async function browse(
  d1: D1Database,
  db: DB,
  sort: Exclude<Sort, 'relevance'>,
  filters: Filters,
  params: SearchParams,
) {
  let query = db
    .selectFrom('listings as l')
    .innerJoin('accounts as a', 'a.id', 'l.seller_id')
    .selectAll('l')
    .select('a.display_name as seller_name')
    .where('l.status', '=', 'published')
  if (filters.category) {
    query = query.where(
      filters.category.isRoot ? 'l.category_root' : 'l.category_slug',
      '=',
      filters.category.slug,
    )
  }
  if (filters.seller) query = query.where('l.seller_id', '=', filters.seller)
  if (filters.min_price !== undefined) query = query.where('l.price_cents', '>=', filters.min_price)
  if (filters.max_price !== undefined) query = query.where('l.price_cents', '<=', filters.max_price)
  if (sort === 'newest') {
    if (params.cursor)
      query = query.where('l.pub_seq', '<', Number(decodeCursor(params.cursor, 1)[0]))
    query = query.orderBy('l.pub_seq', 'desc')
  } else {
    const direction = sort === 'price_asc' ? 'asc' : 'desc'
    if (params.cursor) {
      const [price, seq] = decodeCursor(params.cursor, 2).map(Number) as [number, number]
      const after = direction === 'asc' ? '>' : '<'
      query = query.where((eb) =>
        eb.or([
          eb('l.price_cents', after, price),
          eb.and([eb('l.price_cents', '=', price), eb('l.pub_seq', after, seq)]),
        ]),
      )
    }
    query = query.orderBy('l.price_cents', direction).orderBy('l.pub_seq', direction)
  }
  const { rows, rowsRead } = await run<CardRow>(prepare(d1, query.limit(params.limit + 1)))
  return cardPage(rows, params.limit, rowsRead, (row) =>
    sort === 'newest' ? [row.pub_seq ?? 0] : [row.price_cents, row.pub_seq ?? 0],
  )
}

const CARD_COLUMNS = 'l.*, a.display_name AS seller_name'

/** The newest publication's number: one row through the UNIQUE index on pub_seq. */
async function newestPublication(d1: D1Database) {
  const { rows, rowsRead } = await run<{ seq: number | null }>(
    d1.prepare('SELECT max(pub_seq) AS seq FROM listings'),
  )
  return { seq: rows[0]?.seq ?? 0, rowsRead }
}

/** Listings (with seller names) for FTS rowids, keyed by rowid; integers only reach the SQL. */
async function cardsBySeq(d1: D1Database, seqs: number[], minPrice: number, maxPrice: number) {
  if (!seqs.length) return { bySeq: new Map<number, CardRow>(), rowsRead: 0 }
  const list = seqs.map((n) => Math.trunc(n)).join(',')
  const { rows, rowsRead } = await run<CardRow>(
    d1
      .prepare(
        `SELECT ${CARD_COLUMNS} FROM listings l JOIN accounts a ON a.id = l.seller_id
         WHERE l.pub_seq IN (${list}) AND l.price_cents BETWEEN ?1 AND ?2`,
      )
      .bind(minPrice, maxPrice),
  )
  return { bySeq: new Map(rows.map((row) => [row.pub_seq ?? 0, row])), rowsRead }
}

/**
 * Relevance order. FTS5 ranks inside the index only for a plain `ORDER BY rank` (ties in rowid
 * order), so a page is the next stretch of the ranked rowids, then one query for their
 * listings. Ranks shift as listings are added, so the cursor is a position within a snapshot
 * (the newest publication when the first page was served): listings published later wait for
 * a new search, and the pages already seen neither repeat nor skip.
 */
async function relevancePage(
  d1: D1Database,
  match: string,
  filters: Filters,
  params: SearchParams,
) {
  const [offset, snapshotSeq] = params.cursor
    ? (decodeCursor(params.cursor, 2).map(Number) as [number, number])
    : [0, null]
  const snapshot =
    snapshotSeq === null ? await newestPublication(d1) : { seq: snapshotSeq, rowsRead: 0 }
  const minPrice = filters.min_price ?? 0
  const maxPrice = filters.max_price ?? 1_000_000_000
  const want = params.limit + 1
  const picked: { row: CardRow; position: number }[] = []
  let rowsRead = snapshot.rowsRead
  let position = offset
  // A price range's edge buckets hold some listings outside it: ask for a quarter more, and
  // read on (rarely) until the page is full. Each round re-reads the ranked rowids before its
  // offset, since FTS5 cannot seek into rank order.
  const priced = filters.min_price !== undefined || filters.max_price !== undefined
  for (let round = 0; round < 4 && picked.length < want; round++) {
    const missing = want - picked.length
    const chunk = priced ? missing + Math.ceil(missing / 4) : missing
    const ranked = await run<{ rowid: number }>(
      d1
        .prepare(
          `SELECT rowid FROM listings_fts WHERE listings_fts MATCH ?1 AND rowid <= ?2
           ORDER BY rank LIMIT ?3 OFFSET ?4`,
        )
        .bind(match, snapshot.seq, chunk, position),
    )
    const cards = await cardsBySeq(
      d1,
      ranked.rows.map((r) => r.rowid),
      minPrice,
      maxPrice,
    )
    rowsRead += ranked.rowsRead + cards.rowsRead
    for (const { rowid } of ranked.rows) {
      const row = cards.bySeq.get(rowid)
      if (row) picked.push({ row, position })
      position += 1
    }
    if (ranked.rows.length < chunk) break
  }
  const items = picked.slice(0, params.limit)
  const last = items[items.length - 1]
  return {
    items: items.map(({ row }) => listingCardView(row)),
    next_cursor:
      picked.length > params.limit && last ? encodeCursor([last.position + 1, snapshot.seq]) : null,
    rows_read: rowsRead,
  }
}

/** Words and facet filters through the FTS5 index. */
async function searchIndex(
  d1: D1Database,
  match: string,
  sort: Sort,
  filters: Filters,
  params: SearchParams,
) {
  const limit = params.limit + 1
  // Price edges: the bucket tokens narrow to whole powers of two; these trim the ends.
  const priceSql = ' AND l.price_cents BETWEEN ?3 AND ?4'
  const minPrice = filters.min_price ?? 0
  const maxPrice = filters.max_price ?? 1_000_000_000
  const join = `JOIN listings l ON l.pub_seq = f.rowid JOIN accounts a ON a.id = l.seller_id`
  if (sort === 'relevance') return relevancePage(d1, match, filters, params)
  if (sort === 'newest') {
    const before = params.cursor
      ? Number(decodeCursor(params.cursor, 1)[0])
      : Number.MAX_SAFE_INTEGER
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
  const after = sort === 'price_asc' ? '>' : '<'
  const [price, seq] = params.cursor
    ? (decodeCursor(params.cursor, 2).map(Number) as [number, number])
    : [sort === 'price_asc' ? -1 : Number.MAX_SAFE_INTEGER, 0]
  const statement = d1
    .prepare(
      `SELECT ${CARD_COLUMNS} FROM (
         SELECT rowid FROM listings_fts WHERE listings_fts MATCH ?1 ORDER BY rank LIMIT ${PRICE_SORT_CANDIDATES}
       ) f ${join}
       WHERE 1 ${priceSql}
         AND (l.price_cents ${after} ?5 OR (l.price_cents = ?5 AND l.pub_seq ${after} ?6))
       ORDER BY l.price_cents ${direction}, l.pub_seq ${direction} LIMIT ?2`,
    )
    .bind(
      match,
      limit,
      minPrice,
      maxPrice,
      price,
      params.cursor ? seq : sort === 'price_asc' ? -1 : Number.MAX_SAFE_INTEGER,
    )
  const { rows, rowsRead } = await run<CardRow>(statement)
  return cardPage(rows, params.limit, rowsRead, (row) => [row.price_cents, row.pub_seq ?? 0])
}

/** Featured published listings, newest first (home page). */
export async function featuredListings(env: Bindings, limit: number): Promise<ListingCardView[]> {
  const rows = await database(env.DB)
    .selectFrom('listings as l')
    .innerJoin('accounts as a', 'a.id', 'l.seller_id')
    .selectAll('l')
    .select('a.display_name as seller_name')
    .where('l.status', '=', 'published')
    .where('l.featured', '=', 1)
    .orderBy('l.pub_seq', 'desc')
    .limit(limit)
    .execute()
  return rows.map(listingCardView)
}

/** All of the viewer's own listings, any status, most recently changed first (dashboard). */
export async function ownListings(env: Bindings, viewer: Viewer): Promise<ListingCardView[]> {
  const rows = await database(env.DB)
    .selectFrom('listings')
    .selectAll()
    .where('seller_id', '=', viewer.account.id)
    .orderBy('updated_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(500)
    .execute()
  return rows.map((row) => listingCardView({ ...row, seller_name: viewer.account.display_name }))
}

export interface CategoryNode {
  slug: string
  name: string
  children: { slug: string; name: string }[]
}

// Categories are reference data written by the migrations, so each isolate reads them once
// (per database binding) instead of on every page that shows a menu or filters by one.
const categoryCache = new WeakMap<D1Database, Promise<CategoryNode[]>>()

async function loadCategoryTree(d1: D1Database): Promise<CategoryNode[]> {
  const rows = await database(d1)
    .selectFrom('categories')
    .selectAll()
    .orderBy('position')
    .orderBy('slug')
    .execute()
  return rows
    .filter((row) => row.parent_slug === null)
    .map((root) => ({
      slug: root.slug,
      name: root.name,
      children: rows
        .filter((row) => row.parent_slug === root.slug)
        .map((row) => ({ slug: row.slug, name: row.name })),
    }))
}

/** The category tree, in display order. */
export function categoryTree(env: Bindings): Promise<CategoryNode[]> {
  let tree = categoryCache.get(env.DB)
  if (!tree) {
    tree = loadCategoryTree(env.DB)
    // A failed read is not cached: the next request tries again.
    tree.catch(() => categoryCache.delete(env.DB))
    categoryCache.set(env.DB, tree)
  }
  return tree
}

/** A seller's public storefront: who they are and their published listings (newest first). */
export async function storefront(env: Bindings, sellerId: string, cursor?: string) {
  const seller = await database(env.DB)
    .selectFrom('accounts')
    .select(['id', 'display_name', 'bio', 'member_since', 'seller_since', 'seller_status'])
    .where('id', '=', sellerId)
    .executeTakeFirst()
  if (!seller || seller.seller_status !== 'approved') throw notFound('The seller')
  const listings = await searchListings(env, {
    seller: sellerId,
    sort: 'newest',
    limit: 24,
    cursor,
  })
  const { seller_status: _status, ...profile } = seller
  return { seller: profile, listings }
}
