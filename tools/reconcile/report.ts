/** The reconciliation's output: one human-readable line per mismatch, then a summary. */
import type { Mismatch } from './facts.ts'

const LABEL: Record<Mismatch['object'], string> = {
  charge: 'charge',
  transfer: 'transfer',
  reversal: 'transfer reversal',
  refund: 'refund',
  dispute: 'dispute',
  balance_transaction: 'balance transaction',
}

/** One line saying what differs, with amounts in minor units (cents). */
export function describe(m: Mismatch): string {
  const what = `${LABEL[m.object]} ${m.stripeId}`
  const extra = m.detail ? ` (${m.detail})` : ''
  switch (m.kind) {
    case 'orphan':
      return `ORPHAN   ${what}: at Stripe (${m.stripe} cents), not booked in the ledger${extra}`
    case 'missing':
      return `MISSING  ${what}: booked by ${m.ledgerId}, but Stripe has no such object${extra}`
    case 'amount':
      return `AMOUNT   ${what}: Stripe ${m.stripe} cents, ledger ${m.ledger} cents (${m.ledgerId})`
    case 'fee':
      return `FEE      ${what}: balance transaction fee ${m.stripe} cents, ledger ${m.ledger} cents${extra}`
    case 'currency':
      return `CURRENCY ${what}: Stripe ${m.stripe}, ledger ${m.ledger} (${m.ledgerId})`
  }
}

/** The whole report: the lines, then a summary counting each kind. */
export function report(mismatches: readonly Mismatch[], checked: string): string {
  if (mismatches.length === 0) return `Stripe and the ledger agree (${checked}).`
  const counts = new Map<string, number>()
  for (const m of mismatches) counts.set(m.kind, (counts.get(m.kind) ?? 0) + 1)
  const summary = [...counts].map(([kind, n]) => `${n} ${kind}`).join(', ')
  return [
    ...mismatches.map(describe),
    '',
    `${mismatches.length} mismatch(es): ${summary} (${checked}).`,
  ].join('\n')
}
