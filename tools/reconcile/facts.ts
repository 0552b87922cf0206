/**
 * What `npm run reconcile` compares: the facts read from Stripe's lists and from the ledger, as
 * plain data, and the mismatches found between them. No I/O here, so the Worker tests can use it.
 */

/** A charge at Stripe. Only succeeded ones move money. */
export interface ChargeFact {
  id: string
  amount: number
  currency: string
  succeeded: boolean
  balanceTransaction: string | null
}

/** A transfer to a connected account, with the reversals Stripe lists on it. */
export interface TransferFact {
  id: string
  amount: number
  currency: string
  /** The charge it was paid from (`source_transaction`), when there is one. */
  charge: string | null
  reversals: { id: string; amount: number }[]
}

/** A refund; failed and cancelled ones moved nothing. */
export interface RefundFact {
  id: string
  amount: number
  currency: string
  charge: string | null
  moved: boolean
}

/** A dispute and what Stripe withdrew for it (amount + dispute fee), if it has yet. */
export interface DisputeFact {
  id: string
  currency: string
  charge: string | null
  status: string
  /** −Σ amount + Σ fee of the withdrawals; null while nothing was withdrawn. */
  withdrawn: number | null
}

/** A balance transaction: its fee is what the ledger's processing fee must equal. */
export interface BalanceFact {
  id: string
  amount: number
  fee: number
  currency: string
  source: string | null
  type: string
}

export interface StripeFacts {
  charges: ChargeFact[]
  transfers: TransferFact[]
  refunds: RefundFact[]
  disputes: DisputeFact[]
  balanceTransactions: BalanceFact[]
}

/** One ledger transaction: its kind, currency, amount (Σ debits) and the Stripe ids it names. */
export interface LedgerFact {
  id: string
  kind: string
  currency: string
  amount: number
  charge: string | null
  transfer: string | null
  reversal: string | null
  refund: string | null
  dispute: string | null
  balanceTransaction: string | null
}

export interface LedgerFacts {
  transactions: LedgerFact[]
}

/** The Stripe object types compared. */
export type StripeObjectType =
  'charge' | 'transfer' | 'reversal' | 'refund' | 'dispute' | 'balance_transaction'

/**
 * A difference between Stripe and the ledger:
 * - `orphan`: at Stripe, not booked; `missing`: booked, not at Stripe;
 * - `amount`, `fee`, `currency`: both sides have it, and they differ (`stripe` vs `ledger`).
 */
export interface Mismatch {
  kind: 'orphan' | 'missing' | 'amount' | 'fee' | 'currency'
  object: StripeObjectType
  stripeId: string
  ledgerId?: string
  stripe?: number | string
  ledger?: number | string
  detail?: string
}

/** The ledger's Stripe-related transactions, one row each (the same SQL for D1 and wrangler). */
export const LEDGER_SQL = `SELECT t.id, t.kind, t.currency,
  (SELECT coalesce(sum(e.debit_cents), 0) FROM ledger_entries e WHERE e.transaction_id = t.id)
    AS amount,
  t.stripe_charge_id AS charge, t.stripe_transfer_id AS transfer,
  t.stripe_reversal_id AS reversal, t.stripe_refund_id AS refund,
  t.stripe_dispute_id AS dispute, t.stripe_balance_transaction_id AS balance_transaction
FROM ledger_transactions t
WHERE coalesce(t.stripe_charge_id, t.stripe_transfer_id, t.stripe_reversal_id, t.stripe_refund_id,
  t.stripe_dispute_id, t.stripe_balance_transaction_id) IS NOT NULL
ORDER BY t.occurred_at, t.id`.replace(/\s+/g, ' ')

/** A row of {@link LEDGER_SQL}. */
export interface LedgerRow {
  id: string
  kind: string
  currency: string
  amount: number
  charge: string | null
  transfer: string | null
  reversal: string | null
  refund: string | null
  dispute: string | null
  balance_transaction: string | null
}

/** The ledger facts from the rows of {@link LEDGER_SQL}. */
export function ledgerFactsOf(rows: readonly LedgerRow[]): LedgerFacts {
  return {
    transactions: rows.map(({ balance_transaction, amount, ...row }) => ({
      ...row,
      amount: Number(amount),
      balanceTransaction: balance_transaction,
    })),
  }
}
