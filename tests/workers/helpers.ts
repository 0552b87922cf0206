/**
 * Test helpers that act as a client would: through the Worker's real fetch handler, the real
 * Stripe emulator's hosted pages, and signed webhooks replayed from the emulator.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { expect } from 'vitest'

import worker from '../../functions/index.ts'
import { checkAnswer } from './contract.ts'
import { outboxConfirmToken } from './verify-helpers.ts'

export const ORIGIN = 'http://localhost:8787'

export interface Client {
  cookie: string
  id: string
  email: string
}

let counter = 0

/** A unique email per call, so tests within a file never collide. */
export function uniqueEmail(name = 'member') {
  counter += 1
  return `${name}-${counter}-${crypto.randomUUID().slice(0, 8)}@example.coop`
}

/**
 * Calls the Worker. `json` sets the body and content type; `as` sends a member's cookie.
 * Every API answer is checked against its route's declared answers (contract.ts).
 */
export async function call(
  path: string,
  init: RequestInit & { json?: unknown; as?: Client | string } = {},
): Promise<Response> {
  const { json, as, ...rest } = init
  const headers = new Headers(rest.headers)
  if (json !== undefined) headers.set('content-type', 'application/json')
  const cookie = typeof as === 'string' ? as : as?.cookie
  if (cookie) headers.set('cookie', cookie)
  const request = await asSent(
    new Request(`${ORIGIN}${path}`, {
      ...rest,
      headers,
      body: json !== undefined ? JSON.stringify(json) : rest.body,
      redirect: 'manual',
    }),
    rest.body instanceof ReadableStream,
  )
  // The Worker's own fetch handler, with its bindings and an execution context whose
  // waitUntil work is awaited. Not `exports.default.fetch`: in vitest-pool-workers 0.15 each
  // request through it gets slower the more a file has sent (100 requests to /healthz: 0.3 s, then 1.1 s, 2.9 s, 5.4 s).
  const context = createExecutionContext()
  const response = await worker.fetch(request, env, context)
  await waitOnExecutionContext(context)
  await checkAnswer(request.method, request.url, response.clone())
  return response
}

/**
 * The request as it arrives over HTTP: a body of known size (a form, bytes, JSON) declares its
 * Content-Length, as browsers and Stripe do; a stream stays chunked, without one.
 */
async function asSent(request: Request, streamed: boolean): Promise<Request> {
  if (!request.body || streamed || request.headers.has('content-length')) return request
  const bytes = await request.arrayBuffer()
  const headers = new Headers(request.headers)
  headers.set('content-length', String(bytes.byteLength))
  return new Request(request, { headers, body: bytes })
}

/** The `name=value` of the session cookie a response set. */
export function sessionCookie(response: Response): string {
  const header = response.headers.get('set-cookie') ?? ''
  const match = /(fairstall_session=[^;]*)/.exec(header)
  if (!match?.[1]) throw new Error(`no session cookie in ${header}`)
  return match[1]
}

/**
 * Signs up a new account through the API and returns its cookie. The address is then confirmed
 * as a member would, with the link from the email it was sent (checkout and applying to sell
 * need it); `verified: false` leaves it unconfirmed.
 */
export async function signUp(
  overrides: { email?: string; password?: string; display_name?: string; verified?: boolean } = {},
): Promise<Client> {
  const { verified = true, ...fields } = overrides
  const email = fields.email ?? uniqueEmail()
  const response = await call('/api/v1/accounts', {
    method: 'POST',
    json: { email, password: 'correct-horse-battery', display_name: 'Ann Artist', ...fields },
  })
  expect(response.status).toBe(201)
  const account = await response.json<{ id: string }>()
  const client = { cookie: sessionCookie(response), id: account.id, email }
  if (verified) await confirmAddress(client)
  return client
}

/** Follows the newest confirmation link emailed to the client through the API (200). */
export async function confirmAddress(client: Client) {
  const token = await outboxConfirmToken(client.email)
  const confirmed = await call(`/api/v1/email-verifications/${token}`, { method: 'POST' })
  expect(confirmed.status).toBe(200)
}

/** Grants staff roles the way `npm run admin:grant` does: straight into D1. */
export async function grantRole(client: Client, role: 'admin' | 'board' | 'worker') {
  await env.DB.prepare(
    `INSERT OR IGNORE INTO account_roles (account_id, role, granted_at) VALUES (?, ?, ?)`,
  )
    .bind(client.id, role, new Date().toISOString())
    .run()
}

export interface EmulatorEvent {
  id: string
  type: string
  payload: string
  signature: string
}

/** The signed events the Stripe emulator recorded about an object (a session, an intent…). */
export async function emulatorEvents(related: string): Promise<EmulatorEvent[]> {
  const response = await fetch(`${env.STRIPE_EMULATOR_URL}/_emulator/events?related=${related}`)
  const body = await response.json<{ data: EmulatorEvent[] }>()
  return body.data
}

/** A Stripe-Signature header for `payload`, made as Stripe makes it (HMAC-SHA256 of `t.payload`). */
export async function stripeSignature(
  payload: string,
  secret: string,
  t = Math.floor(Date.now() / 1000),
) {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${t}.${payload}`))
  const hex = [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('')
  return `t=${t},v1=${hex}`
}

/** Delivers a recorded event to the Worker's webhook endpoint, as Stripe would. */
export function deliver(event: Pick<EmulatorEvent, 'payload' | 'signature'>) {
  return call('/webhooks/stripe', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': event.signature },
    body: event.payload,
  })
}

/** Pays a Checkout Session on the emulator's hosted page with a test card, as a person would. */
export async function payCheckout(checkoutUrl: string, card = '4242 4242 4242 4242') {
  return fetch(checkoutUrl, {
    method: 'POST',
    body: new URLSearchParams({ card_number: card }),
    redirect: 'manual',
  })
}

/** The id of a Checkout Session from its hosted page URL. */
export const sessionIdOf = (checkoutUrl: string) => checkoutUrl.split('/').pop() as string

/** Buys the member share end to end: checkout, pay, deliver the webhooks. */
export async function becomeMember(client: Client) {
  const response = await call('/api/v1/membership/checkout', { method: 'POST', as: client })
  expect(response.status).toBe(201)
  const { checkout_url } = await response.json<{ checkout_url: string }>()
  const paid = await payCheckout(checkout_url)
  expect(paid.status).toBe(303)
  const events = await emulatorEvents(sessionIdOf(checkout_url))
  for (const event of events) expect((await deliver(event)).status).toBe(200)
  return { checkoutUrl: checkout_url, events }
}

/** GET /api/v1/me as the client. */
export async function me(client: Client) {
  const response = await call('/api/v1/me', { as: client })
  expect(response.status).toBe(200)
  return response.json<{
    id: string
    roles: string[]
    membership: { status: string; since: string | null }
    seller: { status: string; payouts_ready: boolean }
  }>()
}

/** Makes the client an approved seller the way a person becomes one: share, application, approval. */
export async function becomeSeller(client: Client) {
  await becomeMember(client)
  const applied = await call('/api/v1/seller-applications', {
    method: 'POST',
    as: client,
    json: {
      statement: 'I make things by hand and would like a stall.',
      portfolio_url: 'https://me.example',
    },
  })
  expect(applied.status).toBe(201)
  const { id } = await applied.json<{ id: string }>()
  const admin = await signUp({ display_name: 'Approving Admin' })
  await grantRole(admin, 'admin')
  const decided = await call(`/api/v1/admin/seller-applications/${id}/decision`, {
    method: 'POST',
    as: admin,
    json: { decision: 'approve' },
  })
  expect(decided.status).toBe(200)
}

/** The options of a urlencoded form post, as a browser sends a plain HTML form. */
export const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
})

/** The `_csrf` value of the first form in a page's HTML ('' when there is none). */
export const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? ''

/** The `_csrf` value of the first form on a page, as a browser would send it back. */
export async function csrfOf(path: string, client: Client): Promise<string> {
  const token = csrfIn(await (await call(path, { as: client })).text())
  if (!token) throw new Error(`no CSRF field on ${path}`)
  return token
}
