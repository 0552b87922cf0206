/** Queries over disputes: `db` first, one query each. Writes are statements for a batch. */
import type { DB, DisputeRow } from '../../schema/tables.ts'
import type { DisputeFacts } from './stripe-facts.ts'

/** The ledger references of a dispute's bookings (the builders' `reference`). */
export const openedReference = (disputeId: string) => `dispute-opened:${disputeId}`
export const closedReference = (disputeId: string) => `dispute-closed:${disputeId}`

/** Which of `references` the ledger has booked already. */
export async function bookedReferences(db: DB, references: readonly string[]) {
  const rows = await db
    .selectFrom('ledger_transactions')
    .select('reference')
    .where('reference', 'in', [...references])
    .execute()
  return new Set(rows.map((row) => row.reference))
}

/**
 * The dispute's row as Stripe's current state says, inserted or brought up to date. A closing
 * time once known is kept: a late, earlier event about the same dispute does not erase it.
 */
export function upsertDispute(
  db: DB,
  input: { id: string; orderId: string; facts: DisputeFacts; closedAt: string | null; now: string },
) {
  const { facts } = input
  const known = {
    status: facts.status,
    reason: facts.reason,
    amount_cents: facts.amount,
    fee_cents: facts.withdrawn?.fee ?? 0,
    evidence_due_by: facts.evidenceDueBy,
    funds_withdrawn_at: facts.withdrawn?.at ?? null,
    updated_at: input.now,
  }
  return db
    .insertInto('disputes')
    .values({
      id: input.id,
      order_id: input.orderId,
      stripe_dispute_id: facts.disputeId,
      stripe_charge_id: facts.chargeId,
      currency: facts.currency,
      opened_at: facts.openedAt,
      closed_at: input.closedAt,
      created_at: input.now,
      ...known,
    })
    .onConflict((oc) =>
      oc.column('stripe_dispute_id').doUpdateSet((eb) => ({
        ...known,
        closed_at: eb.fn.coalesce('disputes.closed_at', 'excluded.closed_at'),
      })),
    )
}

/**
 * Marks a paid order disputed. Only from a paid state: the forward-only trigger of
 * 0007_orders.sql keeps it from ever going back to pending or cancelled.
 */
export function markOrderDisputed(db: DB, orderId: string, now: string) {
  return db
    .updateTable('orders')
    .set({ status: 'disputed', updated_at: now })
    .where('id', '=', orderId)
    .where('status', 'in', ['paid', 'partially_refunded', 'refunded'])
}

/** An order's disputes, oldest first (the order's page, the admins' order view). */
export function disputesOfOrder(db: DB, orderId: string): Promise<DisputeRow[]> {
  return db
    .selectFrom('disputes')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('opened_at')
    .orderBy('id')
    .execute()
}

/** The disputes of orders with a line of `sellerId`'s, newest first (the seller's sales). */
export function disputesOfSeller(db: DB, sellerId: string): Promise<DisputeRow[]> {
  return db
    .selectFrom('disputes')
    .selectAll()
    .where('order_id', 'in', (eb) =>
      eb.selectFrom('order_items').select('order_id').where('seller_id', '=', sellerId),
    )
    .orderBy('opened_at', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

/** Disputes not yet won or lost, the oldest first: what the admins must answer. */
export function openDisputes(db: DB, limit = 100): Promise<DisputeRow[]> {
  return db
    .selectFrom('disputes')
    .selectAll()
    .where('status', 'not in', ['won', 'lost', 'warning_closed', 'prevented'])
    .orderBy('opened_at')
    .orderBy('id')
    .limit(limit)
    .execute()
}
