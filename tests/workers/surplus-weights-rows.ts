/**
 * Rows of a past fiscal year written straight into D1: accounts, membership periods, paid order
 * lines and succeeded refunds at chosen instants. The API stamps "now", and a year of history
 * through checkouts would take minutes; these rows pass the same constraints and triggers.
 */
import { env } from 'cloudflare:workers'

const id = (prefix: string) => `${prefix}_${crypto.randomUUID()}`
const run = (query: string, ...values: unknown[]) =>
  env.DB.prepare(query)
    .bind(...values)
    .run()

/** An account, optionally an approved seller; no membership yet. */
export async function account(name: string, seller = false) {
  const account = id('acct')
  await run(
    `INSERT INTO accounts (id, email, password_hash, display_name, created_at, seller_status)
     VALUES (?, ?, 'x', ?, '2019-01-01T00:00:00.000Z', ?)`,
    account,
    `${account}@example.coop`,
    name,
    seller ? 'approved' : 'none',
  )
  return account
}

let ledgerTransaction: string | undefined

/**
 * A membership period of `member` over [startedAt, endedAt). Each period needs a share; the
 * share's own books are not what these tests read, so it borrows an existing ledger transaction
 * and is held by a stand-in account (one unredeemed share per holder).
 */
export async function period(member: string, startedAt: string, endedAt: string | null = null) {
  ledgerTransaction ??= (
    await env.DB.prepare('SELECT id FROM ledger_transactions LIMIT 1').first<{ id: string }>()
  )?.id
  if (!ledgerTransaction) throw new Error('no ledger transaction to borrow: buy a share first')
  const holder = await account('Share holder')
  const session = id('cs')
  const share = id('share')
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO checkout_sessions (id, purpose, account_id, amount_cents, currency, url,
         created_at, expires_at, status)
       VALUES (?, 'member_share', ?, 1000, 'usd', 'https://x', ?, ?, 'complete')`,
    ).bind(session, holder, startedAt, startedAt),
    env.DB.prepare(
      `INSERT INTO member_shares (id, account_id, amount_cents, currency, checkout_session_id,
         ledger_transaction_id, issued_at) VALUES (?, ?, 1000, 'usd', ?, ?, ?)`,
    ).bind(share, holder, session, ledgerTransaction, startedAt),
    env.DB.prepare(
      `INSERT INTO membership_periods (id, account_id, share_id, started_at, ended_at, end_reason)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).bind(id('period'), member, share, startedAt, endedAt, endedAt ? 'withdrawal' : null),
  ])
}

/** A paid order of one line, `buyer` from `seller`; returns the line's ids. */
export async function sale(seller: string, buyer: string, cents: number, paidAt: string) {
  const listing = id('lst')
  const order = id('ord')
  const line = id('item')
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO listings (id, seller_id, currency, kind, quantity, created_at, updated_at)
       VALUES (?, ?, 'usd', 'physical', 1, ?, ?)`,
    ).bind(listing, seller, paidAt, paidAt),
    env.DB.prepare(
      `INSERT INTO orders (id, buyer_id, status, currency, subtotal_cents, shipping_cents,
         total_cents, commission_cents, stripe_charge_id, created_at, updated_at, paid_at)
       VALUES (?, ?, 'paid', 'usd', ?, 0, ?, 0, ?, ?, ?, ?)`,
    ).bind(order, buyer, cents, cents, id('ch'), paidAt, paidAt, paidAt),
    env.DB.prepare(
      `INSERT INTO order_items (id, order_id, listing_id, seller_id, position, title, kind,
         quantity, unit_price_cents, shipping_cents, subtotal_cents, commission_cents)
       VALUES (?, ?, ?, ?, 0, 'Bowl', 'physical', 1, ?, 0, ?, 0)`,
    ).bind(line, order, listing, seller, cents, cents),
  ])
  return { seller, order, line }
}

/** A refund of `cents` of a line that succeeded at `refundedAt` (the line's first refund). */
export async function refund(
  of: { seller: string; order: string; line: string },
  cents: number,
  refundedAt: string,
) {
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO refunds (id, order_id, order_item_id, seller_id, requested_by, amount_cents,
         line_refunded_before_cents, commission_returned_cents, currency, reason, status,
         stripe_refund_id, stripe_reversal_id, created_at, updated_at, refunded_at)
       VALUES (?, ?, ?, ?, ?, ?, 0, 0, 'usd', 'Broken', 'succeeded', ?, ?, ?, ?, ?)`,
    ).bind(
      id('rf'),
      of.order,
      of.line,
      of.seller,
      of.seller,
      cents,
      id('re'),
      id('trr'),
      refundedAt,
      refundedAt,
      refundedAt,
    ),
    env.DB.prepare('UPDATE order_items SET refunded_cents = refunded_cents + ? WHERE id = ?').bind(
      cents,
      of.line,
    ),
  ])
}
