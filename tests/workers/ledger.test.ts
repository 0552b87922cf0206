import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'

import { LedgerAccount } from '../../functions/ledger/chart.ts'
import {
  type LedgerTransaction,
  type Posting,
  UnbalancedTransaction,
} from '../../functions/ledger/ledger.ts'
import { recordTransaction } from '../../functions/ledger/repository.ts'
import { newId } from '../../functions/lib/crypto.ts'
import { atomically, database, prepareSql } from '../../functions/lib/db.ts'
import { signUp } from './helpers.ts'

const db = database(env.DB)
let members: string[] = []

beforeAll(async () => {
  members = [(await signUp()).id, (await signUp()).id]
})

function tx(postings: Posting[]): LedgerTransaction {
  const id = newId('ltx')
  return {
    id,
    kind: 'board_income',
    currency: 'usd',
    occurredAt: new Date().toISOString(),
    reference: `test:${id}`,
    source: { type: 'board_entry', id },
    postings,
  }
}

async function entryCount() {
  const row = await env.DB.prepare('SELECT count(*) AS n FROM ledger_entries').first<{
    n: number
  }>()
  return row?.n ?? 0
}

/** Writes a balanced transaction (bank → other income) and returns its id. */
async function booked(amount = 10) {
  const t = tx([
    { account: LedgerAccount.bank, debit: amount },
    { account: LedgerAccount.otherIncome, credit: amount },
  ])
  await atomically(env.DB, recordTransaction(db, t))
  return t.id
}

const accountOf = (i: number) => {
  const member = members[i % members.length] as string
  const codes = [
    LedgerAccount.bank,
    LedgerAccount.stripeClearing,
    LedgerAccount.expenses,
    LedgerAccount.sellerPayable(member),
    LedgerAccount.memberCapital(member),
  ]
  return codes[i % codes.length] as string
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
        ...debits.map((debit, i): Posting => ({ account: accountOf(i), debit })),
        ...credits.map((credit, i): Posting => ({ account: accountOf(i + 2), credit })),
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
    expect(() => recordTransaction(db, tx([{ account: 'bank', debit: 5 }]))).toThrow(
      UnbalancedTransaction,
    )
    expect(() =>
      recordTransaction(
        db,
        tx([
          { account: 'bank', debit: 0.5 },
          { account: 'expenses', credit: 0.5 },
        ]),
      ),
    ).toThrow(UnbalancedTransaction)
  })

  it('refuses an account outside the chart before it is sent', () => {
    expect(() =>
      recordTransaction(
        db,
        tx([
          { account: 'petty_cash', debit: 5 },
          { account: 'bank', credit: 5 },
        ]),
      ),
    ).toThrow(/not in the chart/)
  })

  it('aborts the whole batch in the database when entries do not balance', async () => {
    await booked() // the accounts exist
    const before = await entryCount()
    const id = newId('ltx')
    const statements = [
      prepareSql(
        env.DB,
        `INSERT INTO ledger_transactions (id, kind, currency, occurred_at, reference, source_type, source_id)
         VALUES (?1, 'board_income', 'usd', '2026-01-01', ?1, 'board_entry', ?1)`,
        id,
      ),
      prepareSql(
        env.DB,
        `INSERT INTO ledger_entries (transaction_id, account, currency, debit_cents, credit_cents)
         VALUES (?1, 'bank', 'usd', 100, 0), (?1, 'other_income', 'usd', 0, 99)`,
        id,
      ),
      prepareSql(
        env.DB,
        `INSERT INTO ledger_balance_checks (transaction_id, entries, imbalance_cents)
        SELECT ?1, count(*), sum(debit_cents) - sum(credit_cents) FROM ledger_entries WHERE transaction_id = ?1`,
        id,
      ),
    ]
    await expect(atomically(env.DB, statements)).rejects.toThrow(/CHECK constraint failed/)
    expect(await entryCount()).toBe(before)
  })

  it('refuses a guard row whose figures are not the entries’ own', async () => {
    await booked()
    const id = newId('ltx')
    const statements = [
      prepareSql(
        env.DB,
        `INSERT INTO ledger_transactions (id, kind, currency, occurred_at, reference, source_type, source_id)
         VALUES (?1, 'board_income', 'usd', '2026-01-01', ?1, 'board_entry', ?1)`,
        id,
      ),
      prepareSql(
        env.DB,
        `INSERT INTO ledger_entries (transaction_id, account, currency, debit_cents, credit_cents)
         VALUES (?1, 'bank', 'usd', 100, 0), (?1, 'other_income', 'usd', 0, 1)`,
        id,
      ),
      prepareSql(
        env.DB,
        `INSERT INTO ledger_balance_checks (transaction_id, entries, imbalance_cents) VALUES (?1, 2, 0)`,
        id,
      ),
    ]
    await expect(atomically(env.DB, statements)).rejects.toThrow(/does not match the entries/)
  })

  it('cannot commit a transaction without its guard row', async () => {
    await booked()
    const id = newId('ltx')
    await expect(
      atomically(env.DB, [
        prepareSql(
          env.DB,
          `INSERT INTO ledger_transactions (id, kind, currency, occurred_at, reference, source_type, source_id)
           VALUES (?1, 'board_income', 'usd', '2026-01-01', ?1, 'board_entry', ?1)`,
          id,
        ),
        prepareSql(
          env.DB,
          `INSERT INTO ledger_entries (transaction_id, account, currency, debit_cents, credit_cents)
           VALUES (?1, 'bank', 'usd', 100, 0)`,
          id,
        ),
      ]),
    ).rejects.toThrow(/FOREIGN KEY constraint failed/)
    const row = await env.DB.prepare('SELECT count(*) AS n FROM ledger_transactions WHERE id = ?')
      .bind(id)
      .first<{ n: number }>()
    expect(row?.n).toBe(0)
  })

  it('is closed once balanced: no entry can be added to a written transaction', async () => {
    const id = await booked()
    await expect(
      env.DB.prepare(
        `INSERT INTO ledger_entries (transaction_id, account, currency, debit_cents, credit_cents)
         VALUES (?, 'bank', 'usd', 500, 0)`,
      )
        .bind(id)
        .run(),
    ).rejects.toThrow(/ledger transaction is closed/)
    const { results } = await env.DB.prepare(
      'SELECT sum(debit_cents) - sum(credit_cents) AS imbalance FROM ledger_entries WHERE transaction_id = ?',
    )
      .bind(id)
      .all<{ imbalance: number }>()
    expect(results[0]?.imbalance).toBe(0)
  })

  it('is append-only: entries, transactions, guard rows and accounts cannot be edited or deleted', async () => {
    const id = await booked()
    const refused = [
      ['UPDATE ledger_entries SET debit_cents = 11 WHERE transaction_id = ?', id],
      ['DELETE FROM ledger_entries WHERE transaction_id = ?', id],
      ["UPDATE ledger_transactions SET memo = 'x' WHERE id = ?", id],
      ['DELETE FROM ledger_transactions WHERE id = ?', id],
      ['UPDATE ledger_balance_checks SET entries = 3 WHERE transaction_id = ?', id],
      ['DELETE FROM ledger_balance_checks WHERE transaction_id = ?', id],
      ["UPDATE ledger_accounts SET type = 'income' WHERE code = ?", 'bank'],
      ['DELETE FROM ledger_accounts WHERE code = ?', 'bank'],
    ] as const
    for (const [statement, param] of refused) {
      await expect(env.DB.prepare(statement).bind(param).run(), statement).rejects.toThrow(
        /append-only/,
      )
    }
  })

  it('holds entries to their account’s and transaction’s currency, and kinds to the known ones', async () => {
    await booked()
    const bad = [
      // An entry in another currency than its transaction and account.
      `INSERT INTO ledger_entries (transaction_id, account, currency, debit_cents)
       SELECT id, 'bank', 'eur', 5 FROM ledger_transactions LIMIT 1`,
      // An entry on an account that is not in ledger_accounts.
      `INSERT INTO ledger_entries (transaction_id, account, currency, debit_cents)
       SELECT id, 'nowhere', 'usd', 5 FROM ledger_transactions LIMIT 1`,
      `INSERT INTO ledger_transactions (id, kind, currency, occurred_at, reference, source_type, source_id)
       VALUES ('t1', 'gift', 'usd', '2026-01-01', 't1', 'board_entry', 't1')`,
      `INSERT INTO ledger_transactions (id, kind, currency, occurred_at, reference, source_type, source_id)
       VALUES ('t2', 'board_income', 'usd', '2026-01-01', 't2', 'whim', 't2')`,
      `INSERT INTO ledger_accounts (code, type, currency, created_at) VALUES ('x', 'fun', 'usd', '')`,
      `INSERT INTO ledger_accounts (code, type, member_id, currency, created_at)
       VALUES ('member_capital:someone', 'equity', 'someone-else', 'usd', '')`,
    ]
    for (const statement of bad) {
      await expect(env.DB.prepare(statement).run(), statement).rejects.toThrow(/constraint|closed/)
    }
  })

  it('books a reference once: a replayed event cannot book twice', async () => {
    const t = tx([
      { account: LedgerAccount.bank, debit: 7 },
      { account: LedgerAccount.otherIncome, credit: 7 },
    ])
    await atomically(env.DB, recordTransaction(db, t))
    const again = { ...t, id: newId('ltx') }
    await expect(atomically(env.DB, recordTransaction(db, again))).rejects.toThrow(/UNIQUE/)
  })
})
