/**
 * Browsing and search over published listings, one keyset page at a time. Each path is built so
 * that D1 reads about as many rows as it returns (see the rows-read test):
 * - browsing without words walks an index in the requested order;
 * - words, and filters the indexes do not cover (kind, price range), go through the FTS5 index,
 *   which answers the match, the filters (as facet tokens) and the order (rank, or rowid =
 *   publication order) itself, so only the returned listings are read.
 */
import type { Bindings } from '../app.ts'
import { type DB, database, prepare } from '../lib/db.ts'
import { AppError } from '../lib/errors.ts'
import { categoryTree } from '../listings/categories.ts'
import {
  type CardRow,
  type Filters,
  type ListingPage,
  type Sort,
  cardPage,
  run,
} from './results.ts'
import type { SearchParams } from './schemas.ts'
import { decodeSearchCursor } from './search-cursor.ts'
import { matchExpression, searchIndex, searchTerms } from './search-index.ts'

export type { ListingPage }

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
  if (needsIndex) {
    const after = params.cursor ? decodeSearchCursor(sort, params.cursor) : undefined
    return searchIndex(env.DB, matchExpression(terms, filters), sort, filters, params, after)
  }
  // Without words relevance means nothing: browsing shows the newest first.
  const order = sort === 'relevance' ? 'newest' : sort
  const after = params.cursor ? decodeSearchCursor(order, params.cursor) : undefined
  return browse(env.DB, db, order, filters, params, after)
}

/** Browsing without words: one index range walked in order (newest or by price). */
async function browse(
  d1: D1Database,
  db: DB,
  sort: Exclude<Sort, 'relevance'>,
  filters: Filters,
  params: SearchParams,
  after: readonly number[] | undefined,
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
    if (after) query = query.where('l.pub_seq', '<', after[0] as number)
    query = query.orderBy('l.pub_seq', 'desc')
  } else {
    const direction = sort === 'price_asc' ? 'asc' : 'desc'
    if (after) {
      const [price, seq] = after as [number, number]
      const beyond = direction === 'asc' ? '>' : '<'
      query = query.where((eb) =>
        eb.or([
          eb('l.price_cents', beyond, price),
          eb.and([eb('l.price_cents', '=', price), eb('l.pub_seq', beyond, seq)]),
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
