import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Bindings } from '../../functions/app.ts'
import { searchListings } from '../../functions/search/search.ts'
import type { SearchParams } from '../../functions/search/schemas.ts'

const CATALOGUE = 100_000
const WORDS = [
  'heron',
  'tern',
  'kingfisher',
  'moor',
  'estuary',
  'linocut',
  'stoneware',
  'indigo',
  'oak',
  'willow',
  'tide',
  'lantern',
  'harbour',
  'meadow',
  'copper',
  'glaze',
  'linen',
  'fern',
  'slate',
  'amber',
]
const LEAVES = [
  'prints',
  'paintings',
  'photography',
  'illustration',
  'ceramics',
  'textiles',
  'jewellery',
  'woodwork',
  'paper',
  'patterns',
  'wallpapers',
]
const ROOT: Record<string, string> = {
  prints: 'art',
  paintings: 'art',
  photography: 'art',
  illustration: 'art',
  ceramics: 'craft',
  textiles: 'craft',
  jewellery: 'craft',
  woodwork: 'craft',
  paper: 'craft',
  patterns: 'digital',
  wallpapers: 'digital',
}

/**
 * Seeds a 100,000-listing catalogue inside D1 itself (recursive CTEs), so the full-text
 * triggers fill the index exactly as they do for listings published through the API.
 */
async function seedCatalogue() {
  const words = JSON.stringify(WORDS)
  const leaves = JSON.stringify(LEAVES)
  const roots = JSON.stringify(LEAVES.map((l) => ROOT[l]))
  await env.DB.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)
     INSERT INTO accounts (id, email, password_hash, display_name, created_at, membership_status, member_since, seller_status, payouts_ready)
     SELECT 'acct_bench_' || i, 'bench' || i || '@example.coop', 'x', 'Bench Artist ' || i, '2026-01-01T00:00:00.000Z', 'active', '2026-01-01T00:00:00.000Z', 'approved', 1 FROM n`,
  ).run()
  await env.DB.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${CATALOGUE})
     INSERT INTO listings (id, seller_id, title, description, price_cents, currency, kind, quantity, shipping_cents,
       category_slug, category_root, tags, status, created_at, updated_at, published_at, pub_seq,
       image_count, cover_thumb_key, cover_width, cover_height)
     SELECT 'lst_bench_' || i, 'acct_bench_' || (i % 50 + 1),
       json_extract(?1, '$[' || (i % 20) || ']') || ' ' || json_extract(?1, '$[' || ((i / 20) % 20) || ']') || ' no. ' || i,
       'Handmade ' || json_extract(?1, '$[' || ((i / 400) % 20) || ']') || ' piece, one of a kind.',
       100 + (i * 7919) % 50000, 'usd', CASE WHEN i % 7 = 0 THEN 'digital' ELSE 'physical' END,
       CASE WHEN i % 7 = 0 THEN NULL ELSE 1 + i % 5 END, CASE WHEN i % 7 = 0 THEN 0 ELSE 500 END,
       json_extract(?2, '$[' || (i % 11) || ']'), json_extract(?3, '$[' || (i % 11) || ']'),
       json_array(json_extract(?1, '$[' || ((i / 3) % 20) || ']')), 'published',
       '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', i,
       1, 'listings/bench/' || i || '/thumb.webp', 480, 360
     FROM n`,
  )
    .bind(words, leaves, roots)
    .run()
}

const budget = (limit: number) => 5 * limit + 50

async function rowsRead(params: Partial<SearchParams>) {
  const page = await searchListings(env as unknown as Bindings, { limit: 24, ...params })
  return page
}

beforeAll(async () => {
  await seedCatalogue()
}, 600_000)

describe('rows read at 100,000 listings (at most 5 × limit + 50 per request)', () => {
  const cases: [string, Partial<SearchParams>][] = [
    ['newest', {}],
    ['price, low to high', { sort: 'price_asc' }],
    ['price, high to low', { sort: 'price_desc' }],
    ['a top-level category', { category: 'art' }],
    ['a category by price', { category: 'ceramics', sort: 'price_asc' }],
    ['a seller', { seller: 'acct_bench_7' }],
    ['a kind', { kind: 'digital' }],
    ['a price range, newest', { min_price: 1000, max_price: 5000 }],
    ['a price range by price', { min_price: 1000, max_price: 5000, sort: 'price_asc' }],
    ['a common word', { q: 'heron' }],
    ['two words', { q: 'heron estuary' }],
    ['a prefix', { q: 'kingf' }],
    ['words in a category, of a kind', { q: 'tide', category: 'craft', kind: 'physical' }],
    ['words, newest', { q: 'willow', sort: 'newest' }],
    ['words in a price range', { q: 'amber', min_price: 2000, max_price: 30000 }],
    ['the biggest page', { q: 'oak', limit: 100 }],
  ]

  it.each(cases)('%s', async (_name, params) => {
    const first = await rowsRead(params)
    const limit = params.limit ?? 24
    expect(first.items.length).toBe(limit)
    expect(first.rows_read).toBeLessThanOrEqual(budget(limit))
    // The next page costs no more than the first.
    const second = await rowsRead({ ...params, cursor: first.next_cursor ?? undefined })
    expect(second.items.length).toBe(limit)
    expect(second.rows_read).toBeLessThanOrEqual(budget(limit))
    expect(second.items.map((i) => i.id)).not.toContain(first.items[0]?.id)
  })
})
