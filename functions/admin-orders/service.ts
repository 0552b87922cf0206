/**
 * The admins' view of orders: the list, and one order with its Stripe objects and its ledger,
 * composed from the repository's reads. Admin-only pages (the route applies `admin`), so the
 * buyer's email and every seller's line are shown.
 */
import type { AdminOrderView, LedgerTransactionView } from '../../web/pages/AdminOrderPage.tsx'
import type { AdminOrderSummary } from '../../web/pages/AdminOrdersPage.tsx'
import type { DB } from '../lib/db.ts'
import { notFound } from '../lib/errors.ts'
import { toPage } from '../lib/pagination.ts'
import { LedgerAccount } from '../ledger/chart.ts'
import {
  type OrderStatus,
  disputesOfOrder,
  ledgerOfOrder,
  linesWithSellers,
  orderWithBuyer,
  recentOrders,
  refundsOfOrder,
} from './repository.ts'

/** One page of every buyer's orders, newest first. */
export async function adminOrders(
  db: DB,
  limit: number,
  status?: OrderStatus,
  cursor?: string,
): Promise<{ orders: AdminOrderSummary[]; nextCursor: string | null }> {
  const rows = await recentOrders(db, limit, status, cursor)
  const page = toPage(rows, limit, (row) => [row.created_at, row.id])
  return {
    orders: page.items.map((row) => ({ ...row, lines: Number(row.lines) })),
    nextCursor: page.next_cursor,
  }
}

/** One order as the admins see it; 404 when there is none. */
export async function adminOrder(db: DB, id: string): Promise<AdminOrderView> {
  const order = await orderWithBuyer(db, id)
  if (!order) throw notFound('The order')
  const [lines, refunds, disputes] = await Promise.all([
    linesWithSellers(db, id),
    refundsOfOrder(db, id),
    disputesOfOrder(db, id),
  ])
  const ledger = await ledgerOfOrder(db, {
    orderId: id,
    lineIds: lines.map((line) => line.id),
    refundIds: refunds.map((refund) => refund.id),
    disputeIds: disputes.flatMap((dispute) => [dispute.id, dispute.stripe_dispute_id]),
  })
  const sellerNames = new Map(lines.map((line) => [line.seller_id, line.seller_name]))
  const transactions: LedgerTransactionView[] = ledger.map((t) => ({
    id: t.id,
    kind: t.kind,
    memo: t.memo,
    occurred_at: t.occurred_at,
    currency: t.currency,
    postings: t.postings.map((p) => ({
      account: p.account,
      debit_cents: p.debit_cents,
      credit_cents: p.credit_cents,
    })),
  }))
  // A seller's transfer is the seller_transfer transaction that debits their payable.
  const transfers = ledger
    .filter((t) => t.kind === 'seller_transfer' && t.stripe_transfer_id)
    .map((t) => {
      const posting = t.postings.find((p) => p.account.startsWith('seller_payable:'))
      const sellerId = posting?.account.slice('seller_payable:'.length) ?? ''
      return {
        seller_name: sellerNames.get(sellerId) ?? sellerId,
        stripe_transfer_id: t.stripe_transfer_id ?? '',
        amount_cents: posting?.debit_cents ?? 0,
        occurred_at: t.occurred_at,
      }
    })
  return {
    id: order.id,
    status: order.status,
    currency: order.currency,
    buyer: { id: order.buyer_id, name: order.buyer_name, email: order.buyer_email },
    subtotal_cents: order.subtotal_cents,
    shipping_cents: order.shipping_cents,
    total_cents: order.total_cents,
    commission_cents: order.commission_cents,
    created_at: order.created_at,
    paid_at: order.paid_at,
    stripe: {
      checkout_session: order.stripe_checkout_session_id,
      payment_intent: order.stripe_payment_intent_id,
      charge: order.stripe_charge_id,
    },
    lines: lines.map((line) => ({
      id: line.id,
      title: line.title,
      kind: line.kind,
      quantity: line.quantity,
      seller_id: line.seller_id,
      seller_name: line.seller_name,
      subtotal_cents: line.subtotal_cents,
      shipping_cents: line.shipping_cents,
      commission_cents: line.commission_cents,
      refunded_cents: line.refunded_cents,
    })),
    transfers,
    refunds: refunds.map((refund) => ({
      id: refund.id,
      order_item_id: refund.order_item_id,
      amount_cents: refund.amount_cents,
      commission_returned_cents: refund.commission_returned_cents,
      reason: refund.reason,
      status: refund.status,
      stripe_refund_id: refund.stripe_refund_id,
      stripe_reversal_id: refund.stripe_reversal_id,
      created_at: refund.created_at,
    })),
    disputes: disputes.map((dispute) => ({
      stripe_dispute_id: dispute.stripe_dispute_id,
      status: dispute.status,
      reason: dispute.reason,
      amount_cents: dispute.amount_cents,
      fee_cents: dispute.fee_cents,
      opened_at: dispute.opened_at,
    })),
    transactions,
    accountNames: accountNames(sellerNames),
  }
}

/** Readable names of the ledger accounts a page shows: the sellers' payables by seller name. */
function accountNames(sellers: Map<string, string>): Record<string, string> {
  const names: Record<string, string> = {}
  for (const [id, name] of sellers) names[LedgerAccount.sellerPayable(id)] = `Owed to ${name}`
  return names
}
