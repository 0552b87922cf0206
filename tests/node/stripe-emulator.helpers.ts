import { createServer, type Server } from 'node:http'

import Stripe from 'stripe'

import { startStripeEmulator, type StripeEmulator } from '../../tools/stripe-emulator/index'

/** The webhook secret every emulator in these tests signs with. */
export const WEBHOOK_SECRET = 'whsec_emulator_tests'

/** A running emulator and a real `stripe` client pointed at it. */
export interface EmulatorHarness {
  emulator: StripeEmulator
  stripe: Stripe
}

/** Starts an emulator on a free port and a `stripe` client (Node http client) for it. */
export async function startHarness(
  webhookUrl?: string,
  stateFile?: string,
): Promise<EmulatorHarness> {
  const emulator = await startStripeEmulator({
    port: 0,
    webhookSecret: WEBHOOK_SECRET,
    webhookUrl,
    stateFile,
  })
  const stripe = new Stripe('sk_test_emulator', {
    host: '127.0.0.1',
    port: emulator.port,
    protocol: 'http',
  })
  return { emulator, stripe }
}

/** Creates a one-line (or more) payment session, the way the app does. */
export function createSession(
  stripe: Stripe,
  overrides: Partial<Stripe.Checkout.SessionCreateParams> = {},
) {
  return stripe.checkout.sessions.create({
    mode: 'payment',
    success_url: 'http://localhost:8787/orders/ord_1/paid?session={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://localhost:8787/cart',
    client_reference_id: 'ord_1',
    payment_intent_data: {
      transfer_group: 'ord_1',
      metadata: { order: 'ord_1' },
    },
    line_items: [
      {
        quantity: 2,
        price_data: {
          currency: 'usd',
          unit_amount: 1250,
          product_data: { name: 'Plum jam' },
        },
      },
      {
        quantity: 1,
        price_data: {
          currency: 'usd',
          unit_amount: 500,
          product_data: { name: 'Shipping' },
        },
      },
    ],
    ...overrides,
  })
}

/** Submits the hosted Checkout form as a person would, without following the redirect. */
export function payOnPage(url: string, cardNumber: string) {
  return fetch(url, {
    method: 'POST',
    body: new URLSearchParams({ card_number: cardNumber }),
    redirect: 'manual',
  })
}

/** One event as `/_emulator/events` lists it. */
export interface RecordedEvent {
  id: string
  type: string
  payload: string
  signature: string
}

/** The events the emulator recorded, optionally only those related to an id. */
export async function listEvents(
  emulator: StripeEmulator,
  related?: string,
): Promise<RecordedEvent[]> {
  const query = related ? `?related=${encodeURIComponent(related)}` : ''
  const response = await fetch(`${emulator.url}/_emulator/events${query}`)
  const body = (await response.json()) as { data: RecordedEvent[] }
  return body.data
}

/** POSTs JSON to the control API and returns the parsed answer. */
export async function control(emulator: StripeEmulator, path: string, body: unknown = {}) {
  const response = await fetch(`${emulator.url}/_emulator/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
  }
}

/** A delivery as a webhook receiver saw it. */
export interface Delivery {
  payload: string
  signature: string
}

/**
 * A local webhook endpoint that records deliveries. `failFirst` answers the first N with 500
 * to exercise retries. `waitFor(n)` resolves once n deliveries have arrived.
 */
export async function startReceiver(failFirst = 0) {
  const deliveries: Delivery[] = []
  const waiters: { count: number; resolve: () => void }[] = []
  let failures = failFirst
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      if (failures > 0) {
        failures -= 1
        res.writeHead(500).end()
        return
      }
      deliveries.push({
        payload: Buffer.concat(chunks).toString('utf8'),
        signature: String(req.headers['stripe-signature']),
      })
      res.writeHead(200).end()
      for (const waiter of waiters.filter((w) => deliveries.length >= w.count)) waiter.resolve()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}/webhooks/stripe`,
    deliveries,
    waitFor(count: number): Promise<void> {
      if (deliveries.length >= count) return Promise.resolve()
      return new Promise((resolve) => waiters.push({ count, resolve }))
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Moves the emulator's clock forward, as time passing at Stripe would. */
export function advanceClock(emulator: StripeEmulator, seconds: number) {
  return control(emulator, 'clock/advance', { seconds })
}

/** A paid card charge of `amount` (one line), with its session. */
export async function paidCharge(stripe: Stripe, amount = 3000, card = '4242424242424242') {
  const session = await createSession(stripe, {
    line_items: [
      {
        quantity: 1,
        price_data: { currency: 'usd', unit_amount: amount, product_data: { name: 'x' } },
      },
    ],
  })
  await payOnPage(session.url!, card)
  const paid = await stripe.checkout.sessions.retrieve(session.id, {
    expand: ['payment_intent.latest_charge'],
  })
  const intent = paid.payment_intent as Stripe.PaymentIntent
  return { session: paid, intent, charge: intent.latest_charge as Stripe.Charge }
}

/** An Express account that finished onboarding, so it can take transfers. */
export async function onboardedAccount(stripe: Stripe) {
  const account = await stripe.accounts.create({
    type: 'express',
    capabilities: { transfers: { requested: true } },
  })
  const link = await stripe.accountLinks.create({
    account: account.id,
    type: 'account_onboarding',
    return_url: 'http://localhost:8787/payouts/done',
    refresh_url: 'http://localhost:8787/payouts/again',
  })
  const finish = await fetch(link.url, { method: 'POST', redirect: 'manual' })
  return { account, link, finish }
}
