import { formatMoney } from '../money'
import { LINE_WORDS } from '../cart-words'
import { Island } from '../Island'
import { PostButton } from '../PostButton'
import { QuantityStepper, type QuantityStepperProps } from '../../islands/QuantityStepper'
import type { CartLineData } from './types'

/** Most units a line may hold: what is left, at most the cart's limit (100). */
const MAX_LINE = 100

/** One line of the cart: the piece, its price, quantity form, shipping, and a remove button. */
export function CartLineItem(props: { line: CartLineData; currency: string; csrfToken?: string }) {
  const { line, currency } = props
  const money = (cents: number) => formatMoney(cents, currency)
  const title = line.title || 'Untitled listing'
  const canChange = line.state === 'ok' || line.state === 'short'
  const stepper: QuantityStepperProps = {
    listingId: line.listing_id,
    title,
    quantity: line.quantity,
    max: line.kind === 'digital' ? 1 : Math.min(MAX_LINE, Math.max(1, line.stock ?? 1)),
    csrfToken: props.csrfToken,
  }
  return (
    <li class={line.state === 'ok' ? 'cart-line' : 'cart-line cart-line--blocked'}>
      {line.thumb_url ? (
        <img class="cart-line__thumb" src={line.thumb_url} alt="" width={96} height={96} />
      ) : (
        <span class="cart-line__thumb" aria-hidden="true" />
      )}
      <div class="cart-line__body">
        <h3 class="cart-line__title">
          <a href={`/listings/${encodeURIComponent(line.listing_id)}`}>{title}</a>
        </h3>
        <p class="cart-line__price">
          {money(line.unit_price_cents)} each
          {line.quantity > 1 && (
            <>
              {' '}
              · {money(line.subtotal_cents)} for {line.quantity}
            </>
          )}
        </p>
        <p class="small">{delivery(line, money)}</p>
        {line.state === 'short' && (
          <p class="cart-line__problem">
            Only {line.stock ?? 0} left: lower the quantity to check out.
          </p>
        )}
        {line.state !== 'ok' && line.state !== 'short' && (
          <p class="cart-line__problem">{LINE_WORDS[line.state] ?? 'Cannot be bought now.'}</p>
        )}
        <div class="cart-line__actions">
          {canChange && line.kind === 'physical' && (
            <Island name="QuantityStepper" props={stepper}>
              <QuantityStepper {...stepper} />
            </Island>
          )}
          <PostButton
            action="/cart/items/remove"
            csrfToken={props.csrfToken}
            fields={{ listing_id: line.listing_id }}
            small
          >
            Remove<span class="visually-hidden"> {title}</span>
          </PostButton>
        </div>
      </div>
    </li>
  )
}

function delivery(line: CartLineData, money: (cents: number) => string): string {
  if (line.kind === 'digital') return 'Instant download, no shipping'
  if (line.shipping_cents === 0) return 'Free shipping'
  return `Shipping ${money(line.shipping_cents)} for this line, whatever the quantity`
}
