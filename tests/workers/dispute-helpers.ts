/**
 * The disputes tests' reading of both sides: what the app recorded about an order and its
 * dispute, and what Stripe's own records say it must be (the oracle the delivery orders meet).
 */
import { env } from 'cloudflare:workers'
import { expect } from 'vitest'

import { disputesOfOrder } from '../../functions/disputes/repository.ts'
import { database } from '../../functions/lib/db.ts'
import { type Client, type EmulatorEvent, deliver } from './helpers.ts'
import { getOrder, sessionEvents } from './order-fixtures.ts'

const db = database(env.DB)
const headers = { authorization: 'Bearer sk_test_fairstall' }

/**
 * Delivers events as Stripe does: an event answered 503 (a dispute before its payment) comes
 * again after the others, until every one is answered 200.
 */
export async function deliverAll(events: readonly EmulatorEvent[]) {
  let pending = [...events]
  for (let round = 0; pending.length > 0 && round < 5; round += 1) {
    const again: EmulatorEvent[] = []
    for (const event of pending) {
      const { status } = await deliver(event)
      if (status === 503) again.push(event)
      else expect(status).toBe(200)
    }
    pending = again
  }
  expect(pending).toEqual([])
}

export interface StripeDispute {
  status: string
  amount: number
  balance_transactions: { id: string; amount: number; fee: number; net: number; created: number }[]
}

export async function stripeDispute(id: string) {
  const response = await fetch(`${env.STRIPE_EMULATOR_URL}/v1/disputes/${id}`, { headers })
  return response.json<StripeDispute>()
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString()

/** What the app holds about an order and its dispute, without our own ids and clock. */
export async function stateOf(buyer: Client, orderId: string, disputeId: string) {
  const { status } = (await getOrder(buyer, orderId)).body
  const disputes = (await disputesOfOrder(db, orderId)).map(
    ({ id: _id, created_at: _c, updated_at: _u, ...row }) => row,
  )
  const entries = await env.DB.prepare(
    `SELECT t.kind, t.reference, t.occurred_at, e.account, e.debit_cents, e.credit_cents
     FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id
     WHERE t.source_id IN (?, ?) ORDER BY t.reference, e.account`,
  )
    .bind(orderId, disputeId)
    .all()
  return { status, disputes, ledger: entries.results }
}

/** Debits − credits per account over the transactions of an order and its dispute. */
export async function movements(orderId: string, disputeId: string) {
  const rows = await env.DB.prepare(
    `SELECT e.account, sum(e.debit_cents) - sum(e.credit_cents) AS net
     FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id
     WHERE t.source_id IN (?, ?) GROUP BY e.account`,
  )
    .bind(orderId, disputeId)
    .all<{ account: string; net: number }>()
  return Object.fromEntries(rows.results.map((r) => [r.account, r.net]))
}

export async function imbalance() {
  const row = await env.DB.prepare(
    'SELECT coalesce(sum(debit_cents), 0) - coalesce(sum(credit_cents), 0) AS d FROM ledger_entries',
  ).first<{ d: number }>()
  return row?.d
}

/** Entries of one transaction, in the shape {@link disputeLedgerOf} reads them. */
const entriesOf =
  (kind: string, reference: string, at: string) =>
  (account: string, debit_cents: number, credit_cents: number) => ({
    kind,
    reference,
    at,
    account,
    debit_cents,
    credit_cents,
  })

/**
 * The dispute's ledger as Stripe's own records say it must be (the oracle): the withdrawal
 * dated by its balance transaction, a loss by the closing event, a win by its reinstatement.
 * Ordered as {@link stateOf} reads them (by reference, then account).
 */
export async function expectedDisputeLedger(disputeId: string, closedEventAt?: string) {
  const dispute = await stripeDispute(disputeId)
  const [out, back] = dispute.balance_transactions
  const withdrawn = -out!.amount + out!.fee
  const opened = entriesOf('dispute_opened', `dispute-opened:${disputeId}`, iso(out!.created))
  const openedRows = [
    opened('disputes_pending', withdrawn, 0),
    opened('stripe_clearing', 0, withdrawn),
  ]
  const ref = `dispute-closed:${disputeId}`
  if (dispute.status === 'lost') {
    const lost = entriesOf('dispute_lost', ref, closedEventAt!)
    return [
      lost('dispute_losses', withdrawn, 0),
      lost('disputes_pending', 0, withdrawn),
      ...openedRows,
    ]
  }
  if (dispute.status === 'won') {
    const won = entriesOf('dispute_won', ref, iso(back!.created))
    return [
      won('disputes_pending', 0, withdrawn),
      won('stripe_clearing', back!.net, 0),
      ...openedRows,
    ]
  }
  return openedRows
}

/** The time of the `charge.dispute.closed` event Stripe sent. */
export async function closedEventTime(checkoutUrl: string) {
  const closed = (await sessionEvents(checkoutUrl)).find((e) => e.type === 'charge.dispute.closed')
  return iso((JSON.parse(closed!.payload) as { created: number }).created)
}

/** The dispute's rows of the ledger, in the oracle's shape. */
export const disputeLedgerOf = (state: Awaited<ReturnType<typeof stateOf>>) =>
  state.ledger
    .filter((r) => String(r.reference).startsWith('dispute-'))
    .map((r) => ({
      kind: r.kind,
      reference: r.reference,
      at: r.occurred_at,
      account: r.account,
      debit_cents: r.debit_cents,
      credit_cents: r.credit_cents,
    }))

/** Stripe's net movement of an order's money: the charge's balance transaction and the dispute's. */
export async function stripeNet(orderId: string, disputeId: string) {
  const order = await db
    .selectFrom('orders')
    .select('stripe_charge_id')
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow()
  const url = `${env.STRIPE_EMULATOR_URL}/v1/balance_transactions?source=${order.stripe_charge_id}`
  const charge = await (await fetch(url, { headers })).json<{ data: { net: number }[] }>()
  const dispute = await stripeDispute(disputeId)
  const nets = [...charge.data, ...dispute.balance_transactions].map((t) => t.net)
  return nets.reduce((a, b) => a + b, 0)
}
