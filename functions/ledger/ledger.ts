/**
 * The double-entry ledger's rules, as pure functions: a transaction is a list of postings whose
 * debits equal their credits. Nothing here touches the database (see ./repository.ts).
 */
import { type Cents, isCents, sumCents } from '../lib/money.ts'

/** Ledger account names. Per-member accounts carry the member's id after a colon. */
export const LedgerAccount = {
  stripeClearing: 'stripe_clearing',
  commissionIncome: 'commission_income',
  processingFees: 'processing_fees',
  disputeLosses: 'dispute_losses',
  reserves: 'reserves',
  otherIncome: 'other_income',
  expenses: 'expenses',
  sellerPayable: (memberId: string) => `seller_payable:${memberId}`,
  memberCapital: (memberId: string) => `member_capital:${memberId}`,
} as const

/** One line of a transaction: an amount on the debit or the credit side of an account. */
export type Posting = { account: string; debit: Cents } | { account: string; credit: Cents }

export interface LedgerTransaction {
  id: string
  kind: string
  currency: string
  occurredAt: string
  /** Unique per business event (e.g. `share:<checkout session>`): a replay cannot book twice. */
  reference: string
  memo?: string
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
 * amount, Σ debits = Σ credits. The database re-checks the sum in the same batch.
 */
export function assertBalanced(tx: LedgerTransaction): void {
  if (tx.postings.length < 2) throw new UnbalancedTransaction(`${tx.reference}: needs two postings`)
  for (const p of tx.postings) {
    const amount = debitOf(p) + creditOf(p)
    if (!isCents(amount) || amount === 0) {
      throw new UnbalancedTransaction(`${tx.reference}: ${p.account} has amount ${amount}`)
    }
  }
  const debits = sumCents(tx.postings.map(debitOf))
  const credits = sumCents(tx.postings.map(creditOf))
  if (debits !== credits) {
    throw new UnbalancedTransaction(`${tx.reference}: debits ${debits} ≠ credits ${credits}`)
  }
}

/** Drops zero-amount postings (a fee of 0, say), so callers can write every line plainly. */
export function withoutZeros(postings: Posting[]): Posting[] {
  return postings.filter((p) => debitOf(p) + creditOf(p) !== 0)
}
