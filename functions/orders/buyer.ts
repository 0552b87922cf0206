/**
 * What the buyer's pages read of their orders: a page of orders, one order, and the private
 * file of a digital line they bought. Someone else's order does not exist for them (404), as
 * in the API.
 */
import type { Bindings } from '../app.ts'
import { type DB, database } from '../lib/db.ts'
import { AppError, notFound } from '../lib/errors.ts'
import { toPage } from '../lib/pagination.ts'
import { safeFileName } from '../media/images.ts'
import { downloadable, findOrder, itemsOfOrders, orderView, ordersOfBuyer } from './repository.ts'
import type { OrderView } from './responses.ts'

/** One page of a buyer's orders, newest first, with their lines. */
export async function buyerOrders(db: DB, buyerId: string, limit: number, cursor?: string) {
  const rows = await ordersOfBuyer(db, buyerId, limit, cursor)
  const page = toPage(rows, limit, (row) => [row.created_at, row.id])
  const items = await itemsOfOrders(
    db,
    page.items.map((order) => order.id),
  )
  const orders: OrderView[] = page.items.map((order) =>
    orderView(
      order,
      items.filter((item) => item.order_id === order.id),
    ),
  )
  return { orders, nextCursor: page.next_cursor }
}

/** One order of the buyer's, or 404. */
export async function buyerOrder(db: DB, buyerId: string, id: string): Promise<OrderView> {
  const order = await findOrder(db, id)
  if (!order || order.buyer_id !== buyerId) throw notFound('The order')
  return orderView(order, await itemsOfOrders(db, [id]))
}

/**
 * The download of a digital line: the listing's private file from R2, to the buyer of a paid
 * order only. Anyone else, an unknown line and a physical line get 404 (nothing to learn from
 * the answer); the buyer of an order not paid (or whose line was refunded, or is disputed)
 * gets 409, which says why. `no-store`: the file is theirs, not a shared cache's.
 */
export async function downloadResponse(
  env: Bindings,
  buyerId: string,
  orderId: string,
  itemId: string,
): Promise<Response> {
  const db = database(env.DB)
  const order = await findOrder(db, orderId)
  if (!order || order.buyer_id !== buyerId) throw notFound('That download')
  const [item] = (await itemsOfOrders(db, [orderId])).filter((line) => line.id === itemId)
  if (!item || item.kind !== 'digital') throw notFound('That download')
  if (!downloadable(order, item)) {
    throw new AppError(
      409,
      'not_downloadable',
      order.status === 'pending'
        ? 'The download opens once your payment is confirmed.'
        : 'This piece cannot be downloaded: its order is not paid, or it was refunded or disputed.',
    )
  }
  const listing = await db
    .selectFrom('listings')
    .select(['file_key', 'file_name'])
    .where('id', '=', item.listing_id)
    .executeTakeFirst()
  const object = listing?.file_key ? await env.BUCKET.get(listing.file_key) : null
  if (!listing || !object) throw notFound('The file')
  return new Response(object.body, {
    headers: {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(object.size),
      'Content-Disposition': attachment(listing.file_name ?? 'download'),
      'Cache-Control': 'private, no-store',
    },
  })
}

/** `attachment` with an ASCII name for old clients and the UTF-8 name (RFC 6266, 8187). */
function attachment(name: string): string {
  const ascii = safeFileName(name) || 'download'
  let utf8: string
  try {
    // RFC 8187's attr-char has no ' ( ) *, which encodeURIComponent leaves as they are.
    utf8 = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)
  } catch {
    return `attachment; filename="${ascii}"` // a lone surrogate: the ASCII name alone
  }
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`
}
