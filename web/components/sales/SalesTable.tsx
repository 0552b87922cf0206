import { DateText } from '../DateText'
import { formatMoney } from '../money'
import { RefundForm } from '../refund/RefundForm'
import { ShipmentForm, ShipmentText } from '../shipping/ShipmentForm'
import { StatusBadge } from '../StatusBadge'
import type { SaleLine } from './types'

type Tone = 'neutral' | 'pending' | 'good' | 'bad'

const STATUS: Record<SaleLine['status'], { tone: Tone; text: string }> = {
  paid: { tone: 'good', text: 'Paid' },
  partially_refunded: { tone: 'pending', text: 'Partly refunded' },
  refunded: { tone: 'neutral', text: 'Refunded' },
  disputed: { tone: 'bad', text: 'Disputed' },
}

const TRANSFER: Record<SaleLine['transfer']['status'], string> = {
  queued: 'On its way',
  transferred: 'Sent to your Stripe account',
  failed: 'Held up: the co-op is looking into it',
  none: 'Nothing to send',
}

/** The address lines of a physical line's ship-to, in postal order, empty ones left out. */
function ShipTo({ to }: { to: SaleLine['ship_to'] }) {
  if (!to) return <span class="small">No address: digital</span>
  const place = [to.city, to.state, to.postal_code].filter(Boolean).join(' ')
  const lines = [to.name, to.line1, to.line2, place, to.country].filter(Boolean)
  return (
    <address class="sales__address">
      {lines.map((line, i) => (
        <span key={i}>{line}</span>
      ))}
    </address>
  )
}

/** Lines the seller may still refund: paid, not disputed, something of the price left. */
const refundable = (sale: SaleLine) =>
  (sale.status === 'paid' || sale.status === 'partially_refunded') &&
  sale.refunded_cents < sale.subtotal_cents

/** Physical lines the seller can still mark shipped: paid, not disputed, not refunded in full. */
const shippable = (sale: SaleLine) => sale.kind === 'physical' && !sale.shipment && refundable(sale)

/** Props of {@link SalesTable}. `back`: the page the refund forms return to (this one). */
export type SalesTableProps = { sales: SaleLine[]; csrfToken?: string | undefined; back?: string }

/**
 * The seller's sold lines as a table. On a phone each row stacks into a card: every cell
 * carries its column's name (`data-label`), which the stylesheet shows beside the value.
 * A refundable line has its refund form folded away in the status cell, so the table stays
 * a table of figures until the seller opens one.
 */
export function SalesTable({ sales, csrfToken, back = '/sell/sales' }: SalesTableProps) {
  return (
    <table class="sales">
      <caption class="visually-hidden">Your sales, newest payment first</caption>
      <thead>
        <tr>
          <th scope="col">Piece</th>
          <th scope="col">Paid</th>
          <th scope="col">Buyer and ship-to</th>
          <th scope="col" class="num">
            Subtotal
          </th>
          <th scope="col" class="num">
            Shipping
          </th>
          <th scope="col" class="num">
            Commission
          </th>
          <th scope="col" class="num">
            Refunded
          </th>
          <th scope="col" class="num">
            Your payout
          </th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {sales.map((sale) => {
          const money = (cents: number) => formatMoney(cents, sale.currency)
          const status = STATUS[sale.status]
          return (
            <tr key={sale.id}>
              <th scope="row" data-label="Piece">
                {sale.title}
                {sale.quantity > 1 && <span class="small"> × {sale.quantity}</span>}
                <span class="sales__order small">Order {sale.order_id}</span>
              </th>
              <td data-label="Paid" class="sales__date">
                <DateText iso={sale.paid_at} />
              </td>
              <td data-label="Buyer and ship-to">
                <span class="sales__buyer">{sale.buyer_display_name}</span>
                <ShipTo to={sale.ship_to} />
                {sale.shipment && <ShipmentText shipment={sale.shipment} />}
                {shippable(sale) && (
                  <details class="sales__ship">
                    <summary>
                      Mark shipped<span class="visually-hidden"> {sale.title}</span>
                    </summary>
                    <ShipmentForm orderId={sale.order_id} line={sale} csrfToken={csrfToken} />
                  </details>
                )}
              </td>
              <td data-label="Subtotal" class="num">
                {money(sale.subtotal_cents)}
              </td>
              <td data-label="Shipping" class="num">
                {money(sale.shipping_cents)}
              </td>
              <td data-label="Commission" class="num">
                {money(sale.commission_cents)}
              </td>
              <td data-label="Refunded" class="num">
                {money(sale.refunded_cents)}
              </td>
              <td data-label="Your payout" class="num">
                <strong>{money(sale.payout_cents)}</strong>
              </td>
              <td data-label="Status">
                <StatusBadge tone={status.tone}>{status.text}</StatusBadge>
                <span class="sales__transfer small">{TRANSFER[sale.transfer.status]}</span>
                {refundable(sale) && (
                  <details class="sales__refund">
                    <summary>
                      Refund<span class="visually-hidden"> {sale.title}</span>
                    </summary>
                    <RefundForm
                      orderId={sale.order_id}
                      line={sale}
                      currency={sale.currency}
                      csrfToken={csrfToken}
                      back={back}
                    />
                  </details>
                )}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
