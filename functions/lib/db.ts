/**
 * Database access. Reads go through Kysely; writes that change more than one row are compiled
 * Kysely queries sent together through `DB.batch()`, which D1 runs as one atomic transaction
 * (D1 has no interactive transactions, and kysely-d1 throws on `transaction()`).
 */
import { type Compilable, Kysely } from 'kysely'
import { D1Dialect } from 'kysely-d1'

import type { DB, Database } from '../../schema/tables.ts'

export type { DB }

const cache = new WeakMap<D1Database, DB>()

/** The Kysely instance for a D1 binding (one per binding, reused across requests). */
export function database(d1: D1Database): DB {
  let db = cache.get(d1)
  if (!db) {
    db = new Kysely<Database>({ dialect: new D1Dialect({ database: d1 }) })
    cache.set(d1, db)
  }
  return db
}

/** A compiled Kysely query as a D1 prepared statement, ready for `batch`. */
export function prepare(d1: D1Database, query: Compilable): D1PreparedStatement {
  const { sql, parameters } = query.compile()
  return d1.prepare(sql).bind(...(parameters as unknown[]))
}

/** A prepared statement from raw SQL, for the few statements Kysely cannot express. */
export function prepareSql(d1: D1Database, sql: string, ...params: unknown[]): D1PreparedStatement {
  return d1.prepare(sql).bind(...params)
}

/**
 * Runs the statements as one atomic batch: either every statement applies or none does.
 * A failing constraint in any of them rolls back the others.
 */
export async function atomically(
  d1: D1Database,
  statements: (Compilable | D1PreparedStatement)[],
): Promise<D1Result[]> {
  return d1.batch(statements.map((s) => ('compile' in s ? prepare(d1, s) : s)))
}
