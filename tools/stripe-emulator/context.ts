import type { FormObject } from './form'
import type { EmulatorState } from './state'
import type { EventBus } from './webhooks'

/** What every handler needs: the state, the event bus, and the emulator's settings. */
export interface EmulatorContext {
  state: EmulatorState
  events: EventBus
  /** Base URL for hosted pages (`<base>/c/pay/cs_test_…`). */
  baseUrl: string
  /** Processing fee: basis points plus a fixed amount, in minor units. */
  fee: { bp: number; fixedCents: number }
}

/** One `/v1` endpoint. `match` holds the path's captured ids. */
export interface ApiRoute {
  method: 'GET' | 'POST'
  path: RegExp
  handle(ctx: EmulatorContext, params: FormObject, match: string[]): object
}

/** The shared fields of every Stripe object. */
export function base(id: string, object: string, created: number) {
  return { id, object, created, livemode: false as const }
}
