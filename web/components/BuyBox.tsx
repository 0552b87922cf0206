import { LISTING_WORDS, type UnbuyableReason } from './cart-words'
import { CsrfField } from './forms'

/** What the buy area needs to know of a listing (a part of the API's listing shape). */
export type BuyBoxListing = {
  id: string
  title: string
  kind: 'physical' | 'digital'
  quantity: number | null
  status: 'draft' | 'published' | 'archived' | 'sold_out'
  buyable: boolean
}

/** Most units one cart line may hold (functions/cart/limits.ts). */
const MAX_LINE = 100

/** Why the viewer cannot buy the listing, or null when they can (the cart's own reasons). */
export function buyBlock(listing: BuyBoxListing, own: boolean): UnbuyableReason | null {
  if (own) return 'own'
  if (listing.status === 'archived') return 'archived'
  if (listing.status === 'draft') return 'unavailable'
  const inStock = listing.kind === 'digital' || (listing.quantity ?? 0) > 0
  if (listing.status === 'sold_out' || !inStock) return 'sold_out'
  // Published and in stock, yet not buyable: the seller cannot be paid yet.
  if (!listing.buyable) return 'payouts_not_ready'
  return null
}

/**
 * The listing's buy area: "Add to cart" and "Buy now" on a piece that can be bought, and plain
 * words instead when it cannot. A visitor's buttons go to sign in and come back to this page
 * (a cart belongs to an account). Both buttons are one form: Buy now posts the same fields to
 * `/cart/buy-now`, so it works without JavaScript.
 */
export function BuyBox(props: {
  listing: BuyBoxListing
  own: boolean
  signedIn: boolean
  csrfToken?: string
}) {
  const { listing } = props
  const block = buyBlock(listing, props.own)
  // The owner bar already says whose it is; a draft is not in the shop at all.
  if (block === 'unavailable') return null
  if (block) {
    return (
      <p class="buy-note" role="note">
        {LISTING_WORDS[block]}
      </p>
    )
  }
  if (!props.signedIn) {
    const next = `/listings/${encodeURIComponent(listing.id)}`
    return (
      <form class="buy-box" method="get" action="/signin">
        <input type="hidden" name="next" value={next} />
        <p class="small">Sign in to buy: you come straight back here.</p>
        <div class="buy-box__buttons">
          <button type="submit" class="button button--primary">
            Add to cart
          </button>
          <button type="submit" class="button button--secondary">
            Buy now
          </button>
        </div>
      </form>
    )
  }
  const max = listing.kind === 'digital' ? 1 : Math.min(MAX_LINE, listing.quantity ?? 1)
  return (
    <form class="buy-box" method="post" action="/cart/items">
      {props.csrfToken !== undefined && <CsrfField token={props.csrfToken} />}
      <input type="hidden" name="listing_id" value={listing.id} />
      {max > 1 ? (
        <div class="buy-box__quantity">
          <label class="field__label" for="buy-quantity">
            Quantity
          </label>
          <input
            id="buy-quantity"
            class="input"
            type="number"
            name="quantity"
            inputMode="numeric"
            min={1}
            max={max}
            value="1"
            required
          />
        </div>
      ) : (
        <input type="hidden" name="quantity" value="1" />
      )}
      <div class="buy-box__buttons">
        <button type="submit" class="button button--primary">
          Add to cart
        </button>
        <button type="submit" class="button button--secondary" formAction="/cart/buy-now">
          Buy now
        </button>
      </div>
    </form>
  )
}
