/**
 * Shared arrange steps of the surplus tests: a board member, the board's API of a year, a paid
 * sale and a refund through the real checkout, and (the one direct write) moving a payment into
 * a past fiscal year, since the emulator and the Worker only pay orders today.
 */
import { env } from 'cloudflare:workers'
import { expect } from 'vitest'

import type { BoardEntry, SurplusReport } from '../../functions/surplus/types.ts'
import { type Client, becomeMember, call, grantRole, signUp } from './helpers.ts'
import { jobsOf, openOrder, payOrder, publishedListing, runJob } from './order-fixtures.ts'

/** Today is 2026-12-01: FY2025 is past, FY2026 is open (January years, UTC). */
export const PAST = 2025
export const OPEN = 2026

/** A member of the board (an active member too). */
export async function boardMember(name = 'Board Member'): Promise<Client> {
  const client = await signUp({ display_name: name })
  await becomeMember(client)
  await grantRole(client, 'board')
  return client
}

/** An active member who is not staff. */
export async function member(name: string): Promise<Client> {
  const client = await signUp({ display_name: name })
  await becomeMember(client)
  return client
}

/** Calls `/api/v1/board/years/<rest>` as `as`. */
export const boardApi = (
  as: Client,
  rest: string,
  init: { method?: string; json?: unknown } = {},
) => call(`/api/v1/board/years/${rest}`, { ...init, as })

/** The year's report (the stored one once approved). */
export async function reportOf(board: Client, year: number): Promise<SurplusReport> {
  const response = await boardApi(board, `${year}/report`)
  expect(response.status).toBe(200)
  return response.json<SurplusReport>()
}

/** Adds a board entry that must be accepted. */
export async function entry(
  board: Client,
  year: number,
  body: { kind: 'income' | 'expense'; amount_cents: number; date: string; description?: string },
): Promise<BoardEntry> {
  const json = { description: `${body.kind} line`, ...body }
  const response = await boardApi(board, `${year}/entries`, { method: 'POST', json })
  expect(response.status).toBe(201)
  return response.json<BoardEntry>()
}

/** A paid order of one line, `quantity` × `price` from `seller` to `buyer`, seller paid. */
export async function paidSale(seller: Client, buyer: Client, price: number, quantity = 1) {
  const listing = await publishedListing(seller, { price_cents: price, quantity: quantity + 5 })
  const { order_id, checkout_url } = await openOrder(buyer, [{ listing_id: listing, quantity }])
  await payOrder(checkout_url)
  // The seller is paid, as the queue would: a refund then reverses that transfer.
  for (const job of await jobsOf(order_id)) {
    if (job.kind === 'seller_transfer') await runJob(job.id)
  }
  const line = await env.DB.prepare(`SELECT id FROM order_items WHERE order_id = ?`)
    .bind(order_id)
    .first<{ id: string }>()
  return { orderId: order_id, lineId: line!.id }
}

/** A refund by the line's seller, its job run to the end. */
export async function refund(
  seller: Client,
  sale: { orderId: string; lineId: string },
  cents: number,
) {
  const response = await call(`/api/v1/orders/${sale.orderId}/refunds`, {
    method: 'POST',
    as: seller,
    json: { order_item_id: sale.lineId, amount_cents: cents, reason: 'Arrived chipped' },
  })
  expect(response.status).toBe(201)
  const { id } = await response.json<{ id: string }>()
  const job = await env.DB.prepare(`SELECT id FROM jobs WHERE dedupe_key = ?`)
    .bind(`refund:${id}`)
    .first<{ id: string }>()
  expect((await runJob(job!.id)).explicitAcks).toHaveLength(1)
}

/**
 * Moves an order's payment into a past year. Direct write: nothing in the app pays an order on
 * another day than today. Its ledger transactions (append-only) stay dated today, so only the
 * weights move; the commission still counts in the open year.
 */
export async function paidOn(orderId: string, iso: string) {
  await env.DB.prepare(`UPDATE orders SET paid_at = ? WHERE id = ?`).bind(iso, orderId).run()
}

/** Backdates membership periods so a member counts in a past year (joined today otherwise). */
export async function joinedOn(memberId: string, iso: string) {
  await env.DB.prepare(`UPDATE membership_periods SET started_at = ? WHERE account_id = ?`)
    .bind(iso, memberId)
    .run()
}

/** An account's ledger balance (debits − credits). */
export async function balance(account: string): Promise<number> {
  const row = await env.DB.prepare(
    `SELECT coalesce(sum(debit_cents), 0) - coalesce(sum(credit_cents), 0) AS b
     FROM ledger_entries WHERE account = ?`,
  )
    .bind(account)
    .first<{ b: number }>()
  return row?.b ?? 0
}
