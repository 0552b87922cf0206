/**
 * Arranging orders through the public API: sellers whose payouts are ready, published
 * listings, checkouts, paying on the emulator's page and delivering its signed events, and
 * running the jobs a payment queues, as the Queue would.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { expect } from 'vitest'

import worker from '../../functions/index.ts'
import type { JobMessage } from '../../functions/jobs/types.ts'
import { jpegBase64 } from './fixtures/images.ts'
import {
  type Client,
  type EmulatorEvent,
  becomeSeller,
  call,
  deliver,
  emulatorEvents,
  grantRole,
  payCheckout,
  sessionIdOf,
  signUp,
  stripeSignature,
} from './helpers.ts'

/** An approved seller who finished Stripe's onboarding: buyers can pay them. */
export async function readySeller(name = 'Ready Seller'): Promise<Client> {
  const seller = await signUp({ display_name: name })
  await becomeSeller(seller)
  await finishPayouts(seller)
  return seller
}

/** Takes an approved seller through Stripe's onboarding and delivers what Stripe says of it. */
export async function finishPayouts(seller: Client) {
  const started = await call('/api/v1/seller/payouts-account', { method: 'POST', as: seller })
  expect(started.status).toBe(201)
  const { onboarding_url } = await started.json<{ onboarding_url: string }>()
  expect((await fetch(onboarding_url, { method: 'POST', redirect: 'manual' })).status).toBe(303)
  const row = await env.DB.prepare('SELECT stripe_account_id AS id FROM accounts WHERE id = ?')
    .bind(seller.id)
    .first<{ id: string }>()
  for (const event of await emulatorEvents(row!.id)) {
    if (event.type === 'account.updated') expect((await deliver(event)).status).toBe(200)
  }
}

export interface ListingInput {
  title?: string
  price_cents: number
  quantity?: number
  shipping_cents?: number
}

let made = 0

/** A published physical listing of `seller`, made and published through the API. */
export async function publishedListing(seller: Client, input: ListingInput): Promise<string> {
  made += 1
  const json = { title: `Bowl ${made}`, kind: 'physical', quantity: 5, ...input }
  const created = await call('/api/v1/listings', { method: 'POST', json, as: seller })
  expect(created.status).toBe(201)
  const { id } = await created.json<{ id: string }>()
  const form = new FormData()
  const bytes = Uint8Array.from(atob(jpegBase64), (c) => c.charCodeAt(0))
  form.append('file', new File([bytes], 'cover.jpg', { type: 'image/jpeg' }))
  await call(`/api/v1/listings/${id}/images`, { method: 'POST', body: form, as: seller })
  expect(
    (await call(`/api/v1/listings/${id}/publish`, { method: 'POST', as: seller })).status,
  ).toBe(200)
  return id
}

export type CartLine = { listing_id: string; quantity: number }

/** POST /api/v1/checkout as the buyer. */
export const checkout = (buyer: Client, items: CartLine[], extra: object = {}) =>
  call('/api/v1/checkout', { method: 'POST', as: buyer, json: { items, ...extra } })

/** A checkout that must succeed: the order id and its Checkout URL. */
export async function openOrder(buyer: Client, items: CartLine[]) {
  const response = await checkout(buyer, items)
  expect(response.status).toBe(201)
  return response.json<{ order_id: string; checkout_url: string }>()
}

/** The signed events Stripe sent about an order's session so far. */
export const sessionEvents = (checkoutUrl: string) => emulatorEvents(sessionIdOf(checkoutUrl))

/** Pays on the emulator's hosted page; returns the session's events, not yet delivered. */
export async function payOnly(checkoutUrl: string, card?: string) {
  expect((await payCheckout(checkoutUrl, card)).status).toBe(303)
  return sessionEvents(checkoutUrl)
}

/** Pays an order and delivers every event of its session to the Worker. */
export async function payOrder(checkoutUrl: string) {
  for (const event of await payOnly(checkoutUrl)) expect((await deliver(event)).status).toBe(200)
}

/** GET /api/v1/orders/:id as the client, with its answer. */
export async function getOrder(client: Client, id: string) {
  const response = await call(`/api/v1/orders/${id}`, { as: client })
  return { status: response.status, body: await response.json<OrderBody>() }
}

export interface OrderBody {
  id: string
  status: string
  total_cents: number
  shipping_cents: number
  subtotal_cents: number
  shipping_address: Record<string, unknown> | null
  items: { id: string; seller_id: string; subtotal_cents: number; shipping_cents: number }[]
}

/** The pending jobs a payment queued for an order. */
export async function jobsOf(orderId: string) {
  const rows = await env.DB.prepare(
    `SELECT id, kind, status, dedupe_key FROM jobs WHERE json_extract(payload, '$.order_id') = ?`,
  )
    .bind(orderId)
    .all<{ id: string; kind: string; status: string; dedupe_key: string }>()
  return rows.results
}

let messages = 0

/** Delivers one queue message about `jobId` to the Worker. */
export async function runJob(jobId: string) {
  messages += 1
  const batch = createMessageBatch<JobMessage>('fairstall-jobs', [
    { id: `order-msg-${messages}`, timestamp: new Date(), attempts: 1, body: { job_id: jobId } },
  ])
  const ctx = createExecutionContext()
  await worker.queue(batch, env, ctx)
  return getQueueResult(batch, ctx)
}

/** Available stock of a listing, as its seller reads it. */
export async function stockOf(seller: Client, listingId: string) {
  const response = await call(`/api/v1/listings/${listingId}`, { as: seller })
  return (await response.json<{ quantity: number }>()).quantity
}

/** Expires an open session at the emulator (as Stripe's timer would); returns its events. */
export async function expireSession(checkoutUrl: string) {
  const id = sessionIdOf(checkoutUrl)
  const response = await fetch(`${env.STRIPE_EMULATOR_URL}/v1/checkout/sessions/${id}/expire`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk_test_fairstall' },
  })
  expect(response.status).toBe(200)
  return sessionEvents(checkoutUrl)
}

/**
 * Another event about the same session, signed as Stripe signs: `type` with a new event id.
 * For orders of events Stripe itself would not send, which the app must still survive.
 */
export async function sameSessionAs(event: EmulatorEvent, type: string): Promise<EmulatorEvent> {
  const body = JSON.parse(event.payload) as Record<string, unknown>
  const payload = JSON.stringify({ ...body, id: `evt_test_${crypto.randomUUID()}`, type })
  return {
    id: '',
    type,
    payload,
    signature: await stripeSignature(payload, env.STRIPE_WEBHOOK_SECRET ?? ''),
  }
}

/** The card that pays and is then disputed by the buyer's bank. */
export const DISPUTED_CARD = '4000 0000 0000 0259'

/** The id of the dispute Stripe opened on an order's payment, from its session's events. */
export async function disputeIdOf(checkoutUrl: string): Promise<string> {
  const created = (await sessionEvents(checkoutUrl)).find(
    (e) => e.type === 'charge.dispute.created',
  )
  expect(created).toBeDefined()
  return (JSON.parse(created!.payload) as { data: { object: { id: string } } }).data.object.id
}

/** Closes a dispute at the emulator as the card network decides (a test control). */
export async function closeDisputeAt(disputeId: string, status: 'won' | 'lost') {
  const response = await fetch(`${env.STRIPE_EMULATOR_URL}/_emulator/disputes/${disputeId}/close`, {
    method: 'POST',
    body: JSON.stringify({ status }),
  })
  expect(response.status).toBe(200)
}

/** The people of an order test: two sellers whose payouts are ready, a buyer and an admin. */
export async function marketCast(prefix: string) {
  const [potter, weaver, buyer, admin] = await Promise.all([
    readySeller(`${prefix} Potter`),
    readySeller(`${prefix} Weaver`),
    signUp({ display_name: `${prefix} Buyer` }),
    signUp({ display_name: `${prefix} Admin` }),
  ])
  await grantRole(admin, 'admin')
  return { potter, weaver, buyer, admin }
}
