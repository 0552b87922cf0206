import { DateText } from '../components/DateText'
import { AdminNav } from '../components/audit/AdminNav'
import { Layout, type PageProps } from '../components/Layout'
import { formatMoney } from '../components/money'
import type { OrderStatus } from '../components/order/types'
import { orderBadge } from '../components/order/words'
import { StatusBadge } from '../components/StatusBadge'

/** One row of the admins' order list. */
export type AdminOrderSummary = {
  id: string
  status: OrderStatus
  currency: string
  total_cents: number
  created_at: string
  paid_at: string | null
  buyer_name: string
  lines: number
}

/** Props of {@link AdminOrdersPage}. */
export type AdminOrdersPageProps = PageProps & {
  orders: AdminOrderSummary[]
  /** The status filter, or '' for every order. */
  status: OrderStatus | ''
  nextCursor: string | null
  later: boolean
}

/** The statuses the filter offers, in the order an order passes through them. */
export const ORDER_STATUSES = [
  'pending',
  'paid',
  'partially_refunded',
  'refunded',
  'disputed',
  'cancelled',
] as const satisfies readonly OrderStatus[]

/** `/admin/orders?…` with the filter kept. */
function listHref(status: string, cursor?: string) {
  const query = new URLSearchParams()
  if (status) query.set('status', status)
  if (cursor) query.set('cursor', cursor)
  const text = query.toString()
  return text ? `/admin/orders?${text}` : '/admin/orders'
}

/** The admins' list of every buyer's orders, newest first, filtered by status. */
export function AdminOrdersPage(props: AdminOrdersPageProps) {
  return (
    <Layout
      title="Orders"
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <h1>Orders</h1>
      <AdminNav current="orders" />
      <p>
        Every order, newest first. Background work that failed for good is under{' '}
        <a href="/admin/jobs">background jobs</a>.
      </p>
      <form class="admin-orders__filter" method="get" action="/admin/orders">
        <label class="field__label" for="admin-orders-status">
          Status
        </label>
        <select id="admin-orders-status" name="status" class="input">
          <option value="" selected={props.status === ''}>
            Any status
          </option>
          {ORDER_STATUSES.map((status) => (
            <option key={status} value={status} selected={props.status === status}>
              {orderBadge(status).text}
            </option>
          ))}
        </select>
        <button class="button button--secondary" type="submit">
          Show
        </button>
      </form>
      {props.orders.length === 0 ? (
        <p class="empty-state">{props.later ? 'There are no older orders.' : 'No orders here.'}</p>
      ) : (
        <table class="admin-orders__table">
          <caption class="visually-hidden">Orders, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Placed</th>
              <th scope="col">Buyer</th>
              <th scope="col">Lines</th>
              <th scope="col" class="numeric">
                Total
              </th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {props.orders.map((order) => {
              const badge = orderBadge(order.status)
              return (
                <tr key={order.id}>
                  <td>
                    <a href={`/admin/orders/${encodeURIComponent(order.id)}`}>
                      <code>{order.id}</code>
                    </a>
                  </td>
                  <td>
                    <DateText iso={order.created_at} />
                  </td>
                  <td>{order.buyer_name}</td>
                  <td>{order.lines}</td>
                  <td class="numeric">{formatMoney(order.total_cents, order.currency)}</td>
                  <td>
                    <StatusBadge tone={badge.tone}>{badge.text}</StatusBadge>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      <nav class="order-list__pages" aria-label="More orders">
        {props.later && <a href={listHref(props.status)}>Newest orders</a>}
        {props.nextCursor && <a href={listHref(props.status, props.nextCursor)}>Older orders</a>}
      </nav>
    </Layout>
  )
}
