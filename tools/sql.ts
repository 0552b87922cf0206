/**
 * Compile-only Kysely for Node tools (the seed, admin:grant): builds the same typed queries the
 * Worker runs and turns them into plain SQL text for `wrangler d1 execute`.
 */
import {
  type Compilable,
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely'

import type { Database } from '../schema/tables.ts'

/** A Kysely instance that compiles SQLite queries and never connects to anything. */
export const compiler = new Kysely<Database>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
})

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL'
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value === 'boolean') return value ? '1' : '0'
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`
  throw new Error(`cannot inline ${typeof value} into SQL`)
}

/** One statement as SQL text with its parameters inlined as literals. */
export function toSqlText(query: Compilable): string {
  const { sql, parameters } = query.compile()
  let index = 0
  // Kysely's SQLite output uses `?` only as placeholders: identifiers are quoted, values bound.
  const text = sql.replace(/\?/g, () => literal(parameters[index++]))
  if (index !== parameters.length) throw new Error(`parameter count mismatch in ${sql}`)
  return `${text};`
}
