import { resourceMissing } from './errors'
import { nowSeconds } from './ids'

/** Any Stripe object as the emulator stores it: plain JSON with Stripe's field names. */
export interface StripeObject {
  id: string
  object: string
  created: number
  livemode: false
  [field: string]: unknown
}

/** Switches that tests flip to make delivery and the API misbehave. */
export interface Faults {
  /** Deliver every event twice. */
  duplicate_deliveries: boolean
  /** Deliver the events of one payment (or other batch) in reverse order. */
  out_of_order: boolean
  /** Wait this long before each delivery. */
  delay_ms: number
  /**
   * The next N `/v1` calls answer 500 with an `api_error` after the endpoint began (nothing is
   * changed). As at Stripe (API v1), the 500 is saved under the request's Idempotency-Key and
   * replayed to a retry with that key, with `Stripe-Should-Retry: false`.
   */
  fail_api_requests: number
  /**
   * The next N `/v1` calls answer 500 before the endpoint began (a lock timeout, a front end
   * failing): nothing is saved under the key and `Stripe-Should-Retry: true` invites a retry.
   */
  fail_api_requests_transient: number
  /** Retry failed deliveries after Stripe's delays multiplied by this (0.001: hours in seconds). */
  delivery_time_scale: number
}

/** Faults as they are when nothing is switched on. */
export const noFaults = (): Faults => ({
  duplicate_deliveries: false,
  out_of_order: false,
  delay_ms: 0,
  fail_api_requests: 0,
  fail_api_requests_transient: 0,
  delivery_time_scale: 1,
})

/** A stored response to an Idempotency-Key, replayed for the same request. */
export interface IdempotentResponse {
  fingerprint: string
  status: number
  body: string
  /** The `request-id` of the request that ran, sent back as `Original-Request` on replays. */
  requestId: string
}

/** An event as recorded for `/_emulator/events`: the exact bytes and header that were sent. */
export interface RecordedEvent {
  id: string
  type: string
  payload: string
  signature: string
  related: Set<string>
}

/** An account link as the emulator remembers it. */
export interface AccountLinkState {
  account: string
  return_url?: string
  refresh_url?: string
  expires_at: number
  /** Set once the page was opened: a link works for one visit only. */
  visited: boolean
  /** Set once onboarding was finished through it. */
  used: boolean
}

/** Readable names for 404 messages, by id prefix (`No such payment_intent: 'pi_…'`). */
const KIND_BY_PREFIX: Record<string, string> = {
  cs: 'checkout.session',
  pi: 'payment_intent',
  ch: 'charge',
  txn: 'balance transaction',
  re: 'refund',
  du: 'dispute',
  acct: 'account',
  tr: 'transfer',
  trr: 'transfer reversal',
  evt: 'event',
  py: 'payment',
}

/** Everything the emulator knows, in memory; one instance per running emulator. */
export class EmulatorState {
  readonly objects = new Map<string, StripeObject>()
  /** Line items are only visible through `expand[]=line_items`, so they live beside sessions. */
  readonly lineItems = new Map<string, StripeObject[]>()
  /** The session each payment intent paid, so events about a payment can be found by session. */
  readonly sessionByPaymentIntent = new Map<string, string>()
  /** The latest account link per account: its onboarding page needs the return_url. */
  /** Account links by the token in their url: single-use, and they expire. */
  readonly accountLinks = new Map<string, AccountLinkState>()
  readonly idempotency = new Map<string, IdempotentResponse>()
  readonly events: RecordedEvent[] = []
  faults: Faults = noFaults()
  /** Seconds the emulator's clock runs ahead of the wall clock (`/_emulator/clock/advance`). */
  clockOffset = 0

  /** The emulator's time in unix seconds: the wall clock plus any advance. */
  now(): number {
    return nowSeconds() + this.clockOffset
  }

  /** Stores (or replaces) an object and returns it. */
  put<T extends StripeObject>(object: T): T {
    this.objects.set(object.id, object)
    return object
  }

  /** The object with this id and type, or a 404 worded like Stripe's. */
  get(id: string, objectType: string, param = 'id'): StripeObject {
    const found = this.objects.get(id)
    if (!found || found.object !== objectType)
      throw resourceMissing(kindOf(id, objectType), id, param)
    return found
  }

  /** The object with this id, whatever its type (for `expand`). */
  find(id: string): StripeObject | undefined {
    return this.objects.get(id)
  }
}

function kindOf(id: string, fallback: string): string {
  const prefix = id.startsWith('cs_') ? 'cs' : (id.split('_')[0] ?? '')
  return KIND_BY_PREFIX[prefix] ?? fallback
}
