import { DateText } from '../components/DateText'
import { Island } from '../components/Island'
import { Layout, type PageProps } from '../components/Layout'
import { OrderLines, OrderTotals, ShippingAddress } from '../components/order/OrderLines'
import type { OrderData } from '../components/order/types'
import { orderBadge } from '../components/order/words'
import { StatusBadge } from '../components/StatusBadge'
import { OrderStatusWatch } from '../islands/OrderStatusWatch'

export type { OrderData } from '../components/order/types'

/** Props of {@link OrderPage}. `confirming`: the buyer is back from paying on Stripe. */
export type OrderPageProps = PageProps & { order: OrderData; confirming: boolean }

/** Seconds between the looks of a page without JavaScript while a payment is confirmed. */
const REFRESH_SECONDS = 5

/**
 * One order as its buyer sees it: where it stands, each line with its status, refunds and
 * downloads, the totals and the ship-to address. Back from Stripe's Checkout (`confirming`),
 * a pending order says its payment is being confirmed and turns paid by itself: an island
 * asks the API, and without JavaScript the page refreshes itself.
 */
export function OrderPage(props: OrderPageProps) {
  const { order } = props
  const watching = props.confirming && order.status === 'pending'
  return (
    <Layout
      title="Your order"
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <div class="order">
        <p class="small">
          <a href="/orders">My orders</a>
        </p>
        <h1>Your order</h1>
        <p>
          Ordered on <DateText iso={order.created_at} />
          {order.paid_at && (
            <>
              , paid on <DateText iso={order.paid_at} />
            </>
          )}
          .
        </p>
        <section class="card" aria-labelledby="order-status">
          <h2 id="order-status">Status</h2>
          {watching ? (
            <>
              <Island name="OrderStatusWatch" props={{ orderId: order.id, status: order.status }}>
                <OrderStatusWatch orderId={order.id} status={order.status} />
              </Island>
              {/* Looks again by itself without JavaScript; the island does it with. */}
              <noscript>
                <meta
                  http-equiv="refresh"
                  content={`${REFRESH_SECONDS};url=/orders/${order.id}?checkout=done`}
                />
              </noscript>
            </>
          ) : (
            <StatusText order={order} />
          )}
        </section>
        <section class="card" aria-labelledby="order-lines">
          <h2 id="order-lines">What you bought</h2>
          <OrderLines order={order} />
          <OrderTotals order={order} />
        </section>
        {order.shipping_address && (
          <section class="card" aria-labelledby="order-address">
            <h2 id="order-address">Shipping to</h2>
            <ShippingAddress address={order.shipping_address} />
          </section>
        )}
      </div>
    </Layout>
  )
}

function StatusText({ order }: { order: OrderData }) {
  const badge = orderBadge(order.status)
  return (
    <>
      <p>
        <StatusBadge tone={badge.tone}>{badge.text}</StatusBadge>
      </p>
      {order.status === 'pending' && (
        <p>
          We have not received your payment yet.
          {order.checkout_url && (
            <>
              {' '}
              <a href={order.checkout_url}>Pay for this order</a> while its pieces are held for you.
            </>
          )}
        </p>
      )}
      {order.status === 'cancelled' && <p>This order was cancelled: nothing was charged.</p>}
      {order.status === 'disputed' && (
        <p>The payment for this order is disputed with your card issuer.</p>
      )}
    </>
  )
}
