/**
 * The cart's pages: `/cart`, and the plain form posts that change it, each redirecting back to
 * the cart with a notice, so the whole cart works without JavaScript. Any signed-in account may
 * have a cart; a visitor is sent to sign in first (the listing page sends them back to it).
 */
import { CartPage } from '../../web/pages/CartPage.tsx'
import { AppError } from '../lib/errors.ts'
import type { FormResult } from '../lib/validate.ts'
import { pageRouter } from '../pages/declare.ts'
import { emptyForm } from '../pages/helpers.tsx'
import { html, pageBase } from '../pages/render.tsx'
import { checkoutResponse } from './checkout.tsx'
import { afterChange, cartNotice } from './notices.ts'
import { addItemForm, removeItemForm, setQuantityForm } from './schemas.ts'
import {
  addToCart,
  changeQuantity,
  getCart,
  itemsToCheckout,
  putInCart,
  removeFromCart,
} from './service.ts'

export const cartPageRoutes = pageRouter()

const cart = { tag: 'Cart', permission: 'signedIn' } as const

/** A form that could not be read is a 400 page and changes nothing. */
function valid<T>(form: FormResult<T>): T {
  if (form.ok) return form.data
  throw new AppError(400, 'invalid_input', Object.values(form.errors).join(' '), form.errors)
}

cartPageRoutes.page(
  { ...cart, method: 'get', path: '/cart', summary: 'The viewer’s cart.', csrf: 'none' },
  async (c, { viewer }) => {
    const view = await getCart(c.env, viewer)
    return html(
      c,
      <CartPage {...pageBase(c)} cart={view} flash={cartNotice(c.req.query('done'))} />,
    )
  },
)

cartPageRoutes.page(
  {
    ...cart,
    method: 'post',
    path: '/cart/items',
    summary: 'Puts a listing in the cart (more of it when it is there).',
    csrf: 'token',
    form: addItemForm,
  },
  async (c, { viewer, form }) => {
    const change = await addToCart(c.env, viewer, valid(form))
    return c.redirect(afterChange(change, 'added'), 303)
  },
)

cartPageRoutes.page(
  {
    ...cart,
    method: 'post',
    path: '/cart/items/quantity',
    summary: 'Changes the quantity of a line of the cart.',
    csrf: 'token',
    form: setQuantityForm,
  },
  async (c, { viewer, form }) => {
    const change = await changeQuantity(c.env, viewer, valid(form))
    return c.redirect(afterChange(change, 'updated'), 303)
  },
)

cartPageRoutes.page(
  {
    ...cart,
    method: 'post',
    path: '/cart/items/remove',
    summary: 'Takes a listing out of the cart.',
    csrf: 'token',
    form: removeItemForm,
  },
  async (c, { viewer, form }) => {
    await removeFromCart(c.env, viewer, valid(form).listing_id)
    return c.redirect('/cart?done=removed', 303)
  },
)

cartPageRoutes.page(
  {
    ...cart,
    method: 'post',
    path: '/cart/checkout',
    summary: 'To Stripe Checkout, for every line of the cart that can be bought now.',
    csrf: 'token',
    form: emptyForm,
  },
  async (c, { viewer }) => {
    const { items, short } = await itemsToCheckout(c.env, viewer)
    if (short) return c.redirect('/cart?done=short', 303)
    if (items.length === 0) return c.redirect('/cart?done=empty', 303)
    return checkoutResponse(c, viewer, items)
  },
)

cartPageRoutes.page(
  {
    ...cart,
    method: 'post',
    path: '/cart/buy-now',
    summary: 'Buy now: puts this one listing in the cart and checks out that listing alone.',
    csrf: 'token',
    form: addItemForm,
  },
  async (c, { viewer, form }) => {
    const input = valid(form)
    const change = await putInCart(c.env, viewer, input)
    // Refused or clamped: the cart says why before any money moves.
    if (change.outcome !== 'done') return c.redirect(afterChange(change, 'added'), 303)
    const { items, short } = await itemsToCheckout(c.env, viewer, input.listing_id)
    if (short || items.length === 0) return c.redirect('/cart?done=short', 303)
    return checkoutResponse(c, viewer, items)
  },
)
