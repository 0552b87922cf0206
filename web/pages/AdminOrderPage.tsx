import type { AdminOrderView } from '../components/admin-order/types'
import { Ledger, StripeObjects } from '../components/admin-order/OrderSections'
import { DateText } from '../components/DateText'
import { Layout, type PageProps } from '../components/Layout'
import { formatMoney } from '../components/money'
import type { OrderStatus } from '../components/order/types'
import { orderBadge } from '../components/order/words'
import { RefundForm } from '../components/refund/RefundForm'
import { StatusBadge } from '../components/StatusBadge'

export type { AdminOrderView, LedgerTransactionView } from '../components/admin-order/types'

/** Props of {@link AdminOrderPage}. */
export type AdminOrderPageProps = PageProps & { order: AdminOrderView }

/** The orders whose lines can still be refunded (as functions/refunds/service.ts decides). */
const REFUNDABLE: OrderStatus[] = ['paid', 'partially_refunded']

/**
 * The admins' order page: buyer, lines with their sellers, commission and refunds, the order's
 * Stripe objects, its ledger transactions with every posting, and a refund form per line.
 */
export function AdminOrderPage(props: AdminOrderPageProps) {
  const { order } = props
  const money = (cents: number) => formatMoney(cents, order.currency)
  const badge = orderBadge(order.status)
  const back = `/admin/orders/${encodeURIComponent(order.id)}`
  const refundable = REFUNDABLE.includes(order.status)
  return (
    <Layout
      title={`Order ${order.id}`}
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <p class="small">
        <a href="/admin/orders">All orders</a> · <a href="/admin/jobs">Background jobs</a>
      </p>
      <h1>
        Order <code>{order.id}</code>
      </h1>
      <section class="card" aria-labelledby="admin-order-summary">
        <div class="card__head">
          <h2 id="admin-order-summary">Summary</h2>
          <StatusBadge tone={badge.tone}>{badge.text}</StatusBadge>
        </div>
        <dl>
          <dt>Buyer</dt>
          <dd>
            {order.buyer.name} (<a href={`mailto:${order.buyer.email}`}>{order.buyer.email}</a>)
          </dd>
          <dt>Placed</dt>
          <dd>
            <DateText iso={order.created_at} />
          </dd>
          <dt>Paid</dt>
          <dd>{order.paid_at ? <DateText iso={order.paid_at} /> : 'not paid'}</dd>
          <dt>Total</dt>
          <dd>
            {money(order.total_cents)} ({money(order.subtotal_cents)} and{' '}
            {money(order.shipping_cents)} shipping; commission {money(order.commission_cents)})
          </dd>
        </dl>
      </section>
      <section class="card" aria-labelledby="admin-order-lines">
        <h2 id="admin-order-lines">Lines</h2>
        {order.lines.map((line) => (
          <article key={line.id} class="admin-order__line" aria-label={line.title}>
            <h3>
              {line.title} × {line.quantity}
            </h3>
            <dl>
              <dt>Seller</dt>
              <dd>{line.seller_name}</dd>
              <dt>Subtotal</dt>
              <dd>{money(line.subtotal_cents)}</dd>
              <dt>Shipping</dt>
              <dd>{money(line.shipping_cents)}</dd>
              <dt>Commission</dt>
              <dd>{money(line.commission_cents)}</dd>
              <dt>Refunded</dt>
              <dd>{money(line.refunded_cents)}</dd>
            </dl>
            {refundable && (
              <RefundForm
                orderId={order.id}
                line={line}
                currency={order.currency}
                csrfToken={props.csrfToken}
                back={back}
              />
            )}
          </article>
        ))}
        {!refundable && <p class="small">A {badge.text.toLowerCase()} order cannot be refunded.</p>}
      </section>
      <StripeObjects order={order} money={money} />
      <Ledger order={order} />
    </Layout>
  )
}
