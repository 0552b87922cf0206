/**
 * The reconciliation itself, pure: Stripe's facts against the ledger's, every difference as a
 * {@link Mismatch}. Identical facts give none; each kind of difference gives exactly its own.
 */
import type { LedgerFact, LedgerFacts, Mismatch, StripeFacts, StripeObjectType } from './facts.ts'

/** The Stripe object each ledger kind books, and the column naming it. */
const BOOKS: Record<string, [StripeObjectType, keyof LedgerFact]> = {
  sale: ['charge', 'charge'],
  share_purchase: ['charge', 'charge'],
  processing_fee: ['balance_transaction', 'balanceTransaction'],
  seller_transfer: ['transfer', 'transfer'],
  transfer_reversal: ['reversal', 'reversal'],
  refund: ['refund', 'refund'],
  dispute_opened: ['dispute', 'dispute'],
  dispute_lost: ['dispute', 'dispute'],
  dispute_won: ['dispute', 'dispute'],
}

const CLOSING = new Set(['dispute_lost', 'dispute_won'])

/** Ledger transactions of `kinds`, grouped by the Stripe id in `key`. */
function grouped(ledger: LedgerFacts, kinds: readonly string[], key: keyof LedgerFact) {
  const map = new Map<string, LedgerFact[]>()
  for (const tx of ledger.transactions) {
    const id = tx[key]
    if (!kinds.includes(tx.kind) || typeof id !== 'string') continue
    map.set(id, [...(map.get(id) ?? []), tx])
  }
  return map
}

const total = (txs: readonly LedgerFact[]) => txs.reduce((sum, tx) => sum + tx.amount, 0)

/**
 * One Stripe object against its bookings: orphan when there are none, else a currency
 * mismatch for each booking in another currency, and an amount mismatch when Σ differs (so a
 * double booking shows too).
 */
function against(
  out: Mismatch[],
  object: StripeObjectType,
  fact: { id: string; amount: number; currency: string },
  bookings: readonly LedgerFact[] | undefined,
): void {
  const { id: stripeId, amount, currency } = fact
  if (!bookings?.length) {
    out.push({ kind: 'orphan', object, stripeId, stripe: amount, detail: currency })
    return
  }
  for (const tx of bookings) {
    if (tx.currency !== currency) {
      out.push({
        kind: 'currency',
        object,
        stripeId,
        ledgerId: tx.id,
        stripe: currency,
        ledger: tx.currency,
      })
    }
  }
  const booked = total(bookings)
  if (booked !== amount) {
    const ledgerId = bookings.map((tx) => tx.id).join(',')
    out.push({ kind: 'amount', object, stripeId, ledgerId, stripe: amount, ledger: booked })
  }
}

/** The ids Stripe knows, per object type. */
function stripeIds(stripe: StripeFacts): Record<StripeObjectType, Set<string>> {
  return {
    charge: new Set(stripe.charges.filter((c) => c.succeeded).map((c) => c.id)),
    transfer: new Set(stripe.transfers.map((t) => t.id)),
    reversal: new Set(stripe.transfers.flatMap((t) => t.reversals.map((r) => r.id))),
    refund: new Set(stripe.refunds.filter((r) => r.moved).map((r) => r.id)),
    dispute: new Set(stripe.disputes.map((d) => d.id)),
    balance_transaction: new Set(stripe.balanceTransactions.map((b) => b.id)),
  }
}

/** Every difference between what Stripe moved and what the ledger booked. */
export function compare(stripe: StripeFacts, ledger: LedgerFacts): Mismatch[] {
  const out: Mismatch[] = []
  const sales = grouped(ledger, ['sale', 'share_purchase'], 'charge')
  const fees = grouped(ledger, ['processing_fee'], 'balanceTransaction')
  // A duplicate share payment is refunded whole: only its fee is booked, naming charge and refund.
  const duplicates = (key: keyof LedgerFact) =>
    new Set(
      ledger.transactions
        .filter((tx) => tx.kind === 'processing_fee' && tx.refund !== null)
        .map((tx) => tx[key]),
    )
  const duplicateCharges = duplicates('charge')
  const duplicateRefunds = duplicates('refund')
  const balance = new Map(stripe.balanceTransactions.map((b) => [b.id, b]))

  for (const charge of stripe.charges.filter((c) => c.succeeded)) {
    const booked = sales.get(charge.id)
    if (booked || !duplicateCharges.has(charge.id)) against(out, 'charge', charge, booked)
    const txn = charge.balanceTransaction ? balance.get(charge.balanceTransaction) : undefined
    if (!txn || (!booked && !duplicateCharges.has(charge.id))) continue
    const bookedFee = total(fees.get(txn.id) ?? [])
    if (bookedFee !== txn.fee) {
      out.push({
        kind: 'fee',
        object: 'charge',
        stripeId: charge.id,
        stripe: txn.fee,
        ledger: bookedFee,
        detail: txn.id,
      })
    }
  }

  const transfers = grouped(ledger, ['seller_transfer'], 'transfer')
  const reversals = grouped(ledger, ['transfer_reversal'], 'reversal')
  for (const transfer of stripe.transfers) {
    against(out, 'transfer', transfer, transfers.get(transfer.id))
    for (const reversal of transfer.reversals) {
      const fact = { ...reversal, currency: transfer.currency }
      against(out, 'reversal', fact, reversals.get(reversal.id))
    }
  }

  const refunds = grouped(ledger, ['refund'], 'refund')
  for (const refund of stripe.refunds.filter((r) => r.moved)) {
    if (!duplicateRefunds.has(refund.id)) against(out, 'refund', refund, refunds.get(refund.id))
  }

  const opened = grouped(ledger, ['dispute_opened'], 'dispute')
  const closed = grouped(ledger, [...CLOSING], 'dispute')
  for (const dispute of stripe.disputes) {
    // Nothing withdrawn yet: nothing may be booked either.
    const withdrawn = dispute.withdrawn ?? 0
    if (withdrawn === 0 && !opened.has(dispute.id) && !closed.has(dispute.id)) continue
    const fact = { id: dispute.id, amount: withdrawn, currency: dispute.currency }
    against(out, 'dispute', fact, opened.get(dispute.id))
    const closedAtStripe = dispute.status === 'won' || dispute.status === 'lost'
    const closing = closed.get(dispute.id)
    if (closedAtStripe && !closing) {
      out.push({
        kind: 'orphan',
        object: 'dispute',
        stripeId: dispute.id,
        stripe: withdrawn,
        detail: `closed ${dispute.status}, closing not booked`,
      })
    } else if (closing) {
      if (!closedAtStripe) {
        out.push({
          kind: 'missing',
          object: 'dispute',
          stripeId: dispute.id,
          ledgerId: closing[0]!.id,
          detail: `open at Stripe (${dispute.status}), booked as closed`,
        })
      } else against(out, 'dispute', fact, closing)
    }
  }

  const known = stripeIds(stripe)
  for (const tx of ledger.transactions) {
    const books = BOOKS[tx.kind]
    const id = books && tx[books[1]]
    if (!books || typeof id !== 'string' || known[books[0]].has(id)) continue
    out.push({
      kind: 'missing',
      object: books[0],
      stripeId: id,
      ledgerId: tx.id,
      ledger: tx.amount,
    })
  }
  return out
}
