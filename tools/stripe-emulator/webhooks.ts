import { Deliverer, type Delivery } from './deliveries'
import { newId } from './ids'
import { signPayload } from './signing'
import type { EmulatorState, StripeObject } from './state'

export { signPayload } from './signing'

/** The API version events are rendered in: the one stripe-node 23.1 pins. */
export const API_VERSION = '2026-10-28.endive'

/** Where and how events are sent; changeable at run time through `/_emulator/config`. */
export interface DeliveryConfig {
  webhookSecret: string
  webhookUrl?: string
  /** Connect endpoints have their own signing secret at Stripe. Default: `webhookSecret`. */
  connectWebhookSecret?: string
  /** Where events about connected accounts go. Default: `webhookUrl`. */
  connectWebhookUrl?: string
}

/** The API request an event came from (`event.request`); null fields for Stripe's own doing. */
export interface RequestContext {
  id: string | null
  idempotency_key: string | null
}

/** One event to emit: its type, the object, and for `*.updated` the fields as they were. */
export type EventSpec = [type: string, object: StripeObject, previous?: Record<string, unknown>]

/** Objects whose events belong to a connected account and go to Connect endpoints. */
const CONNECT_OBJECTS = new Set(['account', 'capability', 'person'])

/**
 * Creates, records and delivers events. A call to {@link emit} is one batch (the events of one
 * payment, say): batches are delivered in order, one at a time. With `out_of_order`, each batch
 * is reversed and held back until the next one has been delivered, so a later action's events
 * (a refund's) can reach the app before the payment's.
 */
export class EventBus {
  private queue: Promise<void> = Promise.resolve()
  private closed = false
  private held: Delivery[] = []
  private readonly deliverer: Deliverer
  /** Set by the server while a `/v1` request runs, so its events name it. */
  request: RequestContext = { id: null, idempotency_key: null }

  constructor(
    private readonly state: EmulatorState,
    readonly config: DeliveryConfig,
  ) {
    this.deliverer = new Deliverer(state)
  }

  /** Records events now, and queues their delivery. */
  emit(...batch: EventSpec[]): void {
    const deliveries = batch.flatMap((spec) => this.record(...spec))
    const { duplicate_deliveries, out_of_order } = this.state.faults
    let sends = out_of_order ? [...deliveries].reverse() : deliveries
    if (out_of_order && deliveries.length > 0) {
      const earlier = this.held
      if (earlier.length === 0) {
        this.held = sends
        return
      }
      // The newer batch overtakes the one held back.
      this.held = []
      sends = [...sends, ...earlier]
    }
    this.enqueue(duplicate_deliveries ? sends.flatMap((d) => [d, d]) : sends)
  }

  /** Sends the batch that `out_of_order` holds back, if any. */
  flush(): void {
    const held = this.held
    this.held = []
    this.enqueue(held)
  }

  /** Sends the failed deliveries whose retry time the emulator's clock has reached. */
  runDueRetries(): Promise<void> {
    return this.deliverer.runDue()
  }

  /** Resolves once every queued delivery has been attempted (retries aside). */
  idle(): Promise<void> {
    return this.queue
  }

  /** Stops delivering; queued events and retries are dropped. */
  close(): void {
    this.closed = true
    this.deliverer.close()
  }

  private enqueue(sends: Delivery[]) {
    if (sends.length === 0) return
    const { delay_ms } = this.state.faults
    this.queue = this.queue.then(async () => {
      for (const send of sends) {
        if (this.closed) return
        if (delay_ms > 0) await sleep(delay_ms)
        await this.deliverer.send(send)
      }
    })
  }

  private record(type: string, object: StripeObject, previous?: Record<string, unknown>) {
    const connect = CONNECT_OBJECTS.has(object.object)
    const url = connect
      ? (this.config.connectWebhookUrl ?? this.config.webhookUrl)
      : this.config.webhookUrl
    const secret = connect
      ? (this.config.connectWebhookSecret ?? this.config.webhookSecret)
      : this.config.webhookSecret
    const data: Record<string, unknown> = { object: structuredClone(object) }
    if (previous) data.previous_attributes = structuredClone(previous)
    const event = {
      id: newId('evt'),
      object: 'event',
      // Connect events name the connected account they happened on.
      ...(connect && { account: object.id }),
      api_version: API_VERSION,
      created: this.state.now(),
      data,
      livemode: false,
      pending_webhooks: url ? 1 : 0,
      request: { ...this.request },
      type,
    }
    // Stripe sends pretty-printed JSON; the signature covers these exact bytes.
    const payload = JSON.stringify(event, null, 2)
    const signature = signPayload(payload, secret)
    const related = relatedIds(this.state, object)
    this.state.events.push({ id: event.id, type, payload, signature, related })
    this.state.put({ ...event, livemode: false } as unknown as StripeObject)
    return url ? [{ url, secret, payload }] : []
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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
