import { Fragment } from 'preact'

import { DateText } from '../DateText'
import { formatMoney } from '../money'
import type { AdminOrderView } from './types'

/** Readable names of the ledger's transaction kinds an order can have. */
const kindNames: Record<string, string> = {
  sale: 'Sale',
  processing_fee: 'Stripe processing fee',
  seller_transfer: 'Transfer to seller',
  refund: 'Refund',
  transfer_reversal: 'Transfer reversed',
  commission_returned: 'Commission returned',
  dispute_opened: 'Dispute opened',
  dispute_lost: 'Dispute lost',
  dispute_won: 'Dispute won',
}

/** A Stripe id, or "none yet" while the object does not exist. */
const Id = ({ id }: { id: string | null }) => (id ? <code>{id}</code> : <span>none yet</span>)

/** The order's Stripe objects, by the ids D1 recorded (the page never calls Stripe). */
export function StripeObjects({
  order,
  money,
}: {
  order: AdminOrderView
  money: (c: number) => string
}) {
  return (
    <section class="card" aria-labelledby="admin-order-stripe">
      <h2 id="admin-order-stripe">Stripe objects</h2>
      <dl>
        <dt>Checkout session</dt>
        <dd>
          <Id id={order.stripe.checkout_session} />
        </dd>
        <dt>Payment intent</dt>
        <dd>
          <Id id={order.stripe.payment_intent} />
        </dd>
        <dt>Charge</dt>
        <dd>
          <Id id={order.stripe.charge} />
        </dd>
        {order.transfers.map((transfer) => (
          <Fragment key={transfer.stripe_transfer_id}>
            <dt>Transfer to {transfer.seller_name}</dt>
            <dd>
              <code>{transfer.stripe_transfer_id}</code> {money(transfer.amount_cents)}
            </dd>
          </Fragment>
        ))}
        {order.refunds.map((refund) => (
          <Fragment key={refund.id}>
            <dt>Refund of {money(refund.amount_cents)}</dt>
            <dd>
              <Id id={refund.stripe_refund_id} />
              {refund.stripe_reversal_id && (
                <>
                  {' '}
                  reversal <code>{refund.stripe_reversal_id}</code>
                </>
              )}{' '}
              ({refund.status === 'succeeded' ? 'done' : 'pending'}: {refund.reason})
            </dd>
          </Fragment>
        ))}
        {order.disputes.map((dispute) => (
          <Fragment key={dispute.stripe_dispute_id}>
            <dt>Dispute ({dispute.status.replaceAll('_', ' ')})</dt>
            <dd>
              <code>{dispute.stripe_dispute_id}</code> {money(dispute.amount_cents)},{' '}
              {dispute.reason.replaceAll('_', ' ')}
            </dd>
          </Fragment>
        ))}
      </dl>
    </section>
  )
}

/** The order's ledger transactions, each a table of its postings. */
export function Ledger({ order }: { order: AdminOrderView }) {
  return (
    <section class="card" aria-labelledby="admin-order-ledger">
      <h2 id="admin-order-ledger">Ledger transactions</h2>
      {order.transactions.length === 0 && <p class="empty-state">Nothing is booked yet.</p>}
      {order.transactions.map((t) => (
        <table key={t.id} class="admin-order__ledger">
          <caption>
            {kindNames[t.kind] ?? t.kind}, <DateText iso={t.occurred_at} /> <code>{t.id}</code>
          </caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col" class="numeric">
                Debit
              </th>
              <th scope="col" class="numeric">
                Credit
              </th>
            </tr>
          </thead>
          <tbody>
            {t.postings.map((p, i) => (
              <tr key={i}>
                <td>
                  {order.accountNames[p.account] ?? p.account} <code>{p.account}</code>
                </td>
                <td class="numeric">
                  {p.debit_cents ? formatMoney(p.debit_cents, t.currency) : ''}
                </td>
                <td class="numeric">
                  {p.credit_cents ? formatMoney(p.credit_cents, t.currency) : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  )
}
