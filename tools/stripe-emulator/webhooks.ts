import { createHmac } from 'node:crypto'

import { newId, nowSeconds } from './ids'
import type { EmulatorState, StripeObject } from './state'

/** The API version events are rendered in: the one stripe-node 23.1 pins. */
export const API_VERSION = '2026-10-28.endive'

/** Where and how events are sent; changeable at run time through `/_emulator/config`. */
export interface DeliveryConfig {
  webhookSecret: string
  webhookUrl?: string
}

/** Attempts per delivery, and the first backoff; doubles each time (50, 100, 200 ms). */
const ATTEMPTS = 4
const FIRST_BACKOFF_MS = 50

/**
 * The `Stripe-Signature` header Stripe sends: `t=<unix seconds>,v1=<hex HMAC-SHA256>` over
 * `${t}.${payload}`, keyed with the whole `whsec_…` string (Stripe does not decode it).
 */
export function signPayload(payload: string, secret: string, timestamp = nowSeconds()): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex')
  return `t=${timestamp},v1=${v1}`
}

/**
 * Creates, records and delivers events. A call to {@link emit} is one batch (the events of one
 * payment, say): batches are delivered in order, one at a time, so `out_of_order` can reverse a
 * batch meaningfully and a slow receiver never sees two deliveries at once.
 */
export class EventBus {
  private queue: Promise<void> = Promise.resolve()
  private closed = false

  constructor(
    private readonly state: EmulatorState,
    readonly config: DeliveryConfig,
  ) {}

  /** Records events for `[type, object]` pairs now, and queues their delivery. */
  emit(...batch: [type: string, object: StripeObject][]): void {
    const deliveries = batch.map(([type, object]) => this.record(type, object))
    if (!this.config.webhookUrl) return
    const { duplicate_deliveries, out_of_order, delay_ms } = this.state.faults
    const ordered = out_of_order ? [...deliveries].reverse() : deliveries
    const sends = duplicate_deliveries ? ordered.flatMap((d) => [d, d]) : ordered
    const url = this.config.webhookUrl
    this.queue = this.queue.then(async () => {
      for (const send of sends) {
        if (this.closed) return
        if (delay_ms > 0) await sleep(delay_ms)
        await deliver(url, send.payload, send.signature)
      }
    })
  }

  /** Resolves once every queued delivery has been attempted. */
  idle(): Promise<void> {
    return this.queue
  }

  /** Stops delivering; queued events are dropped. */
  close(): void {
    this.closed = true
  }

  private record(type: string, object: StripeObject) {
    const event = {
      id: newId('evt'),
      object: 'event',
      api_version: API_VERSION,
      created: nowSeconds(),
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: this.config.webhookUrl ? 1 : 0,
      request: { id: null, idempotency_key: null },
      type,
    }
    // Stripe sends pretty-printed JSON; the signature covers these exact bytes.
    const payload = JSON.stringify(event, null, 2)
    const signature = signPayload(payload, this.config.webhookSecret)
    const related = relatedIds(this.state, object)
    this.state.events.push({ id: event.id, type, payload, signature, related })
    this.state.put({ ...event, livemode: false } as unknown as StripeObject)
    return { payload, signature }
  }
}

/**
 * The ids an event can be found by: its object, the ids and metadata values it carries, and
 * the checkout session its payment belongs to (so a test holding a `cs_test_…` id sees the
 * payment's charge, refund and dispute events too).
 */
function relatedIds(state: EmulatorState, object: StripeObject): Set<string> {
  const ids = new Set<string>([object.id])
  for (const field of ['client_reference_id', 'payment_intent', 'charge', 'source_transaction']) {
    const value = object[field]
    if (typeof value === 'string') ids.add(value)
    if (value && typeof value === 'object' && 'id' in value) ids.add(String(value.id))
  }
  for (const field of ['transfer_group', 'destination', 'transfer']) {
    if (typeof object[field] === 'string') ids.add(object[field] as string)
  }
  const metadata = object.metadata
  if (metadata && typeof metadata === 'object') {
    for (const value of Object.values(metadata)) if (typeof value === 'string') ids.add(value)
  }
  // A charge points at its intent; the intent at its charge and the session that created it,
  // so the whole payment is found from any of its ids.
  for (const id of [...ids]) {
    const charge = id.startsWith('ch_') ? state.find(id) : undefined
    if (typeof charge?.payment_intent === 'string') ids.add(charge.payment_intent)
  }
  for (const id of [...ids]) {
    const session = state.sessionByPaymentIntent.get(id)
    if (!session) continue
    ids.add(session)
    const latestCharge = state.find(id)?.latest_charge
    if (typeof latestCharge === 'string') ids.add(latestCharge)
    const reference = state.find(session)?.client_reference_id
    if (typeof reference === 'string') ids.add(reference)
  }
  return ids
}

async function deliver(url: string, payload: string, signature: string): Promise<void> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'stripe-signature': signature,
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        },
        body: payload,
        signal: AbortSignal.timeout(10_000),
      })
      // Drain the body so the connection can be reused.
      await response.arrayBuffer().catch(() => undefined)
      if (response.ok) return
    } catch {
      // Unreachable receiver: retry like Stripe does, but a few times only, and never throw.
    }
    if (attempt < ATTEMPTS - 1) await sleep(FIRST_BACKOFF_MS * 2 ** attempt)
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
