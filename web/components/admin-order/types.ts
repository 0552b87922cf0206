/** One order as the admins' order page shows it (functions/admin-orders/service.ts builds it). */
import type { OrderStatus } from '../order/types'

/** A ledger transaction of an order with its postings (integer cents). */
export type LedgerTransactionView = {
  id: string
  kind: string
  memo: string
  occurred_at: string
  currency: string
  postings: { account: string; debit_cents: number; credit_cents: number }[]
}

/** One order as the admins see it: lines, Stripe ids and the ledger, all read from D1. */
export type AdminOrderView = {
  id: string
  status: OrderStatus
  currency: string
  buyer: { id: string; name: string; email: string }
  subtotal_cents: number
  shipping_cents: number
  total_cents: number
  commission_cents: number
  created_at: string
  paid_at: string | null
  stripe: {
    checkout_session: string | null
    payment_intent: string | null
    charge: string | null
  }
  lines: {
    id: string
    title: string
    kind: 'physical' | 'digital'
    quantity: number
    seller_id: string
    seller_name: string
    subtotal_cents: number
    shipping_cents: number
    commission_cents: number
    refunded_cents: number
  }[]
  transfers: {
    seller_name: string
    stripe_transfer_id: string
    amount_cents: number
    occurred_at: string
  }[]
  refunds: {
    id: string
    order_item_id: string
    amount_cents: number
    commission_returned_cents: number
    reason: string
    status: 'pending' | 'succeeded'
    stripe_refund_id: string | null
    stripe_reversal_id: string | null
    created_at: string
  }[]
  disputes: {
    stripe_dispute_id: string
    status: string
    reason: string
    amount_cents: number
    fee_cents: number
    opened_at: string
  }[]
  transactions: LedgerTransactionView[]
  /** Readable names of some ledger accounts (a seller's payable by the seller's name). */
  accountNames: Record<string, string>
}
