import { DateText } from '../components/DateText'
import { Layout, type PageProps } from '../components/Layout'
import { formatMoney } from '../components/money'
import type { OrderData } from '../components/order/types'
import { orderBadge, piecesText } from '../components/order/words'
import { StatusBadge } from '../components/StatusBadge'

/** Props of {@link OrdersPage}: one page of the buyer's orders and the cursor of the next. */
export type OrdersPageProps = PageProps & {
  orders: OrderData[]
  nextCursor: string | null
  /** Whether this is a later page (there are newer orders before it). */
  later: boolean
}

/** The buyer's orders, newest first, a page at a time. */
export function OrdersPage(props: OrdersPageProps) {
  return (
    <Layout
      title="My orders"
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <div class="orders">
        <h1>My orders</h1>
        {props.orders.length === 0 ? (
          <div class="empty-state">
            <p>
              {props.later ? 'There are no older orders.' : 'You have not ordered anything yet.'}
            </p>
            <p>
              <a class="button button--primary" href="/search">
                Browse the shop
              </a>
            </p>
          </div>
        ) : (
          <ol class="order-list">
            {props.orders.map((order) => (
              <OrderRow key={order.id} order={order} />
            ))}
          </ol>
        )}
        <nav class="order-list__pages" aria-label="More orders">
          {props.later && <a href="/orders">Newest orders</a>}
          {props.nextCursor && (
            <a href={`/orders?cursor=${encodeURIComponent(props.nextCursor)}`}>Older orders</a>
          )}
        </nav>
      </div>
    </Layout>
  )
}

function OrderRow({ order }: { order: OrderData }) {
  const badge = orderBadge(order.status)
  const first = order.items[0]?.title ?? 'Order'
  const more = order.items.length > 1 ? ` and ${order.items.length - 1} more` : ''
  return (
    <li class="card order-list__item">
      <h2 class="order-list__title">
        <a href={`/orders/${order.id}`}>{`${first}${more}`}</a>
      </h2>
      <p>
        <StatusBadge tone={badge.tone}>{badge.text}</StatusBadge>{' '}
        <span>
          Ordered on <DateText iso={order.created_at} /> · {piecesText(order.items)} ·{' '}
          {formatMoney(order.total_cents, order.currency)}
        </span>
        {order.refunded_cents > 0 && (
          <span> · {formatMoney(order.refunded_cents, order.currency)} refunded</span>
        )}
      </p>
    </li>
  )
}
