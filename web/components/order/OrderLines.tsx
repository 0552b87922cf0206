import { formatMoney } from '../money'
import { ShipmentText } from '../shipping/ShipmentForm'
import { StatusBadge } from '../StatusBadge'
import type { OrderData, OrderLineData } from './types'
import { lineBadge } from './words'

/**
 * The lines of an order as a table: what was bought, how many, its price, shipping and refunds,
 * the line's status and, for a paid digital line, its download.
 */
export function OrderLines({ order }: { order: OrderData }) {
  const money = (cents: number) => formatMoney(cents, order.currency)
  return (
    <table class="order-lines">
      <caption class="visually-hidden">What you bought</caption>
      <thead>
        <tr>
          <th scope="col">Piece</th>
          <th scope="col">Quantity</th>
          <th scope="col">Price</th>
          <th scope="col">Shipping</th>
          <th scope="col">Refunded</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {order.items.map((line) => (
          <tr key={line.id}>
            <th scope="row">
              <a href={`/listings/${line.listing_id}`}>{line.title}</a>
              {line.kind === 'digital' && <span class="small"> (digital download)</span>}
              <Download order={order} line={line} />
              {line.shipment && (
                <p class="order-lines__shipment">
                  <ShipmentText shipment={line.shipment} />
                </p>
              )}
            </th>
            <td>{line.quantity}</td>
            <td>{money(line.subtotal_cents)}</td>
            <td>{line.kind === 'digital' ? '—' : money(line.shipping_cents)}</td>
            <td>{line.refunded_cents > 0 ? money(line.refunded_cents) : '—'}</td>
            <td>
              <StatusBadge tone={lineBadge(order.status, line).tone}>
                {lineBadge(order.status, line).text}
              </StatusBadge>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function Download({ order, line }: { order: OrderData; line: OrderLineData }) {
  if (line.kind !== 'digital') return null
  if (line.download_url) {
    return (
      <p class="order-lines__download">
        <a class="button button--secondary button--small" href={line.download_url}>
          Download<span class="visually-hidden"> {line.title}</span>
        </a>
      </p>
    )
  }
  const why =
    order.status === 'pending'
      ? 'The download opens once your payment is confirmed.'
      : order.status === 'disputed'
        ? 'The download is paused while the payment is disputed.'
        : null
  return why ? <p class="small">{why}</p> : null
}

/** Items, shipping, total and, once there are refunds, what came back to the buyer. */
export function OrderTotals({ order }: { order: OrderData }) {
  const money = (cents: number) => formatMoney(cents, order.currency)
  return (
    <dl class="cart-totals">
      <div>
        <dt>Items</dt>
        <dd>{money(order.subtotal_cents)}</dd>
      </div>
      <div>
        <dt>Shipping</dt>
        <dd>{money(order.shipping_cents)}</dd>
      </div>
      <div class="cart-totals__total">
        <dt>{order.paid_at ? 'Total paid' : 'Total'}</dt>
        <dd>{money(order.total_cents)}</dd>
      </div>
      {order.refunded_cents > 0 && (
        <div>
          <dt>Refunded to you</dt>
          <dd>{money(order.refunded_cents)}</dd>
        </div>
      )}
    </dl>
  )
}

const ADDRESS_LINES = ['name', 'line1', 'line2', 'city', 'state', 'postal_code', 'country']

/** The ship-to address, one part a line; the parts Stripe or the buyer left empty are skipped. */
export function ShippingAddress({ address }: { address: Record<string, unknown> }) {
  const parts = ADDRESS_LINES.map((key) => address[key]).filter(
    (part): part is string => typeof part === 'string' && part.trim() !== '',
  )
  return (
    <address class="order-address">
      {parts.map((part, i) => (
        <span key={i}>
          {part}
          <br />
        </span>
      ))}
    </address>
  )
}
