import { CartLineItem } from '../components/cart/CartLineItem'
import { CartTotals } from '../components/cart/CartTotals'
import type { CartData, CartGroupData } from '../components/cart/types'
import { CsrfField } from '../components/forms'
import { Layout, type PageProps } from '../components/Layout'

export type { CartData } from '../components/cart/types'

/** Props of {@link CartPage}. */
export type CartPageProps = PageProps & { cart: CartData }

/**
 * The buyer's cart, grouped by seller: each line's price, quantity and shipping (once per
 * line), each seller's subtotal, and the total that checkout charges. Lines that cannot be
 * bought now stay listed, saying why, and count for nothing.
 */
export function CartPage(props: CartPageProps) {
  const { cart } = props
  return (
    <Layout
      title="Your cart"
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <div class="cart">
        <h1>Your cart</h1>
        {cart.groups.length === 0 ? (
          <div class="empty-state">
            <p>Your cart is empty.</p>
            <p>
              <a class="button button--primary" href="/search">
                Browse the shop
              </a>
            </p>
          </div>
        ) : (
          <>
            {cart.groups.map((group) => (
              <SellerSection
                key={group.seller.id}
                group={group}
                currency={cart.currency}
                csrfToken={props.csrfToken}
              />
            ))}
            <CheckoutBox cart={cart} csrfToken={props.csrfToken} />
          </>
        )}
      </div>
    </Layout>
  )
}

function SellerSection(props: { group: CartGroupData; currency: string; csrfToken?: string }) {
  const { group } = props
  const headingId = `seller-${group.seller.id}`
  return (
    <section class="card cart-seller" aria-labelledby={headingId}>
      <h2 id={headingId} class="cart-seller__title">
        From{' '}
        <a href={`/sellers/${encodeURIComponent(group.seller.id)}`}>{group.seller.display_name}</a>
      </h2>
      <ul class="cart-lines">
        {group.lines.map((line) => (
          <CartLineItem
            key={line.listing_id}
            line={line}
            currency={props.currency}
            csrfToken={props.csrfToken}
          />
        ))}
      </ul>
      <CartTotals
        subtotal={group.subtotal_cents}
        shipping={group.shipping_cents}
        total={group.total_cents}
        currency={props.currency}
        totalLabel={`From ${group.seller.display_name}`}
      />
    </section>
  )
}

function CheckoutBox({ cart, csrfToken }: { cart: CartData; csrfToken?: string }) {
  return (
    <section class="card cart-summary" aria-labelledby="cart-summary-title">
      <h2 id="cart-summary-title">Total</h2>
      <CartTotals
        subtotal={cart.subtotal_cents}
        shipping={cart.shipping_cents}
        total={cart.total_cents}
        currency={cart.currency}
        totalLabel="Total"
      />
      {cart.buyable_count === 0 ? (
        <p class="buy-note" role="note">
          Nothing in your cart can be bought right now.
        </p>
      ) : (
        <form method="post" action="/cart/checkout" class="cart-summary__checkout">
          {csrfToken !== undefined && <CsrfField token={csrfToken} />}
          {cart.short_count > 0 && (
            <p class="cart-line__problem">
              A line asks for more than is left: lower it before you check out.
            </p>
          )}
          <button type="submit" class="button button--primary">
            Check out
          </button>
          <p class="small">You pay on Stripe’s secure page; it asks for your shipping address.</p>
        </form>
      )}
    </section>
  )
}
