/**
 * Asking for a refund of all or part of an order line (spec/payments.md "Refund"): the line's
 * seller or an admin. The refund is written `pending`, the line's `refunded_cents` bumped and an
 * `order_refund` job queued, in one batch; the job talks to Stripe (jobs.ts). The database
 * guards the batch (0009_refunds.sql), so two refunds racing for a line's last cents cannot
 * both pass: one is written, the other gets 409.
 */
import type { Bindings, Viewer } from '../app.ts'
import { newId } from '../lib/crypto.ts'
import { atomically, database } from '../lib/db.ts'
import { AppError, notFound } from '../lib/errors.ts'
import { type Cents, sumCents } from '../lib/money.ts'
import { auditStatement } from '../audit/log.ts'
import { outboxStatements, sendJobs } from '../jobs/outbox.ts'
import { commissionReturned } from '../orders/commission.ts'
import { findOrder, itemsOfOrders } from '../orders/repository.ts'
import type { OrderItemRow } from '../../schema/tables.ts'
import { bumpLineRefunded, findRefund, insertRefund, refundView } from './repository.ts'
import type { RefundInput, RefundView } from './schemas.ts'

/** The orders a refund can be asked of: paid, and not disputed or refunded in full. */
const REFUNDABLE = new Set(['paid', 'partially_refunded'])

/** Tries of a refund whose line changed under it (another refund committed first). */
const ATTEMPTS = 3

/**
 * The commission a refund of `amount` returns after `before` of the line was refunded: the
 * difference of the cumulative returns (surplus.md §2's `round_half_up(F × R / S)` of the
 * refunded total), so a line's refunds together return exactly F once it is refunded in full.
 */
export function commissionOfRefund(item: OrderItemRow, before: Cents, amount: Cents): Cents {
  const F = item.commission_cents
  const S = item.subtotal_cents
  return sumCents([
    commissionReturned(F, sumCents([before, amount]), S),
    -commissionReturned(F, before, S),
  ])
}

const tooLarge = (item: OrderItemRow) =>
  new AppError(
    409,
    'refund_too_large',
    `At most ${sumCents([item.subtotal_cents, -item.refunded_cents])} cents of this line can still be refunded.`,
    { amount_cents: 'More than is left to refund on this line.' },
  )

/** Loads the order and the line, and checks who asks (404, 403) and whether it can be (409). */
async function refundableLine(env: Bindings, viewer: Viewer, orderId: string, itemId: string) {
  const db = database(env.DB)
  const order = await findOrder(db, orderId)
  const items = order ? await itemsOfOrders(db, [orderId]) : []
  const me = viewer.account.id
  const admin = viewer.roles.includes('admin')
  // Someone with no part in the order does not learn it exists (as GET /orders/:id).
  const involved = admin || order?.buyer_id === me || items.some((item) => item.seller_id === me)
  if (!order || !involved) throw notFound('The order')
  const item = items.find((line) => line.id === itemId)
  if (!item) throw notFound('That line of the order')
  if (!admin && item.seller_id !== me)
    throw new AppError(403, 'forbidden', "Only the line's seller or an admin can refund it.")
  if (!REFUNDABLE.has(order.status))
    throw new AppError(409, 'not_refundable', `A ${order.status} order cannot be refunded.`)
  return { order, item }
}

/** `POST /api/v1/orders/:id/refunds`: the new pending refund. */
export async function requestRefund(
  env: Bindings,
  viewer: Viewer,
  orderId: string,
  input: RefundInput,
  now = new Date(),
): Promise<RefundView> {
  const db = database(env.DB)
  for (let attempt = 1; ; attempt += 1) {
    const { order, item } = await refundableLine(env, viewer, orderId, input.order_item_id)
    const before = item.refunded_cents
    if (sumCents([before, input.amount_cents]) > item.subtotal_cents) throw tooLarge(item)
    const id = newId('rf')
    const at = now.toISOString()
    const outbox = outboxStatements(
      env,
      [{ kind: 'order_refund', dedupeKey: `refund:${id}`, payload: { refund_id: id } }],
      now,
    )
    try {
      await atomically(env.DB, [
        insertRefund(db, {
          id,
          order_id: order.id,
          order_item_id: item.id,
          seller_id: item.seller_id,
          requested_by: viewer.account.id,
          amount_cents: input.amount_cents,
          line_refunded_before_cents: before,
          commission_returned_cents: commissionOfRefund(item, before, input.amount_cents),
          currency: order.currency,
          reason: input.reason,
          created_at: at,
          updated_at: at,
        }),
        bumpLineRefunded(db, item.id, input.amount_cents),
        ...outbox.statements,
        ...(viewer.roles.includes('admin')
          ? [adminRefundAudit(db, viewer, id, item, order.currency, input, at)]
          : []),
      ])
    } catch (error) {
      const refusal = refusalOf(error)
      // Another refund of the line committed since the read: read again and decide again.
      if (refusal === 'changed' && attempt < ATTEMPTS) continue
      if (refusal === 'changed' || refusal === 'too_large') throw tooLarge(item)
      if (refusal === 'not_refundable')
        throw new AppError(409, 'not_refundable', 'This order can no longer be refunded.')
      throw error
    }
    await sendJobs(env, outbox.ids)
    return refundView((await findRefund(db, id))!)
  }
}

/** The audit row of a refund an admin asked for (the seller's own refunds are not logged). */
function adminRefundAudit(
  db: ReturnType<typeof database>,
  admin: Viewer,
  refundId: string,
  item: OrderItemRow,
  currency: string,
  input: RefundInput,
  at: string,
) {
  return auditStatement(db, {
    actorId: admin.account.id,
    action: 'refund_requested',
    subjectType: 'refund',
    subjectId: refundId,
    details: {
      order_id: item.order_id,
      order_item_id: item.id,
      title: item.title,
      amount_cents: input.amount_cents,
      currency,
      reason: input.reason,
    },
    at,
  })
}

/** Which guard of 0009_refunds.sql (or of order_items' CHECK) aborted the batch, if one did. */
function refusalOf(error: unknown) {
  const message = error instanceof Error ? error.message : ''
  if (/refunds: line changed|UNIQUE constraint failed: refunds\./.test(message)) return 'changed'
  if (/refunds: more than the line|CHECK constraint failed/.test(message)) return 'too_large'
  if (/refunds: order not refundable/.test(message)) return 'not_refundable'
  return undefined
}
