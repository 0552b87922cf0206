/**
 * The marketplace's event emails, built from the rows the events already read: who each goes
 * to, what it says, its link, and its dedupe key, which names the business effect (an order,
 * a refund, a member's year) so a repeated webhook or job writes nothing twice. The features
 * put `emailStatements` of these in the batch of the change they tell of (./outbox.ts).
 */
import type { Bindings } from '../app.ts'
import type { DB } from '../lib/db.ts'
import type { EmailToSend } from '../email/outbox.ts'
import type { OrderItemRow, OrderRow } from '../../schema/tables.ts'
import { links } from './links.ts'

/** The name and address an email is sent to. */
export interface Recipient {
  id: string
  email: string
  display_name: string
}

/** The accounts with these ids, by id (one query). */
export async function recipients(db: DB, ids: readonly string[]) {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map<string, Recipient>()
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'email', 'display_name'])
    .where('id', 'in', unique)
    .execute()
  return new Map(rows.map((row) => [row.id, row]))
}

/** "Your membership is active", once per paid share checkout (`checkoutSessionId`). */
export function membershipActiveEmail(
  env: Bindings,
  member: Recipient,
  checkoutSessionId: string,
): EmailToSend<'membership_active'> {
  return {
    kind: 'membership_active',
    to: member.email,
    accountId: member.id,
    data: { name: member.display_name, account_url: links.account(env) },
    dedupeKey: `membership_active:${checkoutSessionId}`,
  }
}

/** The decision of a seller application, once per application. */
export function applicationDecidedEmail(
  env: Bindings,
  applicant: Recipient,
  applicationId: string,
  approved: boolean,
  note: string,
): EmailToSend<'application_decided'> {
  return {
    kind: 'application_decided',
    to: applicant.email,
    accountId: applicant.id,
    data: {
      name: applicant.display_name,
      approved,
      note,
      url: approved ? links.sell(env) : links.apply(env),
    },
    dedupeKey: `application_decided:${applicationId}`,
  }
}

/** A ship-to address as one line per part, as the order stores it (JSON), or null. */
export function shipToText(shippingAddress: string | null): string | null {
  if (!shippingAddress) return null
  const a = JSON.parse(shippingAddress) as Record<string, unknown>
  const part = (key: string) => (typeof a[key] === 'string' && a[key] !== '' ? a[key] : null)
  const place = [part('city'), part('state'), part('postal_code')].filter(Boolean).join(' ')
  const lines = [part('name'), part('line1'), part('line2'), place || null, part('country')]
  return lines.filter(Boolean).join('\n') || null
}

/** An order paid: its receipt to the buyer, and to each seller their lines and the ship-to. */
export function orderPaidEmails(
  env: Bindings,
  order: OrderRow,
  items: readonly OrderItemRow[],
  people: Map<string, Recipient>,
  shippingAddress: string | null,
): EmailToSend[] {
  const emails: EmailToSend[] = []
  const buyer = people.get(order.buyer_id)
  if (buyer) {
    emails.push({
      kind: 'order_paid',
      to: buyer.email,
      accountId: buyer.id,
      data: {
        name: buyer.display_name,
        order_id: order.id,
        total_cents: order.total_cents,
        currency: order.currency,
        url: links.order(env, order.id),
      },
      dedupeKey: `order_paid:${order.id}`,
    } satisfies EmailToSend<'order_paid'>)
  }
  for (const sellerId of new Set(items.map((item) => item.seller_id))) {
    const seller = people.get(sellerId)
    if (!seller) continue
    const lines = items.filter((item) => item.seller_id === sellerId)
    // Only a seller with something to post learns where it goes.
    const physical = lines.some((item) => item.kind === 'physical')
    emails.push({
      kind: 'new_sale',
      to: seller.email,
      accountId: seller.id,
      data: {
        name: seller.display_name,
        order_id: order.id,
        lines: lines.map((item) => ({ title: item.title, quantity: item.quantity })),
        ship_to: physical ? shipToText(shippingAddress) : null,
        url: links.sales(env),
      },
      dedupeKey: `new_sale:${order.id}:${sellerId}`,
    } satisfies EmailToSend<'new_sale'>)
  }
  return emails
}

/** A refund Stripe made, to the order's buyer, once per refund. */
export function refundIssuedEmail(
  env: Bindings,
  buyer: Recipient,
  refund: { id: string; order_id: string; amount_cents: number; currency: string },
): EmailToSend<'refund_issued'> {
  return {
    kind: 'refund_issued',
    to: buyer.email,
    accountId: buyer.id,
    data: {
      name: buyer.display_name,
      order_id: refund.order_id,
      amount_cents: refund.amount_cents,
      currency: refund.currency,
      url: links.order(env, refund.order_id),
    },
    dedupeKey: `refund_issued:${refund.id}`,
  }
}

/** A dispute opened on an order: to each seller of it, once per dispute and seller. */
export function disputeOpenedEmails(
  env: Bindings,
  order: OrderRow,
  items: readonly OrderItemRow[],
  people: Map<string, Recipient>,
  dispute: { id: string; amount_cents: number; currency: string },
): EmailToSend[] {
  return [...new Set(items.map((item) => item.seller_id))].flatMap((sellerId) => {
    const seller = people.get(sellerId)
    if (!seller) return []
    const email: EmailToSend<'dispute_opened'> = {
      kind: 'dispute_opened',
      to: seller.email,
      accountId: seller.id,
      data: {
        name: seller.display_name,
        order_id: order.id,
        amount_cents: dispute.amount_cents,
        currency: dispute.currency,
        url: links.sales(env),
      },
      dedupeKey: `dispute_opened:${dispute.id}:${sellerId}`,
    }
    return [email]
  })
}

/** A line shipped, to the buyer, once per line. */
export function orderShippedEmail(
  env: Bindings,
  buyer: Recipient,
  order: Pick<OrderRow, 'id'>,
  item: { id: string; title: string; carrier: string; tracking_number: string },
): EmailToSend<'order_shipped'> {
  return {
    kind: 'order_shipped',
    to: buyer.email,
    accountId: buyer.id,
    data: {
      name: buyer.display_name,
      order_id: order.id,
      title: item.title,
      carrier: item.carrier,
      tracking: item.tracking_number,
      url: links.order(env, order.id),
    },
    dedupeKey: `order_shipped:${item.id}`,
  }
}
