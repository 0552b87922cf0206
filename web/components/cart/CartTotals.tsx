import { formatMoney } from '../money'

/** Subtotal, shipping and total of a seller's lines or of the whole cart, as a list of terms. */
export function CartTotals(props: {
  subtotal: number
  shipping: number
  total: number
  currency: string
  totalLabel: string
}) {
  const money = (cents: number) => formatMoney(cents, props.currency)
  return (
    <dl class="cart-totals">
      <div>
        <dt>Items</dt>
        <dd>{money(props.subtotal)}</dd>
      </div>
      <div>
        <dt>Shipping</dt>
        <dd>{money(props.shipping)}</dd>
      </div>
      <div class="cart-totals__total">
        <dt>{props.totalLabel}</dt>
        <dd>{money(props.total)}</dd>
      </div>
    </dl>
  )
}
