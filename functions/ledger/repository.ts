/** Writing ledger transactions: statements to put in the same batch as the change they record. */
import { sql } from 'kysely'

import type { DB } from '../../schema/tables.ts'
import { type LedgerTransaction, assertBalanced, creditOf, debitOf } from './ledger.ts'

/**
 * The guard row: its CHECK (imbalance_cents = 0, entries >= 2) fails the whole batch when the
 * entries written for the transaction do not balance, whatever the application code did.
 */
export function balanceGuard(db: DB, transactionId: string) {
  return db
    .insertInto('ledger_balance_checks')
    .columns(['transaction_id', 'entries', 'imbalance_cents'])
    .expression(
      db
        .selectFrom('ledger_entries')
        .select((eb) => [
          eb.val(transactionId).as('transaction_id'),
          eb.fn.countAll<number>().as('entries'),
          sql<number>`coalesce(sum(debit_cents), 0) - coalesce(sum(credit_cents), 0)`.as(
            'imbalance_cents',
          ),
        ])
        .where('transaction_id', '=', transactionId),
    )
}

/**
 * The statements that record `tx`: its header, one row per posting, then the balance guard.
 * Throws {@link UnbalancedTransaction} before anything is sent when it does not balance.
 */
export function recordTransaction(db: DB, tx: LedgerTransaction) {
  assertBalanced(tx)
  return [
    db.insertInto('ledger_transactions').values({
      id: tx.id,
      kind: tx.kind,
      currency: tx.currency,
      occurred_at: tx.occurredAt,
      reference: tx.reference,
      memo: tx.memo ?? '',
    }),
    db.insertInto('ledger_entries').values(
      tx.postings.map((p) => ({
        transaction_id: tx.id,
        account: p.account,
        debit_cents: debitOf(p),
        credit_cents: creditOf(p),
      })),
    ),
    balanceGuard(db, tx.id),
  ]
}

/** An account's balance (debits − credits) in cents, over all time. */
export async function balanceOf(db: DB, account: string): Promise<number> {
  const row = await db
    .selectFrom('ledger_entries')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>('debit_cents'), eb.lit(0)).as('debits'),
      eb.fn.coalesce(eb.fn.sum<number>('credit_cents'), eb.lit(0)).as('credits'),
    ])
    .where('account', '=', account)
    .executeTakeFirstOrThrow()
  return Number(row.debits) - Number(row.credits)
}
