/**
 * Database access. Reads go through Kysely; writes that change more than one row are compiled
 * Kysely queries sent together through `DB.batch()`, which D1 runs as one atomic transaction
 * (D1 has no interactive transactions, and kysely-d1 throws on `transaction()`).
 */
import {
  type Compilable,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Kysely,
  type QueryResult,
} from 'kysely'
import { D1Dialect } from 'kysely-d1'

import type { DB, Database } from '../../schema/tables.ts'

export type { DB }

/**
 * kysely-d1 0.4 still reports `numUpdatedOrDeletedRows`, which Kysely 0.28 renamed to
 * `numAffectedRows` (and warns about on every run). This wraps its connections to answer with
 * the current name; everything else is kysely-d1's own.
 */
function currentD1Dialect(d1: D1Database): Dialect {
  const dialect = new D1Dialect({ database: d1 })
  const renamed = (connection: DatabaseConnection): DatabaseConnection => ({
    async executeQuery<R>(query: Parameters<DatabaseConnection['executeQuery']>[0]) {
      const { numUpdatedOrDeletedRows, ...result } = (await connection.executeQuery<R>(
        query,
      )) as QueryResult<R> & { numUpdatedOrDeletedRows?: bigint }
      return { ...result, numAffectedRows: result.numAffectedRows ?? numUpdatedOrDeletedRows }
    },
    streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
  })
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver(): Driver {
      const driver = dialect.createDriver()
      return {
        init: () => driver.init(),
        acquireConnection: async () => renamed(await driver.acquireConnection()),
        beginTransaction: (c, settings) => driver.beginTransaction(c, settings),
        commitTransaction: (c) => driver.commitTransaction(c),
        rollbackTransaction: (c) => driver.rollbackTransaction(c),
        releaseConnection: (c) => driver.releaseConnection(c),
        destroy: () => driver.destroy(),
      }
    },
  }
}

const cache = new WeakMap<D1Database, DB>()

/** The Kysely instance for a D1 binding (one per binding, reused across requests). */
export function database(d1: D1Database): DB {
  let db = cache.get(d1)
  if (!db) {
    db = new Kysely<Database>({ dialect: currentD1Dialect(d1) })
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
