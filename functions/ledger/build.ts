/** What every builder shares: the transaction's header fields and the checks on its amounts. */
import { type Cents, isCents } from '../lib/money.ts'
import {
  type LedgerKind,
  type LedgerSource,
  type LedgerTransaction,
  type Posting,
  type StripeRefs,
  assertBalanced,
  withoutZeros,
} from './ledger.ts'

/** The header every builder takes: the new transaction's id, currency and business date. */
export interface TransactionMeta {
  id: string
  currency: string
  /** When it happened in the business sense (a fee: its balance transaction's `created`). */
  occurredAt: string
  memo?: string
}

/** Thrown by a builder given an amount it cannot book (zero, negative, fractional, too large). */
export class InvalidBooking extends Error {
  override name = 'InvalidBooking'
}

/** Refuses anything but a positive integer amount of cents. */
export function positive(name: string, amount: Cents): Cents {
  if (!isCents(amount) || amount === 0) throw new InvalidBooking(`${name} must be > 0: ${amount}`)
  return amount
}

/** Refuses a negative or fractional amount (0 is allowed: the posting is then left out). */
export function nonNegative(name: string, amount: Cents): Cents {
  if (!isCents(amount)) throw new InvalidBooking(`${name} must be ≥ 0: ${amount}`)
  return amount
}

/**
 * Assembles a transaction from its parts, leaving out zero postings, and checks it balances:
 * a builder never returns a transaction the database would refuse.
 */
export function build(
  meta: TransactionMeta,
  kind: LedgerKind,
  reference: string,
  source: LedgerSource,
  stripe: StripeRefs,
  postings: Posting[],
): LedgerTransaction {
  const tx: LedgerTransaction = {
    id: meta.id,
    kind,
    currency: meta.currency,
    occurredAt: meta.occurredAt,
    reference,
    source,
    stripe,
    postings: withoutZeros(postings),
    ...(meta.memo !== undefined ? { memo: meta.memo } : {}),
  }
  assertBalanced(tx)
  return tx
}
