/** Writing ledger transactions: statements to put in the same batch as the change they record. */
import { sql } from 'kysely'

import type { DB } from '../../schema/tables.ts'
import { accountSpec } from './chart.ts'
import { type LedgerTransaction, assertBalanced, creditOf, debitOf } from './ledger.ts'

/**
 * The guard row: a trigger checks its figures against the entries, and its CHECK
 * (imbalance_cents = 0, entries >= 2) fails the whole batch when they do not balance. Once it
 * exists, no entry can be added to the transaction (0003_ledger.sql).
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

/** D1 binds at most 100 parameters per statement: rows of 5 columns go 19 at a time. */
const ROWS_PER_INSERT = 19

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += ROWS_PER_INSERT)
    out.push(items.slice(i, i + ROWS_PER_INSERT))
  return out
}

/** The accounts `tx` posts to, created on first use (a no-op when they exist). */
function ensureAccounts(db: DB, tx: LedgerTransaction) {
  const codes = [...new Set(tx.postings.map((p) => p.account))]
  return chunks(codes).map((part) =>
    db
      .insertInto('ledger_accounts')
      .values(
        part.map((code) => {
          const spec = accountSpec(code)
          return {
            code,
            type: spec.type,
            member_id: spec.memberId,
            currency: tx.currency,
            created_at: tx.occurredAt,
          }
        }),
      )
      .onConflict((oc) => oc.doNothing()),
  )
}

/**
 * The statements that record `tx`: its accounts (INSERT OR IGNORE), its header, one row per
 * posting, then the balance guard. Throws {@link UnbalancedTransaction} before anything is sent
 * when it does not balance. A reference already booked fails the batch (UNIQUE).
 */
export function recordTransaction(db: DB, tx: LedgerTransaction) {
  assertBalanced(tx)
  const stripe = tx.stripe ?? {}
  return [
    ...ensureAccounts(db, tx),
    db.insertInto('ledger_transactions').values({
      id: tx.id,
      kind: tx.kind,
      currency: tx.currency,
      occurred_at: tx.occurredAt,
      reference: tx.reference,
      memo: tx.memo ?? '',
      source_type: tx.source.type,
      source_id: tx.source.id,
      stripe_payment_intent_id: stripe.paymentIntent ?? null,
      stripe_charge_id: stripe.charge ?? null,
      stripe_transfer_id: stripe.transfer ?? null,
      stripe_reversal_id: stripe.reversal ?? null,
      stripe_refund_id: stripe.refund ?? null,
      stripe_dispute_id: stripe.dispute ?? null,
      stripe_balance_transaction_id: stripe.balanceTransaction ?? null,
    }),
    ...chunks(tx.postings).map((part) =>
      db.insertInto('ledger_entries').values(
        part.map((p) => ({
          transaction_id: tx.id,
          account: p.account,
          currency: tx.currency,
          debit_cents: debitOf(p),
          credit_cents: creditOf(p),
        })),
      ),
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
