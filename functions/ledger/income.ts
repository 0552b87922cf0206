/**
 * The income statement of surplus.md §2 straight from the ledger, by SQL over a date range:
 * no references parsed, only account codes and the transactions' `occurred_at` index.
 */
import { sql } from 'kysely'

import type { DB } from '../../schema/tables.ts'
import { sumCents } from '../lib/money.ts'
import { LedgerAccount as A } from './chart.ts'

/** The income lines of a period [from, to) in cents, each positive as surplus.md writes them. */
export async function incomeStatement(db: DB, currency: string, from: string, to: string) {
  const rows = await db
    .selectFrom('ledger_transactions as t')
    .innerJoin('ledger_entries as e', 'e.transaction_id', 't.id')
    .select(['e.account', sql<number>`sum(e.debit_cents) - sum(e.credit_cents)`.as('balance')])
    .where('t.occurred_at', '>=', from)
    .where('t.occurred_at', '<', to)
    .where('t.currency', '=', currency)
    .where('e.account', 'in', [
      A.commissionIncome,
      A.processingFees,
      A.disputeLosses,
      A.otherIncome,
      A.expenses,
    ])
    .groupBy('e.account')
    .execute()
  const of = (code: string) => Number(rows.find((r) => r.account === code)?.balance ?? 0)
  // Income accounts carry credit balances; the statement shows them as positive amounts.
  const lines = {
    commission: -of(A.commissionIncome),
    processing_fees: of(A.processingFees),
    dispute_losses: of(A.disputeLosses),
    other_income: -of(A.otherIncome),
    expenses: of(A.expenses),
  }
  const net = sumCents([
    lines.commission,
    -lines.processing_fees,
    -lines.dispute_losses,
    lines.other_income,
    -lines.expenses,
  ])
  return { ...lines, net_surplus: net }
}
