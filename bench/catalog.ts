/**
 * A large synthetic catalogue for the benchmark: sellers and published listings written
 * straight into local D1 as SQL (compiled by the same Kysely the Worker uses), so the full-text
 * triggers index every row exactly as they would after a real publish.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import type { Insertable } from 'kysely'

import type { AccountsTable, ListingsTable } from '../schema/tables.ts'
import { compiler, toSqlText } from '../tools/sql.ts'
import { wrangler } from '../tools/stack.ts'

/** D1 refuses SQL statements over 100 kB; stay well under it. */
const MAX_STATEMENT_BYTES = 90_000
/** Rows per file handed to `wrangler d1 execute` (each file is one import). */
const ROWS_PER_FILE = 25_000

const words = (text: string) => text.split(' ')
const ADJECTIVES = words(
  'blue red quiet golden small wild coastal speckled marbled northern striped indigo ochre green woven hand-painted',
)
const NOUNS = words(
  'print vase bowl scarf notebook pendant board landscape poster jug cushion wallpaper pattern mug study tapestry postcard',
)
const SUBJECTS = words(
  'heron harbour meadow fern sierra lake moon garden tide forest pine river market orchard dune valley',
)
const FILLER = words(
  'made by hand in small batches from local materials with care signed each one unique glaze linen paper colour',
)
/** Categories as `slug:root`, from migration 0002. */
const CATEGORIES = words(
  'prints:art paintings:art photography:art illustration:art ceramics:craft textiles:craft jewellery:craft woodwork:craft paper:craft patterns:digital wallpapers:digital',
).map((pair) => pair.split(':') as [slug: string, root: string])

/** The word the search benchmark looks for: one of the adjectives, in about 1 title in 16. */
export const COMMON_WORD = 'blue'

const pick = <T>(items: readonly T[], n: number): T => items[n % items.length]!

function sellerRow(i: number, at: string): Insertable<AccountsTable> {
  return {
    id: `acct_bench_${i}`,
    email: `seller-${i}@bench.invalid`,
    // Not a valid hash: benchmark sellers never sign in.
    password_hash: 'bench-no-login',
    display_name: `${pick(SUBJECTS, i)} studio ${i}`,
    created_at: at,
    membership_status: 'active',
    member_since: at,
    seller_status: 'approved',
    seller_since: at,
    payouts_ready: 1,
    bio: 'A benchmark seller.',
  }
}

function listingRow(n: number, sellers: number, start: number): Insertable<ListingsTable> {
  // Multiplicative hashing spreads the words so neighbours in pub_seq differ.
  const h = Math.imul(n, 2654435761) >>> 0
  const [slug, root] = pick(CATEGORIES, h >>> 3)
  const digital = root === 'digital'
  const at = new Date(start + n * 1000).toISOString()
  const text = Array.from({ length: 16 }, (_, k) => pick(FILLER, (h >>> k) + k * n))
  return {
    id: `lst_bench_${n}`,
    seller_id: `acct_bench_${h % sellers}`,
    title: `${pick(ADJECTIVES, h)} ${pick(SUBJECTS, h >>> 5)} ${pick(NOUNS, h >>> 9)}`,
    description: text.join(' '),
    price_cents: 500 + (h % 50_000),
    currency: 'usd',
    kind: digital ? 'digital' : 'physical',
    quantity: digital ? null : 1 + (h % 20),
    shipping_cents: digital ? 0 : 300 + (h % 900),
    category_slug: slug,
    category_root: root,
    tags: JSON.stringify([pick(SUBJECTS, h >>> 13), pick(NOUNS, h >>> 17)]),
    status: 'published',
    featured: n % 97 === 0 ? 1 : 0,
    cover_image_id: null,
    cover_thumb_key: `bench/thumb-${n % 16}.webp`,
    cover_width: 1200,
    cover_height: 900,
    image_count: 1,
    created_at: at,
    updated_at: at,
    published_at: at,
    pub_seq: n,
  }
}

/** Multi-row INSERTs of `rows`, each statement kept under D1's size limit. */
function insertStatements<T extends 'accounts' | 'listings'>(
  table: T,
  rows: Insertable<T extends 'accounts' ? AccountsTable : ListingsTable>[],
): string[] {
  const statements: string[] = []
  let chunk = 200
  for (let i = 0; i < rows.length;) {
    const slice = rows.slice(i, i + chunk)
    const text = toSqlText(compiler.insertInto(table).values(slice as never))
    if (text.length > MAX_STATEMENT_BYTES && chunk > 1) {
      chunk = Math.floor(chunk / 2)
      continue
    }
    statements.push(text)
    i += slice.length
  }
  return statements
}

/**
 * Writes `listings` published listings by `sellers` sellers into the local D1 at `persistTo`
 * (already migrated). Returns the seconds it took.
 */
export async function seedLargeCatalog(persistTo: string, listings: number, sellers: number) {
  const started = performance.now()
  const at = new Date('2025-01-01T00:00:00Z')
  const files: string[][] = [
    insertStatements(
      'accounts',
      Array.from({ length: sellers }, (_, i) => sellerRow(i, at.toISOString())),
    ),
  ]
  for (let from = 1; from <= listings; from += ROWS_PER_FILE) {
    const count = Math.min(ROWS_PER_FILE, listings - from + 1)
    const rows = Array.from({ length: count }, (_, k) =>
      listingRow(from + k, sellers, at.getTime()),
    )
    files.push(insertStatements('listings', rows))
  }
  for (const [i, statements] of files.entries()) {
    const file = join(persistTo, `bench-seed-${i}.sql`)
    await writeFile(file, statements.join('\n') + '\n')
    await wrangler(['d1', 'execute', 'fairstall', '--local', '--yes', '--file', file], persistTo)
  }
  return (performance.now() - started) / 1000
}
