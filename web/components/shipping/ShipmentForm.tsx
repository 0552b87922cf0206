import { CsrfField } from '../forms'

/** Props of {@link ShipmentForm}: the line to mark shipped. */
export type ShipmentFormProps = {
  orderId: string
  line: { id: string; title: string }
  csrfToken?: string | undefined
}

/**
 * Marking one order line shipped: the carrier and its tracking number, posted to
 * `POST /orders/:id/items/:itemId/shipment`. Works without JavaScript; the ids carry the line's
 * id, so a page can show one form per line. The buyer is emailed the tracking.
 */
export function ShipmentForm({ orderId, line, csrfToken }: ShipmentFormProps) {
  const id = `ship-${line.id}`
  return (
    <form
      class="shipment-form"
      method="post"
      action={`/orders/${encodeURIComponent(orderId)}/items/${encodeURIComponent(line.id)}/shipment`}
      aria-label={`Mark ${line.title} shipped`}
    >
      {csrfToken !== undefined && <CsrfField token={csrfToken} />}
      <div class="field">
        <label class="field__label" for={`${id}-carrier`}>
          Carrier
        </label>
        <input
          id={`${id}-carrier`}
          class="input"
          name="carrier"
          required
          maxLength={60}
          autoComplete="off"
          placeholder="USPS, Royal Mail, DHL…"
        />
      </div>
      <div class="field">
        <label class="field__label" for={`${id}-tracking`}>
          Tracking number
        </label>
        <input
          id={`${id}-tracking`}
          class="input"
          name="tracking_number"
          required
          maxLength={100}
          autoComplete="off"
          spellcheck={false}
        />
      </div>
      <button class="button" type="submit">
        Mark shipped
      </button>
    </form>
  )
}

/** A shipped line's carrier and tracking number, for the seller's and the buyer's pages. */
export function ShipmentText({
  shipment,
}: {
  shipment: { carrier: string; tracking_number: string }
}) {
  return (
    <span class="shipment small">
      Shipped with {shipment.carrier}:{' '}
      <span class="shipment__tracking">{shipment.tracking_number}</span>
    </span>
  )
}
