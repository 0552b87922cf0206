import type { EmulatorContext } from './context'
import { StripeApiError } from './errors'
import { closeDispute } from './objects/disputes'
import { settleBankDebit } from './objects/payments'
import { noFaults, type Faults } from './state'
import { catchUp } from './sweep'

/** A JSON answer from the control API. */
export interface ControlResponse {
  status: number
  body: unknown
}

const bad = (message: string): ControlResponse => ({
  status: 400,
  body: { error: { message } },
})

const BOOLEAN_FAULTS = ['duplicate_deliveries', 'out_of_order'] as const
const COUNT_FAULTS = ['delay_ms', 'fail_api_requests', 'fail_api_requests_transient'] as const

/**
 * The test-only control API under `/_emulator`. It is not Stripe's; it lets tests read the
 * exact signed events, switch faults on and off, move the clock and decide what card networks
 * and banks decide. JSON in, JSON out.
 */
export async function handleControl(
  ctx: EmulatorContext,
  method: string,
  path: string,
  query: URLSearchParams,
  body: string,
): Promise<ControlResponse> {
  let input: Record<string, unknown> = {}
  if (method === 'POST' && body.trim()) {
    try {
      input = JSON.parse(body) as Record<string, unknown>
    } catch {
      return bad('The body must be JSON.')
    }
    if (!input || typeof input !== 'object' || Array.isArray(input))
      return bad('The body must be a JSON object.')
  }
  const route = `${method} ${path}`
  if (route === 'GET /_emulator/events') {
    const related = query.get('related')
    const events = ctx.state.events.filter((event) => !related || event.related.has(related))
    const data = events.map(({ id, type, payload, signature }) => ({
      id,
      type,
      payload,
      signature,
    }))
    return { status: 200, body: { data } }
  }
  if (route === 'GET /_emulator/kinds') {
    const kinds = new Set([...ctx.state.objects.values()].map((object) => object.object))
    return { status: 200, body: { data: [...kinds].sort() } }
  }
  if (route === 'POST /_emulator/faults') return setFaults(ctx, input)
  if (route === 'POST /_emulator/reset-faults') {
    ctx.state.faults = noFaults()
    ctx.events.flush()
    return { status: 200, body: { faults: ctx.state.faults } }
  }
  if (route === 'POST /_emulator/deliveries/flush') {
    ctx.events.flush()
    await ctx.events.idle()
    return { status: 200, body: { flushed: true } }
  }
  if (route === 'POST /_emulator/clock/advance') return advanceClock(ctx, input)
  if (route === 'GET /_emulator/clock') return { status: 200, body: { now: ctx.state.now() } }
  if (route === 'POST /_emulator/config') return setConfig(ctx, input)
  if (route === 'GET /_emulator/health') return { status: 200, body: { ok: true } }
  const dispute = /^POST \/_emulator\/disputes\/([^/]+)\/close$/.exec(route)
  if (dispute) {
    const status = input.status
    if (status !== 'won' && status !== 'lost') return bad('`status` must be "won" or "lost".')
    return stripeAnswer(() => closeDispute(ctx, dispute[1] as string, status))
  }
  const debit = /^POST \/_emulator\/payment_intents\/([^/]+)\/settle$/.exec(route)
  if (debit) {
    const outcome = input.outcome
    if (outcome !== undefined && outcome !== 'succeeded' && outcome !== 'failed')
      return bad('`outcome` must be "succeeded" or "failed".')
    if (!settleBankDebit(ctx, debit[1] as string, outcome))
      return { status: 404, body: { error: { message: 'No pending bank debit for that intent.' } } }
    return { status: 200, body: ctx.state.find(debit[1] as string) }
  }
  return {
    status: 404,
    body: { error: { message: `Unknown control route: ${route}` } },
  }
}

function stripeAnswer(run: () => unknown): ControlResponse {
  try {
    return { status: 200, body: run() }
  } catch (error) {
    if (error instanceof StripeApiError) return { status: error.status, body: error.toBody() }
    throw error
  }
}

/** Moves the emulator's clock forward: funds become available, debits settle, retries fire. */
async function advanceClock(
  ctx: EmulatorContext,
  input: Record<string, unknown>,
): Promise<ControlResponse> {
  const { seconds } = input
  if (!Number.isInteger(seconds) || (seconds as number) < 0)
    return bad('`seconds` must be a whole number of seconds, 0 or more.')
  ctx.state.clockOffset += seconds as number
  catchUp(ctx)
  await ctx.events.runDueRetries()
  return { status: 200, body: { now: ctx.state.now() } }
}

function setFaults(ctx: EmulatorContext, input: Record<string, unknown>): ControlResponse {
  const faults: Faults = { ...ctx.state.faults }
  for (const [key, value] of Object.entries(input)) {
    if ((BOOLEAN_FAULTS as readonly string[]).includes(key)) {
      if (typeof value !== 'boolean') return bad(`\`${key}\` must be a boolean.`)
      faults[key as (typeof BOOLEAN_FAULTS)[number]] = value
    } else if ((COUNT_FAULTS as readonly string[]).includes(key)) {
      if (!Number.isInteger(value) || (value as number) < 0)
        return bad(`\`${key}\` must be a whole number.`)
      faults[key as (typeof COUNT_FAULTS)[number]] = value as number
    } else if (key === 'delivery_time_scale') {
      if (typeof value !== 'number' || !(value > 0) || value > 1)
        return bad('`delivery_time_scale` must be a number above 0, at most 1.')
      faults.delivery_time_scale = value
    } else {
      return bad(`Unknown fault: ${key}`)
    }
  }
  ctx.state.faults = faults
  // Switching out_of_order off releases the batch it held back.
  if (!faults.out_of_order) ctx.events.flush()
  return { status: 200, body: { faults } }
}

const SETTINGS = {
  webhook_url: 'webhookUrl',
  webhook_secret: 'webhookSecret',
  connect_webhook_url: 'connectWebhookUrl',
  connect_webhook_secret: 'connectWebhookSecret',
} as const

function setConfig(ctx: EmulatorContext, input: Record<string, unknown>): ControlResponse {
  for (const [key, value] of Object.entries(input)) {
    if (!(key in SETTINGS)) return bad(`Unknown setting: ${key}`)
    const isUrl = key.endsWith('_url')
    if (isUrl && value !== null && typeof value !== 'string')
      return bad(`\`${key}\` must be a string or null.`)
    if (!isUrl && (typeof value !== 'string' || !value)) return bad(`\`${key}\` must be a string.`)
  }
  const config = ctx.events.config as unknown as Record<string, string | undefined>
  for (const [key, value] of Object.entries(input)) {
    config[SETTINGS[key as keyof typeof SETTINGS]] = (value as string | null) ?? undefined
  }
  return {
    status: 200,
    body: {
      webhook_url: ctx.events.config.webhookUrl ?? null,
      connect_webhook_url: ctx.events.config.connectWebhookUrl ?? null,
    },
  }
}
