import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { type Posting, UnbalancedTransaction } from '../../functions/ledger/ledger.ts'
import { recordTransaction } from '../../functions/ledger/repository.ts'
import { newId } from '../../functions/lib/crypto.ts'
import { atomically, database, prepareSql } from '../../functions/lib/db.ts'

const db = database(env.DB)

function tx(postings: Posting[]) {
  const id = newId('ltx')
  return {
    id,
    kind: 'test',
    currency: 'usd',
    occurredAt: new Date().toISOString(),
    reference: `test:${id}`,
    postings,
  }
}

async function entryCount() {
  const row = await env.DB.prepare('SELECT count(*) AS n FROM ledger_entries').first<{
    n: number
  }>()
  return row?.n ?? 0
}

/** Balanced postings: random debits, and the same total credited across random accounts. */
const balanced = fc
  .array(fc.integer({ min: 1, max: 100_000_000 }), { minLength: 1, maxLength: 8 })
  .chain((debits) =>
    fc.integer({ min: 1, max: 4 }).map((splits) => {
      const total = debits.reduce((s, d) => s + d, 0)
      const credits = Array.from(
        { length: splits },
        (_, i) => Math.floor(total / splits) + (i < total % splits ? 1 : 0),
      ).filter((c) => c > 0)
      return [
        ...debits.map((debit, i): Posting => ({ account: `test_debit:${i}`, debit })),
        ...credits.map((credit, i): Posting => ({ account: `test_credit:${i}`, credit })),
      ]
    }),
  )

describe('the ledger', () => {
  it('writes every balanced transaction, and Σ debits = Σ credits over the whole ledger', async () => {
    await fc.assert(
      fc.asyncProperty(balanced, async (postings) => {
        await atomically(env.DB, recordTransaction(db, tx(postings)))
      }),
      { numRuns: 40 },
    )
    const totals = await env.DB.prepare(
      'SELECT sum(debit_cents) AS d, sum(credit_cents) AS c FROM ledger_entries',
    ).first<{ d: number; c: number }>()
    expect(totals?.d).toBe(totals?.c)
  })

  it('refuses an unbalanced transaction before it is sent', () => {
    fc.assert(
      fc.property(balanced, fc.integer({ min: 1, max: 1000 }), (postings, skew) => {
        const [first, ...rest] = postings
        const skewed = {
          account: first!.account,
          debit: ('debit' in first! ? first.debit : 0) + skew,
        }
        expect(() => recordTransaction(db, tx([skewed, ...rest]))).toThrow(UnbalancedTransaction)
      }),
    )
    expect(() => recordTransaction(db, tx([{ account: 'a', debit: 5 }]))).toThrow(
      UnbalancedTransaction,
    )
    expect(() =>
      recordTransaction(
        db,
        tx([
          { account: 'a', debit: 0.5 },
          { account: 'b', credit: 0.5 },
        ]),
      ),
    ).toThrow(UnbalancedTransaction)
  })

  it('aborts the whole batch in the database when entries do not balance', async () => {
    const before = await entryCount()
    const t = tx([])
    const statements = [
      db.insertInto('ledger_transactions').values({
        id: t.id,
        kind: 'test',
        currency: 'usd',
        occurred_at: t.occurredAt,
        reference: t.reference,
      }),
      db.insertInto('ledger_entries').values([
        { transaction_id: t.id, account: 'a', debit_cents: 100, credit_cents: 0 },
        { transaction_id: t.id, account: 'b', debit_cents: 0, credit_cents: 99 },
      ]),
      prepareSql(
        env.DB,
        `INSERT INTO ledger_balance_checks (transaction_id, entries, imbalance_cents)
        SELECT ?1, count(*), sum(debit_cents) - sum(credit_cents) FROM ledger_entries WHERE transaction_id = ?1`,
        t.id,
      ),
    ]
    await expect(atomically(env.DB, statements)).rejects.toThrow(/CHECK constraint failed/)
    expect(await entryCount()).toBe(before)
  })

  it('is append-only: entries cannot be edited or deleted', async () => {
    await atomically(
      env.DB,
      recordTransaction(
        db,
        tx([
          { account: 'x', debit: 10 },
          { account: 'y', credit: 10 },
        ]),
      ),
    )
    await expect(
      env.DB.prepare('UPDATE ledger_entries SET debit_cents = 11 WHERE account = ?')
        .bind('x')
        .run(),
    ).rejects.toThrow(/append-only/)
    await expect(env.DB.prepare('DELETE FROM ledger_entries').run()).rejects.toThrow(/append-only/)
  })
})
