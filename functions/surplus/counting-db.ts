/**
 * A Kysely instance over D1 that sums D1's `rows_read` of every query it runs, for the report's
 * Server-Timing header (the benchmark and the tests read it). Read-only use: the report's
 * queries only; writes go through the shared instance and `atomically`.
 */
import {
  type DatabaseConnection,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely'

import type { DB, Database } from '../../schema/tables.ts'

/** A fresh instance and its counter: one per request, so the sum is that request's. */
export function countingDatabase(d1: D1Database): { db: DB; rowsRead: () => number } {
  let rowsRead = 0
  const connection: DatabaseConnection = {
    async executeQuery<R>(query: { sql: string; parameters: readonly unknown[] }) {
      const result = await d1
        .prepare(query.sql)
        .bind(...query.parameters)
        .all<R>()
      rowsRead += result.meta.rows_read ?? 0
      return { rows: result.results }
    },
    // eslint-disable-next-line require-yield
    async *streamQuery() {
      throw new Error('streaming is not supported on D1')
    },
  }
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createIntrospector: (kysely) => new SqliteIntrospector(kysely),
      createQueryCompiler: () => new SqliteQueryCompiler(),
      createDriver: () => ({
        init: async () => {},
        acquireConnection: async () => connection,
        beginTransaction: async () => {
          throw new Error('D1 has no interactive transactions: use atomically()')
        },
        commitTransaction: async () => {},
        rollbackTransaction: async () => {},
        releaseConnection: async () => {},
        destroy: async () => {},
      }),
    },
  })
  return { db, rowsRead: () => rowsRead }
}
