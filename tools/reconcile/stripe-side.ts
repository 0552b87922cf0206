/**
 * Stripe's side of the reconciliation: pages through its lists with the real `stripe` client
 * (auto-pagination, 100 a page) and keeps the facts {@link compare} needs. Uses only fetch, so
 * it runs in Node (the CLI) and in workerd (the Workers test) alike.
 */
import Stripe from 'stripe'

import type { BalanceFact, StripeFacts } from './facts.ts'

const PAGE = { limit: 100 } as const

const idOf = (value: string | { id: string } | null | undefined): string | null =>
  typeof value === 'string' ? value : (value?.id ?? null)

/** A client for real Stripe, or for the emulator at `emulatorUrl` (as functions/lib/stripe.ts). */
export function reconcileClient(secretKey: string, emulatorUrl?: string): Stripe {
  const emulator = emulatorUrl ? new URL(emulatorUrl) : null
  return new Stripe(secretKey, {
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: 2,
    timeout: 30_000,
    ...(emulator && {
      host: emulator.hostname,
      port: Number(emulator.port || (emulator.protocol === 'https:' ? 443 : 80)),
      protocol: emulator.protocol === 'https:' ? 'https' : 'http',
    }),
  })
}

/** Withdrawn for a dispute: the disputed amount plus Stripe's fee, as the ledger books it. */
function withdrawnOf(txns: readonly Stripe.BalanceTransaction[]): number | null {
  const out = txns.filter((txn) => txn.amount < 0)
  if (out.length === 0) return null
  return out.reduce((sum, txn) => sum - txn.amount + txn.fee, 0)
}

/** Every charge, transfer (with its reversals), refund, dispute and balance transaction. */
export async function stripeFacts(stripe: Stripe): Promise<StripeFacts> {
  const facts: StripeFacts = {
    charges: [],
    transfers: [],
    refunds: [],
    disputes: [],
    balanceTransactions: [],
  }
  for await (const c of stripe.charges.list(PAGE)) {
    facts.charges.push({
      id: c.id,
      amount: c.amount_captured,
      currency: c.currency,
      succeeded: c.status === 'succeeded' && c.captured,
      balanceTransaction: idOf(c.balance_transaction),
    })
  }
  for await (const t of stripe.transfers.list(PAGE)) {
    const reversals: Stripe.TransferReversal[] = [...t.reversals.data]
    // The transfer embeds its first reversals only; page through the rest when there are more.
    if (t.reversals.has_more) {
      reversals.length = 0
      for await (const r of stripe.transfers.listReversals(t.id, PAGE)) reversals.push(r)
    }
    facts.transfers.push({
      id: t.id,
      amount: t.amount,
      currency: t.currency,
      charge: idOf(t.source_transaction),
      reversals: reversals.map((r) => ({ id: r.id, amount: r.amount })),
    })
  }
  for await (const r of stripe.refunds.list(PAGE)) {
    facts.refunds.push({
      id: r.id,
      amount: r.amount,
      currency: r.currency,
      charge: idOf(r.charge),
      moved: r.status === 'succeeded' || r.status === 'pending',
    })
  }
  for await (const d of stripe.disputes.list(PAGE)) {
    facts.disputes.push({
      id: d.id,
      currency: d.currency,
      charge: idOf(d.charge),
      status: d.status,
      withdrawn: withdrawnOf(d.balance_transactions ?? []),
    })
  }
  for await (const b of stripe.balanceTransactions.list(PAGE)) {
    const fact: BalanceFact = {
      id: b.id,
      amount: b.amount,
      fee: b.fee,
      currency: b.currency,
      source: idOf(b.source as string | { id: string } | null),
      type: b.type,
    }
    facts.balanceTransactions.push(fact)
  }
  return facts
}
