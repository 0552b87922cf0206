/** What the buyer reads for an order's and a line's status: words first, the tone only tints. */
import type { OrderLineData, OrderStatus } from './types'

type Badge = { tone: 'neutral' | 'pending' | 'good' | 'bad'; text: string }

const orderBadges: Record<OrderStatus, Badge> = {
  pending: { tone: 'pending', text: 'Awaiting payment' },
  paid: { tone: 'good', text: 'Paid' },
  cancelled: { tone: 'neutral', text: 'Cancelled' },
  refunded: { tone: 'neutral', text: 'Refunded' },
  partially_refunded: { tone: 'good', text: 'Partly refunded' },
  disputed: { tone: 'bad', text: 'Disputed' },
}

/** The badge of an order's status. */
export const orderBadge = (status: OrderStatus): Badge => orderBadges[status]

/**
 * The badge of one line: its refunds when it has some, else the order's own status (a line has
 * no status of its own in this version: it is paid, cancelled or disputed with its order).
 */
export function lineBadge(status: OrderStatus, line: OrderLineData): Badge {
  if (line.refunded_cents > 0 && line.refunded_cents >= line.subtotal_cents) {
    return { tone: 'neutral', text: 'Refunded' }
  }
  if (line.refunded_cents > 0) return { tone: 'good', text: 'Partly refunded' }
  if (status === 'refunded' || status === 'partially_refunded') return orderBadges.paid
  return orderBadges[status]
}

/** "Order of 3 pieces" style count of the pieces in an order. */
export function piecesText(lines: readonly OrderLineData[]): string {
  let count = 0
  for (const line of lines) count += line.quantity
  return count === 1 ? '1 piece' : `${count} pieces`
}
