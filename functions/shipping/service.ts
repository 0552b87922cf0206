/**
 * Shipping a line with tracking: the line's seller says which carrier has the parcel and its
 * tracking number, once. The line is marked shipped and the buyer's `order_shipped` email is
 * written in one batch; the database refuses a second shipment and a line that is digital or
 * of an unpaid order (0016_shipping_audit.sql), so two racing submissions cannot both pass.
 */
import { eventEmails } from '../notify/links.ts'
import type { Bindings, Viewer } from '../app.ts'
import { atomically, database } from '../lib/db.ts'
import { AppError, notFound } from '../lib/errors.ts'
import { emailStatements } from '../email/outbox.ts'
import { sendJobs } from '../jobs/outbox.ts'
import { orderShippedEmail, recipients } from '../notify/emails.ts'
import { findOrder, itemsOfOrders } from '../orders/repository.ts'
import type { ShipmentInput, ShipmentView } from './schemas.ts'

/** Orders whose physical lines can be shipped: paid, and not disputed or refunded in full. */
const SHIPPABLE = new Set(['paid', 'partially_refunded'])

const alreadyShipped = () =>
  new AppError(409, 'already_shipped', 'This line is marked shipped already.')

/** Loads the order and line, and checks who asks (404, 403) and whether it can ship (409). */
async function shippableLine(env: Bindings, viewer: Viewer, orderId: string, itemId: string) {
  const db = database(env.DB)
  const order = await findOrder(db, orderId)
  const items = order ? await itemsOfOrders(db, [orderId]) : []
  const me = viewer.account.id
  // Someone with no part in the order does not learn it exists (as refunds and GET /orders/:id).
  const involved = order?.buyer_id === me || items.some((item) => item.seller_id === me)
  if (!order || !involved) throw notFound('The order')
  const item = items.find((line) => line.id === itemId)
  if (!item) throw notFound('That line of the order')
  if (item.seller_id !== me)
    throw new AppError(403, 'forbidden', "Only the line's seller can mark it shipped.")
  if (item.kind !== 'physical')
    throw new AppError(409, 'not_shippable', 'A digital line is downloaded, not shipped.')
  if (!SHIPPABLE.has(order.status))
    throw new AppError(409, 'not_shippable', `A line of a ${order.status} order cannot ship.`)
  if (item.shipped_at) throw alreadyShipped()
  return { order, item }
}

/** `POST /api/v1/orders/:id/items/:item_id/shipment`: the shipment. */
export async function shipLine(
  env: Bindings,
  viewer: Viewer,
  orderId: string,
  itemId: string,
  input: ShipmentInput,
  now = new Date(),
): Promise<ShipmentView> {
  const db = database(env.DB)
  const { order, item } = await shippableLine(env, viewer, orderId, itemId)
  const at = now.toISOString()
  const buyer = (await recipients(db, [order.buyer_id])).get(order.buyer_id)
  const shipped = { ...item, carrier: input.carrier, tracking_number: input.tracking_number }
  const email = buyer
    ? await emailStatements(
        db,
        env,
        eventEmails(() => [orderShippedEmail(env, buyer, order, shipped)]),
        now,
      )
    : { statements: [], jobIds: [] }
  try {
    await atomically(env.DB, [
      db
        .updateTable('order_items')
        .set({ shipped_at: at, carrier: input.carrier, tracking_number: input.tracking_number })
        .where('id', '=', item.id),
      ...email.statements,
    ])
  } catch (error) {
    const message = error instanceof Error ? error.message : ''
    if (/shipping: already shipped/.test(message)) throw alreadyShipped()
    if (/shipping: not shippable/.test(message))
      throw new AppError(409, 'not_shippable', 'This line can no longer be shipped.')
    throw error
  }
  await sendJobs(env, email.jobIds)
  return {
    order_id: order.id,
    order_item_id: item.id,
    carrier: input.carrier,
    tracking_number: input.tracking_number,
    shipped_at: at,
  }
}
