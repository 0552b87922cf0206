import { CsrfField } from '../forms'
import { formatDecimalInput, formatMoney } from '../money'

/** The line a {@link RefundForm} refunds: what it cost and how much was refunded already. */
export type RefundableLine = {
  id: string
  title: string
  subtotal_cents: number
  refunded_cents: number
}

/** Props of {@link RefundForm}. */
export type RefundFormProps = {
  orderId: string
  line: RefundableLine
  currency: string
  csrfToken?: string | undefined
  /** The page to come back to after the refund is asked for (a path on this site). */
  back: string
}

/**
 * Refunding all or part of one order line (not its shipping): the amount in dollars as the
 * listing form takes prices, and the reason, posted to `POST /orders/:id/refunds`. Works without
 * JavaScript; the ids carry the line's id, so a page can show one form per line.
 */
export function RefundForm(props: RefundFormProps) {
  const { line, currency } = props
  const left = line.subtotal_cents - line.refunded_cents
  if (left <= 0) return <p class="small">This line is refunded in full.</p>
  const id = `refund-${line.id}`
  return (
    <form
      class="refund-form"
      method="post"
      action={`/orders/${encodeURIComponent(props.orderId)}/refunds`}
      aria-label={`Refund ${line.title}`}
    >
      {props.csrfToken !== undefined && <CsrfField token={props.csrfToken} />}
      <input type="hidden" name="order_item_id" value={line.id} />
      <input type="hidden" name="back" value={props.back} />
      <div class="field">
        <label class="field__label" for={`${id}-amount`}>
          Amount to refund
        </label>
        <p class="field__hint" id={`${id}-amount-hint`}>
          In dollars, like 12.50: at most {formatMoney(left, currency)}. Shipping is not refunded.
        </p>
        <input
          id={`${id}-amount`}
          class="input input--money"
          name="amount"
          inputMode="decimal"
          required
          value={formatDecimalInput(left, currency)}
          aria-describedby={`${id}-amount-hint`}
        />
      </div>
      <div class="field">
        <label class="field__label" for={`${id}-reason`}>
          Reason
        </label>
        <textarea
          id={`${id}-reason`}
          class="input"
          name="reason"
          rows={2}
          required
          maxLength={500}
        />
      </div>
      <button class="button button--danger" type="submit">
        Refund
      </button>
    </form>
  )
}
