/**
 * The money-path properties' two readings of the same money: what the ledger and D1 say, and
 * what Stripe (the emulator, through its API) says it moved. Neither side is computed from the
 * other, so a cent made or lost on one side shows as a difference.
 */
import { env } from 'cloudflare:workers'

import { jobsOf, runJob } from './order-fixtures.ts'

const headers = { authorization: 'Bearer sk_test_fairstall' }

/** A GET on the emulator's Stripe API. */
export const stripeGet = async <T>(path: string) =>
  (await fetch(`${env.STRIPE_EMULATOR_URL}${path}`, { headers })).json<T>()

interface Listed<T> {
  data: T[]
}

/** Σ net of the balance transactions whose source is `source` (a charge, refund, transfer…). */
async function netOfSource(source: string) {
  const list = await stripeGet<Listed<{ net: number }>>(
    `/v1/balance_transactions?source=${source}&limit=100`,
  )
  return list.data.reduce((sum, t) => sum + t.net, 0)
}

/**
 * What Stripe's balance moved for an order: its charge, the refunds on it, the transfers of its
 * transfer group and their reversals, and its disputes' withdrawals and reinstatements.
 */
export async function stripeNetOfOrder(orderId: string) {
  const order = await env.DB.prepare(
    'SELECT stripe_charge_id AS charge, stripe_payment_intent_id AS intent FROM orders WHERE id = ?',
  )
    .bind(orderId)
    .first<{ charge: string | null; intent: string | null }>()
  if (!order?.charge) return 0
  const sources = [order.charge]
  const refunds = await stripeGet<Listed<{ id: string }>>(
    `/v1/refunds?charge=${order.charge}&limit=100`,
  )
  sources.push(...refunds.data.map((r) => r.id))
  const transfers = await stripeGet<Listed<{ id: string }>>(
    `/v1/transfers?transfer_group=${orderId}&limit=100`,
  )
  for (const transfer of transfers.data) {
    sources.push(transfer.id)
    const reversals = await stripeGet<Listed<{ id: string }>>(
      `/v1/transfers/${transfer.id}/reversals?limit=100`,
    )
    sources.push(...reversals.data.map((r) => r.id))
  }
  const nets = await Promise.all(sources.map(netOfSource))
  const disputes = await stripeGet<Listed<{ balance_transactions: { net: number }[] }>>(
    `/v1/disputes?charge=${order.charge}&limit=100`,
  )
  for (const dispute of disputes.data) nets.push(...dispute.balance_transactions.map((t) => t.net))
  return nets.reduce((a, b) => a + b, 0)
}

/** Debits − credits of `account` over the ledger's transactions about one order. */
export async function ledgerOfOrder(orderId: string, account: string) {
  const row = await env.DB.prepare(
    `SELECT coalesce(sum(e.debit_cents), 0) - coalesce(sum(e.credit_cents), 0) AS net
     FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id
     WHERE e.account = ?2 AND (
       (t.source_type = 'order' AND t.source_id = ?1)
       OR (t.source_type = 'order_line' AND t.source_id IN
         (SELECT id FROM order_items WHERE order_id = ?1))
       OR (t.source_type = 'refund' AND t.source_id IN (SELECT id FROM refunds WHERE order_id = ?1))
       OR (t.source_type = 'dispute' AND t.source_id IN
         (SELECT stripe_dispute_id FROM disputes WHERE order_id = ?1)))`,
  )
    .bind(orderId, account)
    .first<{ net: number }>()
  return row?.net ?? 0
}

/** Debits − credits per currency over the whole ledger: each must be 0. */
export async function imbalanceByCurrency() {
  const rows = await env.DB.prepare(
    `SELECT currency, sum(debit_cents) - sum(credit_cents) AS d FROM ledger_entries GROUP BY currency`,
  ).all<{ currency: string; d: number }>()
  return Object.fromEntries(rows.results.map((r) => [r.currency, r.d]))
}

/** Debits − credits of every account of the ledger. */
export async function accountBalances() {
  const rows = await env.DB.prepare(
    `SELECT account, sum(debit_cents) - sum(credit_cents) AS net FROM ledger_entries GROUP BY account`,
  ).all<{ account: string; net: number }>()
  return Object.fromEntries(rows.results.map((r) => [r.account, r.net]))
}

/** The row count of every table of the app's D1 database. */
export async function tableCounts() {
  const tables = await env.DB.prepare(
    `SELECT name FROM sqlite_master WHERE type = 'table'
     AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'`,
  ).all<{ name: string }>()
  const counts: Record<string, number> = {}
  for (const { name } of tables.results) {
    const row = await env.DB.prepare(`SELECT count(*) AS n FROM "${name}"`).first<{ n: number }>()
    counts[name] = row?.n ?? 0
  }
  return counts
}

/** `after − before` per key, keeping only what changed. */
export function delta(before: Record<string, number>, after: Record<string, number>) {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  const changed: Record<string, number> = {}
  for (const key of keys) {
    const d = (after[key] ?? 0) - (before[key] ?? 0)
    if (d !== 0) changed[key] = d
  }
  return changed
}

/** What Stripe moved to a Connect account: Σ (transfer − its reversals). */
export async function movedTo(stripeAccountId: string) {
  const list = await stripeGet<Listed<{ amount: number; amount_reversed: number }>>(
    `/v1/transfers?destination=${stripeAccountId}&limit=100`,
  )
  return list.data.reduce((sum, t) => sum + t.amount - t.amount_reversed, 0)
}

/**
 * What the co-op owes a seller from D1's rows alone: their paid lines (subtotal + shipping −
 * commission) less their refunds (refund − commission returned).
 */
export async function owedTo(sellerId: string) {
  const lines = await env.DB.prepare(
    `SELECT coalesce(sum(i.subtotal_cents + i.shipping_cents - i.commission_cents), 0) AS n
     FROM order_items i JOIN orders o ON o.id = i.order_id
     WHERE i.seller_id = ? AND o.paid_at IS NOT NULL`,
  )
    .bind(sellerId)
    .first<{ n: number }>()
  const refunds = await env.DB.prepare(
    `SELECT coalesce(sum(amount_cents - commission_returned_cents), 0) AS n FROM refunds
     WHERE seller_id = ? AND status = 'succeeded'`,
  )
    .bind(sellerId)
    .first<{ n: number }>()
  return (lines?.n ?? 0) - (refunds?.n ?? 0)
}

/** The seller's Connect account id. */
export async function stripeAccountOf(sellerId: string) {
  const row = await env.DB.prepare('SELECT stripe_account_id AS id FROM accounts WHERE id = ?')
    .bind(sellerId)
    .first<{ id: string }>()
  return row!.id
}

/** Runs every pending job of the orders, transfers first, until none is left (bounded). */
export async function runAllJobs(orderIds: readonly string[]) {
  const refundJobs = await env.DB.prepare(
    `SELECT j.id FROM jobs j JOIN refunds r ON j.dedupe_key = 'refund:' || r.id
     WHERE j.status = 'pending' AND r.order_id IN (SELECT value FROM json_each(?))`,
  )
  for (let round = 0; round < 3; round += 1) {
    const transfers = (await Promise.all(orderIds.map(jobsOf))).flat()
    const pending = transfers.filter((j) => j.status === 'pending').map((j) => j.id)
    const refunds = await refundJobs.bind(JSON.stringify(orderIds)).all<{ id: string }>()
    pending.push(...refunds.results.map((r) => r.id))
    if (pending.length === 0) return
    for (const id of pending) await runJob(id)
  }
}

/** A job's row: where it stands and what its last failure said. */
export async function jobRow(id: string) {
  return env.DB.prepare('SELECT status, attempts, last_error FROM jobs WHERE id = ?')
    .bind(id)
    .first<{ status: string; attempts: number; last_error: string | null }>()
}
