/**
 * What storage holds, cheaply enough to take around every fuzzed request: the row count of
 * every D1 table (in one query) and the key list of the R2 bucket.
 */
import { env } from 'cloudflare:workers'

/**
 * Tables a refused request may legitimately write. `rate_limits`: sign-up and sign-in count
 * the attempt before they check it (functions/lib/rate-limit.ts), so a 401 for a wrong
 * password, a 409 for a taken email and the 429 itself each bump a counter row; that is the
 * point of a rate limit, not a leak.
 */
const MAY_CHANGE_ON_REFUSAL = new Set(['rate_limits'])

/** Row counts per table and the R2 keys. */
export interface Snapshot {
  rows: Record<string, number>
  objects: string[]
}

let tables: string[] | undefined

async function tableNames(): Promise<string[]> {
  const { results } = await env.DB.prepare(
    `SELECT name FROM sqlite_master WHERE type = 'table'
       AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
       AND name <> 'd1_migrations' ORDER BY name`,
  ).all<{ name: string }>()
  return results.map((r) => r.name).filter((name) => !MAY_CHANGE_ON_REFUSAL.has(name))
}

async function objectKeys(): Promise<string[]> {
  const keys: string[] = []
  let cursor: string | undefined
  do {
    const page = await env.BUCKET.list({ cursor, limit: 1000 })
    keys.push(...page.objects.map((o) => o.key))
    cursor = page.truncated ? page.cursor : undefined
  } while (cursor)
  return keys.sort()
}

/** The current row counts (one batch) and object keys. Tables are listed once per file. */
export async function snapshot(): Promise<Snapshot> {
  tables ??= await tableNames()
  // One statement per table: D1 refuses a compound SELECT of more than a few terms.
  const counts = await env.DB.batch<{ n: number }>(
    tables.map((name) => env.DB.prepare(`SELECT count(*) AS n FROM "${name}"`)),
  )
  const rows = Object.fromEntries(tables.map((name, i) => [name, counts[i]?.results[0]?.n ?? -1]))
  return { rows, objects: await objectKeys() }
}
