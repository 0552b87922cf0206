/**
 * One fiscal year at scale for the surplus bench, generated inside SQLite: `WITH RECURSIVE`
 * counters and `INSERT … SELECT`, so a million order lines are a few dozen short statements, not
 * a million-row SQL file. Rows follow the app's constraints and the ledger's own rules: every
 * share, sale, fee, refund and returned commission is a balanced transaction sealed by its guard
 * row, written in the same file (one transaction) as its header. Seller transfers and their
 * reversals are left out: the report never reads them. No `CASE … END` (wrangler's statement
 * splitter only closes one at `END;`): `iif()` instead.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import type { FiscalYear } from '../functions/surplus/year.ts'
import { wrangler } from '../tools/stack.ts'

export interface SurplusScale {
  members: number
  sellers: number
  workers: number
  lines: number
}

/** The id of bench member `i` (sellers are 0 … sellers − 1, then the workers). */
export const benchMember = (i: number) => `acct_b_${i}`

const counter = (name: string, count: number) =>
  `WITH RECURSIVE ${name}(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM ${name} WHERE i < ${count - 1})`
const iso = (epochSql: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${epochSql}, 'unixepoch')`
/** The guard rows of every transaction whose id starts with `prefix` (a range: the index). */
const guards = (
  prefix: string,
) => `INSERT INTO ledger_balance_checks (transaction_id, entries, imbalance_cents)
SELECT transaction_id, count(*), sum(debit_cents) - sum(credit_cents) FROM ledger_entries
WHERE transaction_id >= '${prefix}' AND transaction_id < '${prefix}~' GROUP BY transaction_id`

/** Accounts, shares (each booked), membership periods, workers and a few listings per seller. */
function membersSql(year: FiscalYear, scale: SurplusScale): string[] {
  const S = Date.parse(year.start) / 1000
  // 1 in 20 joins during the year; 1 in 33 of the others leaves during it.
  const joined = `iif(i % 20 = 19, ${S} + (i * 7919 % 300) * 86400, ${S} - 86400 * (30 + i % 700))`
  const leaves = `(i % 33 = 5 AND i % 20 <> 19)`
  const ended = `${S} + 86400 * (120 + i % 200)`
  const { members: N, sellers } = scale
  return [
    `CREATE TABLE bench_members AS ${counter('n', N)} SELECT i, ${iso(joined)} AS joined,
      iif(${leaves}, ${iso(ended)}, NULL) AS ended FROM n`,
    `INSERT INTO accounts (id, email, password_hash, display_name, created_at, membership_status,
      member_since, withdrawn_at, seller_status, seller_since, payouts_ready)
    SELECT 'acct_b_' || i, 'member-' || i || '@bench.invalid', 'bench-no-login', 'Member ' || i,
      joined, iif(ended IS NULL, 'active', 'withdrawn'), joined, ended,
      iif(i < ${sellers}, 'approved', 'none'), iif(i < ${sellers}, joined, NULL), i < ${sellers}
    FROM bench_members`,
    `INSERT INTO account_roles (account_id, role, granted_at, granted_by)
    SELECT 'acct_b_' || i, 'worker', joined, NULL FROM bench_members
    WHERE i >= ${sellers} AND i < ${sellers + scale.workers}`,
    `INSERT INTO checkout_sessions (id, purpose, account_id, amount_cents, currency, status, url,
      created_at, expires_at, completed_at)
    SELECT 'cs_b_' || i, 'member_share', 'acct_b_' || i, 1000, 'usd', 'complete',
      'http://bench.invalid/', joined, joined, joined FROM bench_members`,
    `INSERT OR IGNORE INTO ledger_accounts (code, type, member_id, currency, created_at)
    SELECT 'member_capital:acct_b_' || i, 'equity', 'acct_b_' || i, 'usd', joined FROM bench_members
    UNION ALL SELECT 'seller_payable:acct_b_' || i, 'liability', 'acct_b_' || i, 'usd', joined
      FROM bench_members WHERE i < ${sellers}
    UNION ALL SELECT code, type, NULL, 'usd', '2000-01-01T00:00:00.000Z' FROM (
      SELECT 'stripe_clearing' AS code, 'asset' AS type UNION ALL
      SELECT 'commission_income', 'income' UNION ALL SELECT 'processing_fees', 'expense')`,
    `INSERT INTO ledger_transactions (id, kind, currency, occurred_at, reference, memo, source_type,
      source_id)
    SELECT 'ltx_bsh_' || i, 'share_purchase', 'usd', joined, 'share:cs_b_' || i, 'Member share',
      'share', 'share_b_' || i FROM bench_members`,
    `INSERT INTO ledger_entries (transaction_id, account, currency, debit_cents, credit_cents)
    SELECT 'ltx_bsh_' || i, 'stripe_clearing', 'usd', 1000, 0 FROM bench_members
    UNION ALL SELECT 'ltx_bsh_' || i, 'member_capital:acct_b_' || i, 'usd', 0, 1000
      FROM bench_members`,
    guards('ltx_bsh_'),
    `INSERT INTO member_shares (id, account_id, amount_cents, currency, checkout_session_id,
      ledger_transaction_id, issued_at)
    SELECT 'share_b_' || i, 'acct_b_' || i, 1000, 'usd', 'cs_b_' || i, 'ltx_bsh_' || i, joined
    FROM bench_members`,
    `INSERT INTO membership_periods (id, account_id, share_id, started_at, ended_at, end_reason)
    SELECT 'period_b_' || i, 'acct_b_' || i, 'share_b_' || i, joined,
      substr(ended, 1, 10) || 'T00:00:00.000Z', iif(ended IS NULL, NULL, 'withdrawal')
    FROM bench_members`,
    `INSERT INTO listings (id, seller_id, title, price_cents, currency, kind, status, created_at,
      updated_at)
    SELECT 'lst_b_' || i, 'acct_b_' || (i / 3), 'Bench piece ' || i, 500, 'usd', 'digital', 'draft',
      '2000-01-01T00:00:00.000Z', '2000-01-01T00:00:00.000Z'
    FROM (${counter('n', sellers * 3)} SELECT i FROM n)`,
    'DROP TABLE bench_members',
  ]
}

/**
 * Order lines (3, 3 and 4 in each run of ten, so ≈ 0.3 orders per line) paid evenly across the
 * year, their orders, and each order's sale and fee transactions.
 */
function ordersSql(year: FiscalYear, scale: SurplusScale): string[] {
  const S = Date.parse(year.start) / 1000
  const span = Date.parse(year.end) / 1000 - S
  const orders = Math.ceil((scale.lines * 3) / 10)
  const listings = scale.sellers * 3
  return [
    `CREATE TABLE bench_lines AS ${counter('n', scale.lines)}
    SELECT i, (i / 10) * 3 + iif(i % 10 < 3, 0, iif(i % 10 < 6, 1, 2)) AS o,
      iif(i % 10 < 3, i % 10, iif(i % 10 < 6, i % 10 - 3, i % 10 - 6)) AS pos,
      500 + (i * 7919) % 20000 AS price, 1 + (i % 3 = 0) AS qty FROM n`,
    `INSERT INTO orders (id, buyer_id, status, currency, subtotal_cents, shipping_cents,
      total_cents, commission_cents, stripe_payment_intent_id, stripe_charge_id, created_at,
      updated_at, paid_at)
    SELECT 'ord_b_' || o, 'acct_b_' || ((o * 7919) % ${scale.members}), 'paid', 'usd',
      sum(price * qty), 0, sum(price * qty), sum((price * qty + 5) / 10), 'pi_b_' || o,
      'ch_b_' || o, at, at, at
    FROM (SELECT *, ${iso(`${S} + o * ${span} / ${orders}`)} AS at FROM bench_lines) GROUP BY o`,
    // Listings of one order never repeat (1129·k mod listings ≠ 0 for k = 1…3).
    `INSERT INTO order_items (id, order_id, listing_id, seller_id, position, title, kind, quantity,
      unit_price_cents, shipping_cents, subtotal_cents, commission_cents)
    SELECT 'oit_b_' || i, 'ord_b_' || o, 'lst_b_' || l, 'acct_b_' || (l / 3), pos, 'Bench piece',
      'digital', qty, price, 0, price * qty, (price * qty + 5) / 10
    FROM (SELECT *, (o * 37 + pos * 1129) % ${listings} AS l FROM bench_lines)`,
    `INSERT INTO ledger_transactions (id, kind, currency, occurred_at, reference, memo, source_type,
      source_id, stripe_payment_intent_id, stripe_charge_id)
    SELECT 'ltx_bsa_' || id, 'sale', 'usd', paid_at, 'sale:' || id, 'Order paid', 'order', id,
      stripe_payment_intent_id, stripe_charge_id FROM orders WHERE id >= 'ord_b_' AND id < 'ord_b_~'`,
    `INSERT INTO ledger_entries (transaction_id, account, currency, debit_cents, credit_cents)
    SELECT 'ltx_bsa_' || id, 'stripe_clearing', 'usd', total_cents, 0 FROM orders
      WHERE id >= 'ord_b_' AND id < 'ord_b_~'
    UNION ALL SELECT 'ltx_bsa_' || order_id, 'seller_payable:' || seller_id, 'usd', 0,
      subtotal_cents - commission_cents FROM order_items WHERE id >= 'oit_b_' AND id < 'oit_b_~'
    UNION ALL SELECT 'ltx_bsa_' || order_id, 'commission_income', 'usd', 0, commission_cents
      FROM order_items WHERE id >= 'oit_b_' AND id < 'oit_b_~'`,
    guards('ltx_bsa_'),
    // Stripe's 2.9 % + 30¢, rounded half up as functions/lib/money.ts basisPoints does.
    `INSERT INTO ledger_transactions (id, kind, currency, occurred_at, reference, memo, source_type,
      source_id, stripe_payment_intent_id, stripe_charge_id, stripe_balance_transaction_id)
    SELECT 'ltx_bfe_' || id, 'processing_fee', 'usd', paid_at, 'fee:txn_' || id, '', 'order', id,
      stripe_payment_intent_id, stripe_charge_id, 'txn_' || id
    FROM orders WHERE id >= 'ord_b_' AND id < 'ord_b_~'`,
    `INSERT INTO ledger_entries (transaction_id, account, currency, debit_cents, credit_cents)
    SELECT 'ltx_bfe_' || id, 'processing_fees', 'usd', (total_cents * 290 + 5000) / 10000 + 30, 0
      FROM orders WHERE id >= 'ord_b_' AND id < 'ord_b_~'
    UNION ALL SELECT 'ltx_bfe_' || id, 'stripe_clearing', 'usd', 0,
      (total_cents * 290 + 5000) / 10000 + 30 FROM orders WHERE id >= 'ord_b_' AND id < 'ord_b_~'`,
    guards('ltx_bfe_'),
  ]
}

/** 2 % of lines refunded ten days after payment (within the year): half in full, half in part. */
function refundsSql(year: FiscalYear): string[] {
  const E = Date.parse(year.end) / 1000
  const amount = `iif(l.i % 100 = 7, i.subtotal_cents, i.subtotal_cents / 2)`
  // round_half_up(F × R / S) of surplus.md §2, in integers.
  const returned = `(2 * i.commission_cents * ${amount} + i.subtotal_cents) / (2 * i.subtotal_cents)`
  const at = iso(`min(unixepoch(o.paid_at) + 864000, ${E - 3600})`)
  return [
    `INSERT INTO refunds (id, order_id, order_item_id, seller_id, requested_by, amount_cents,
      line_refunded_before_cents, commission_returned_cents, currency, reason, status,
      stripe_refund_id, stripe_reversal_id, created_at, updated_at, refunded_at)
    SELECT 'ref_b_' || l.i, i.order_id, i.id, i.seller_id, i.seller_id, ${amount}, 0, ${returned},
      'usd', 'Bench refund', 'succeeded', 're_b_' || l.i, 'trr_b_' || l.i, ${at}, ${at}, ${at}
    FROM bench_lines l JOIN order_items i ON i.id = 'oit_b_' || l.i
      JOIN orders o ON o.id = i.order_id
    WHERE l.i % 50 = 7`,
    `UPDATE order_items SET refunded_cents = (SELECT amount_cents FROM refunds r
      WHERE r.order_item_id = order_items.id)
    WHERE id IN (SELECT order_item_id FROM refunds WHERE id >= 'ref_b_' AND id < 'ref_b_~')`,
    `UPDATE orders SET status = 'partially_refunded'
    WHERE id IN (SELECT order_id FROM refunds WHERE id >= 'ref_b_' AND id < 'ref_b_~')`,
    `INSERT INTO ledger_transactions (id, kind, currency, occurred_at, reference, memo, source_type,
      source_id, stripe_refund_id)
    SELECT 'ltx_bre_' || id, 'refund', 'usd', refunded_at, 'refund:' || id, 'Line refunded',
      'refund', id, stripe_refund_id FROM refunds WHERE id >= 'ref_b_' AND id < 'ref_b_~'
    UNION ALL SELECT 'ltx_bcr_' || id, 'commission_returned', 'usd', refunded_at,
      'commission-returned:' || id, 'Commission returned', 'refund', id, NULL
      FROM refunds WHERE id >= 'ref_b_' AND id < 'ref_b_~' AND commission_returned_cents > 0`,
    `INSERT INTO ledger_entries (transaction_id, account, currency, debit_cents, credit_cents)
    SELECT 'ltx_bre_' || id, 'seller_payable:' || seller_id, 'usd', amount_cents, 0 FROM refunds
      WHERE id >= 'ref_b_' AND id < 'ref_b_~'
    UNION ALL SELECT 'ltx_bre_' || id, 'stripe_clearing', 'usd', 0, amount_cents FROM refunds
      WHERE id >= 'ref_b_' AND id < 'ref_b_~'
    UNION ALL SELECT 'ltx_bcr_' || id, 'commission_income', 'usd', commission_returned_cents, 0
      FROM refunds WHERE id >= 'ref_b_' AND id < 'ref_b_~' AND commission_returned_cents > 0
    UNION ALL SELECT 'ltx_bcr_' || id, 'seller_payable:' || seller_id, 'usd', 0,
      commission_returned_cents FROM refunds
      WHERE id >= 'ref_b_' AND id < 'ref_b_~' AND commission_returned_cents > 0`,
    guards('ltx_bre_'),
    guards('ltx_bcr_'),
    'DROP TABLE bench_lines',
  ]
}

/**
 * Seeds `scale` for `year` into the migrated local D1 at `persistTo`, one file (one
 * transaction) per stage. Returns the seconds each stage took.
 */
export async function seedSurplusYear(persistTo: string, year: FiscalYear, scale: SurplusScale) {
  const stages = {
    members: membersSql(year, scale),
    orders: ordersSql(year, scale),
    refunds: refundsSql(year),
  }
  const seconds: Record<string, number> = {}
  for (const [name, statements] of Object.entries(stages)) {
    const started = performance.now()
    const file = join(persistTo, `bench-surplus-${name}.sql`)
    await writeFile(file, statements.map((s) => `${s};`).join('\n') + '\n')
    await wrangler(['d1', 'execute', 'fairstall', '--local', '--yes', '--file', file], persistTo)
    seconds[name] = (performance.now() - started) / 1000
    console.log(`  ${name}: ${seconds[name]!.toFixed(1)} s`)
  }
  return seconds
}
