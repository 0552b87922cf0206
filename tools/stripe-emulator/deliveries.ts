import { nowSeconds } from './ids'
import type { EmulatorState } from './state'
import { signPayload } from './signing'

/**
 * When a failed delivery is tried again, in seconds after the previous attempt. Stripe documents
 * that in test mode it retries three times over a few hours (live mode: up to three days with
 * exponential backoff); `delivery_time_scale` compresses these for tests, and advancing the
 * emulator's clock past a retry's time sends it at once.
 */
export const RETRY_DELAYS_SECONDS = [10 * 60, 60 * 60, 3 * 60 * 60] as const

/** One event's delivery to one endpoint. */
export interface Delivery {
  url: string
  secret: string
  payload: string
}

interface PendingRetry {
  delivery: Delivery
  /** Emulator time (seconds) when it is due. */
  due: number
  /** Index into RETRY_DELAYS_SECONDS of the attempt after this one. */
  next: number
  timer: NodeJS.Timeout
}

/**
 * Sends deliveries and schedules retries for the failed ones. Retries run beside the main
 * queue, as Stripe's do: a failing endpoint delays only its own events, and order is not
 * guaranteed across retries.
 */
export class Deliverer {
  private readonly retries = new Set<PendingRetry>()
  private closed = false

  constructor(private readonly state: EmulatorState) {}

  /** One attempt now; on failure a retry is scheduled. Never throws. */
  async send(delivery: Delivery, next = 0): Promise<void> {
    if (this.closed) return
    if (await attempt(delivery)) return
    this.scheduleRetry(delivery, next)
  }

  /** Sends every retry whose time has come on the emulator's clock (after a clock advance). */
  async runDue(): Promise<void> {
    const now = this.state.now()
    const due = [...this.retries].filter((retry) => retry.due <= now)
    for (const retry of due) {
      clearTimeout(retry.timer)
      this.retries.delete(retry)
    }
    await Promise.all(due.map((retry) => this.send(retry.delivery, retry.next)))
  }

  /** How many deliveries wait for a retry. */
  get pending(): number {
    return this.retries.size
  }

  /** Drops pending retries. */
  close(): void {
    this.closed = true
    for (const retry of this.retries) clearTimeout(retry.timer)
    this.retries.clear()
  }

  private scheduleRetry(delivery: Delivery, next: number) {
    const delay = RETRY_DELAYS_SECONDS[next]
    if (delay === undefined || this.closed) return
    const scale = this.state.faults.delivery_time_scale
    const retry: PendingRetry = {
      delivery,
      due: this.state.now() + delay,
      next: next + 1,
      timer: setTimeout(
        () => {
          this.retries.delete(retry)
          void this.send(delivery, next + 1)
        },
        delay * 1000 * scale,
      ),
    }
    retry.timer.unref()
    this.retries.add(retry)
  }
}

/** POSTs one signed delivery; true when the endpoint answered 2xx. */
async function attempt(delivery: Delivery): Promise<boolean> {
  try {
    // Each attempt is signed afresh with the wall clock, as Stripe does, so a retry sent hours
    // later still verifies within the receiver's tolerance.
    const signature = signPayload(delivery.payload, delivery.secret, nowSeconds())
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'stripe-signature': signature,
        'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      },
      body: delivery.payload,
      signal: AbortSignal.timeout(10_000),
    })
    // Drain the body so the connection can be reused.
    await response.arrayBuffer().catch(() => undefined)
    return response.ok
  } catch {
    // Unreachable receiver: a failed attempt like any other.
    return false
  }
}
