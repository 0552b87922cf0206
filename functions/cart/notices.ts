/**
 * The notices the cart page shows after a redirect, keyed by `?done=`: fixed texts, so nothing a
 * visitor types is reflected into the page.
 */
import type { Flash } from '../../web/components/types.ts'
import type { CartChange } from './service.ts'

const refused = (message: string): Flash => ({ kind: 'error', message })

const NOTICES: Record<string, Flash> = {
  added: { kind: 'success', message: 'Added to your cart.' },
  updated: { kind: 'success', message: 'Quantity changed.' },
  removed: { kind: 'success', message: 'Removed from your cart.' },
  clamped: {
    kind: 'info',
    message: 'There are not that many left, so your cart holds all the artist has.',
  },
  short: {
    kind: 'error',
    message: 'A line asks for more than the artist has left. Lower it, then check out.',
  },
  conflict: {
    kind: 'error',
    message:
      'Something in your cart sold out or left the shop just now. Check the cart, then try again.',
  },
  empty: { kind: 'info', message: 'Nothing in your cart can be bought right now.' },
  'refused-own': refused('That is your own listing: you cannot buy it.'),
  'refused-archived': refused('That piece is no longer for sale, so it was not added.'),
  'refused-unavailable': refused('That piece is not in the shop, so it was not added.'),
  'refused-sold_out': refused('That piece is sold out, so it was not added.'),
  'refused-payouts_not_ready': refused(
    'That artist is still setting up payouts, so it cannot be bought yet.',
  ),
  'refused-full': refused('Your cart is full (50 pieces). Check out or remove something first.'),
}

/** The notice for `?done=`, if it is one of ours. */
export const cartNotice = (done: string | undefined) => NOTICES[done ?? '']

/** Where the cart page goes after a change: the cart, with the change's notice. */
export function afterChange(change: CartChange, done: 'added' | 'updated'): string {
  if (change.outcome === 'refused') return `/cart?done=refused-${change.reason}`
  return `/cart?done=${change.outcome === 'clamped' ? 'clamped' : done}`
}
