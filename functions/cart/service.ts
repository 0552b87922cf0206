/**
 * The cart: who may have one (any signed-in account: buying needs no share, spec/api.md's
 * checkout is "signed in"), what goes in (only what can be bought now), and what checkout is
 * given. Each function acts on the viewer's own cart only: no function takes another member.
 */
import type { Bindings, Viewer } from '../app.ts'
import { currency } from '../lib/config.ts'
import { database } from '../lib/db.ts'
import { notFound } from '../lib/errors.ts'
import { MAX_CART_LINES, MAX_LINE_QUANTITY } from './limits.ts'
import {
  type CartView,
  type LineState,
  cartView,
  checkoutItems,
  quantityCap,
  unbuyableReason,
} from './lines.ts'
import {
  addLine,
  cartRows,
  itemCount,
  lineCount,
  lineQuantity,
  listingForCart,
  removeLines,
  setLineQuantity,
} from './repository.ts'
import type { AddItemInput, SetQuantityInput } from './schemas.ts'

/** Why nothing was put in the cart: the listing cannot be bought, or the cart is full. */
export type Refusal = Exclude<LineState, 'ok' | 'short' | 'currency'> | 'full'

/**
 * What a change did: `done`, `clamped` (fewer units than asked: all there are), or `refused`
 * (nothing changed, and why).
 */
export type CartChange =
  { outcome: 'done' | 'clamped'; quantity: number } | { outcome: 'refused'; reason: Refusal }

/** The viewer's cart, priced from the listings as they are now. */
export async function getCart(env: Bindings, viewer: Viewer): Promise<CartView> {
  const rows = await cartRows(database(env.DB), viewer.account.id)
  return cartView(rows, viewer.account.id, currency(env))
}

/** Every unit in the viewer's cart (the header's count). */
export function cartCount(env: Bindings, viewer: Viewer): Promise<number> {
  return itemCount(database(env.DB), viewer.account.id)
}

/** A listing the viewer may see (someone else's draft is 404, as on its page), and its cap. */
async function loadBuyable(env: Bindings, viewer: Viewer, listingId: string) {
  const listing = await listingForCart(database(env.DB), listingId)
  if (!listing || (listing.status === 'draft' && listing.seller_id !== viewer.account.id)) {
    throw notFound('The listing')
  }
  const reason = unbuyableReason(listing, viewer.account.id)
  return { reason, cap: quantityCap(listing, MAX_LINE_QUANTITY) }
}

/**
 * Puts a listing in the viewer's cart, or more of it when it is there already. A quantity
 * above what is left is clamped to all there is (and says so); a listing that cannot be bought
 * is refused and nothing changes.
 */
export async function addToCart(
  env: Bindings,
  viewer: Viewer,
  input: AddItemInput,
): Promise<CartChange> {
  const db = database(env.DB)
  const memberId = viewer.account.id
  const { reason, cap } = await loadBuyable(env, viewer, input.listing_id)
  if (reason) return { outcome: 'refused', reason }
  const before = await lineQuantity(db, memberId, input.listing_id)
  if (before === undefined && (await lineCount(db, memberId)) >= MAX_CART_LINES) {
    return { outcome: 'refused', reason: 'full' }
  }
  const wanted = (before ?? 0) + input.quantity
  try {
    await addLine(db, {
      memberId,
      listingId: input.listing_id,
      quantity: input.quantity,
      cap,
      now: now(),
    })
  } catch (error) {
    // The migration's trigger: another tab filled the cart between the count and the insert.
    if (error instanceof Error && error.message.includes('cart: full')) {
      return { outcome: 'refused', reason: 'full' }
    }
    throw error
  }
  const quantity = Math.min(wanted, cap)
  return { outcome: wanted > cap ? 'clamped' : 'done', quantity }
}

/**
 * Puts exactly `quantity` of a listing in the viewer's cart (Buy now: what the buyer chose on
 * the listing's page, not that plus what the cart held), clamped to what is left.
 */
export async function putInCart(
  env: Bindings,
  viewer: Viewer,
  input: AddItemInput,
): Promise<CartChange> {
  const { reason, cap } = await loadBuyable(env, viewer, input.listing_id)
  if (reason) return { outcome: 'refused', reason }
  const db = database(env.DB)
  const quantity = Math.min(input.quantity, cap)
  const line = { memberId: viewer.account.id, listingId: input.listing_id, quantity, now: now() }
  if ((await setLineQuantity(db, line)) === 0) return addToCart(env, viewer, input)
  return { outcome: input.quantity > cap ? 'clamped' : 'done', quantity }
}

/**
 * Changes the quantity of a line in the viewer's cart (404 when the listing is not in it),
 * clamped to what is left. A line whose listing cannot be bought any more can only be removed.
 */
export async function changeQuantity(
  env: Bindings,
  viewer: Viewer,
  input: SetQuantityInput,
): Promise<CartChange> {
  const db = database(env.DB)
  const memberId = viewer.account.id
  if ((await lineQuantity(db, memberId, input.listing_id)) === undefined) {
    throw notFound('That line of your cart')
  }
  const { reason, cap } = await loadBuyable(env, viewer, input.listing_id)
  if (reason) return { outcome: 'refused', reason }
  const quantity = Math.min(input.quantity, cap)
  await setLineQuantity(db, { memberId, listingId: input.listing_id, quantity, now: now() })
  return { outcome: input.quantity > cap ? 'clamped' : 'done', quantity }
}

/** Takes a listing out of the viewer's cart; removing one that is not there changes nothing. */
export async function removeFromCart(env: Bindings, viewer: Viewer, listingId: string) {
  await removeLines(database(env.DB), viewer.account.id, [listingId]).execute()
}

/**
 * What the viewer's checkout would buy: every line that can be bought now (the others are left
 * out, and stay in the cart), or `short` when a line asks for more than is left, which the
 * buyer must lower first: checkout never buys a quantity other than the one the cart shows.
 */
export async function itemsToCheckout(env: Bindings, viewer: Viewer, only?: string) {
  const view = await getCart(env, viewer)
  const items = checkoutItems(view).filter((item) => !only || item.listing_id === only)
  const short = view.groups
    .flatMap((group) => group.lines)
    .some((line) => line.state === 'short' && (!only || line.listing_id === only))
  return { items, short }
}

const now = () => new Date().toISOString()
