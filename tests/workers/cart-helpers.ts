/**
 * Arranging the cart tests through the public API: a buyer's form posts with the session's CSRF
 * token, and what the cart and orders hold. Sellers and listings come from order-fixtures.ts.
 */
import { env } from 'cloudflare:workers'
import { expect } from 'vitest'

import { call, type Client, csrfOf, form } from './helpers.ts'

const tokens = new Map<string, string>()

/** Posts a cart form as the client, with their session's CSRF token. */
export async function post(client: Client, path: string, fields: Record<string, string> = {}) {
  const token = tokens.get(client.cookie) ?? (await csrfOf('/account', client))
  tokens.set(client.cookie, token)
  return call(path, { ...form({ ...fields, _csrf: token }), as: client })
}

/** The client's cart as stored: listing id → quantity. */
export async function cartOf(client: Client): Promise<Record<string, number>> {
  const { results } = await env.DB.prepare(
    'SELECT listing_id, quantity FROM cart_items WHERE member_id = ? ORDER BY listing_id',
  )
    .bind(client.id)
    .all<{ listing_id: string; quantity: number }>()
  return Object.fromEntries(results.map((row) => [row.listing_id, row.quantity]))
}

/** The cart page's HTML as the client sees it (`path`: where a redirect sent them). */
export async function cartPage(client: Client, path = '/cart'): Promise<string> {
  const response = await call(path, { as: client })
  expect(response.status).toBe(200)
  return response.text()
}

/** The lines of every order the client has placed (functions/orders), oldest first. */
export async function orderedBy(client: Client) {
  const { results } = await env.DB.prepare(
    `SELECT i.listing_id, i.quantity FROM order_items i JOIN orders o ON o.id = i.order_id
     WHERE o.buyer_id = ? ORDER BY o.created_at, i.position`,
  )
    .bind(client.id)
    .all<{ listing_id: string; quantity: number }>()
  return results
}
