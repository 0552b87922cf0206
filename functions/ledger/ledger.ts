/**
 * The double-entry ledger's rules, as pure functions: a transaction is a list of postings whose
 * debits equal their credits. Nothing here touches the database (see ./repository.ts).
 */
import { type Cents, isCents, sumCents } from '../lib/money.ts'
import { accountSpec } from './chart.ts'

export { LedgerAccount } from './chart.ts'

/** The kinds of transaction, as the database's CHECK lists them (0003_ledger.sql). */
export const LEDGER_KINDS = [
  'share_purchase',
  'share_redemption',
  'sale',
  'processing_fee',
  'seller_transfer',
  'refund',
  'transfer_reversal',
  'commission_returned',
  'dispute_opened',
  'dispute_lost',
  'dispute_won',
  'board_income',
  'board_expense',
  'patronage_allocation',
  'reserve',
] as const
export type LedgerKind = (typeof LEDGER_KINDS)[number]

/** What a transaction books: the business object it belongs to. */
export type LedgerSourceType =
  'share' | 'order' | 'order_line' | 'refund' | 'dispute' | 'board_entry' | 'allocation'

export interface LedgerSource {
  type: LedgerSourceType
  id: string
}

/** The Stripe objects a transaction books, so it can be matched to Stripe's reports. */
export interface StripeRefs {
  paymentIntent?: string
  charge?: string
  transfer?: string
  reversal?: string
  refund?: string
  dispute?: string
  balanceTransaction?: string
}

/** One line of a transaction: an amount on the debit or the credit side of an account. */
export type Posting = { account: string; debit: Cents } | { account: string; credit: Cents }

export interface LedgerTransaction {
  id: string
  kind: LedgerKind
  currency: string
  occurredAt: string
  /** Unique per business event (e.g. `share:<checkout session>`): a replay cannot book twice. */
  reference: string
  memo?: string
  source: LedgerSource
  stripe?: StripeRefs
  postings: Posting[]
}

/** Thrown for a transaction that must never reach the database. */
export class UnbalancedTransaction extends Error {
  override name = 'UnbalancedTransaction'
}

export const debitOf = (p: Posting): Cents => ('debit' in p ? p.debit : 0)
export const creditOf = (p: Posting): Cents => ('credit' in p ? p.credit : 0)

/**
 * Checks a transaction before it is written: at least two postings, each a positive integer
 * amount on an account of the chart, Σ debits = Σ credits. The database re-checks the sum in
 * the same batch, and refuses entries added later.
 */
export function assertBalanced(tx: LedgerTransaction): void {
  if (tx.postings.length < 2) throw new UnbalancedTransaction(`${tx.reference}: needs two postings`)
  for (const p of tx.postings) {
    accountSpec(p.account)
    const amount = debitOf(p) + creditOf(p)
    if (!isCents(amount) || amount === 0 || ('debit' in p && 'credit' in p)) {
      throw new UnbalancedTransaction(`${tx.reference}: ${p.account} has amount ${amount}`)
    }
  }
  const debits = sumCents(tx.postings.map(debitOf))
  const credits = sumCents(tx.postings.map(creditOf))
  if (debits !== credits) {
    throw new UnbalancedTransaction(`${tx.reference}: debits ${debits} ≠ credits ${credits}`)
  }
}

/** Drops zero-amount postings (a commission of 0, say), so builders can write every line plainly. */
export function withoutZeros(postings: Posting[]): Posting[] {
  return postings.filter((p) => debitOf(p) + creditOf(p) !== 0)
}
