import type { EmulatorContext } from './context'
import { StripeApiError } from './errors'
import { closeDispute } from './objects/payments'
import { noFaults, type Faults } from './state'

/** A JSON answer from the control API. */
export interface ControlResponse {
  status: number
  body: unknown
}

const bad = (message: string): ControlResponse => ({
  status: 400,
  body: { error: { message } },
})

/**
 * The test-only control API under `/_emulator`. It is not Stripe's; it lets tests read the
 * exact signed events and switch faults on and off. JSON in, JSON out.
 */
export function handleControl(
  ctx: EmulatorContext,
  method: string,
  path: string,
  query: URLSearchParams,
  body: string,
): ControlResponse {
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
  if (route === 'POST /_emulator/faults') return setFaults(ctx, input)
  if (route === 'POST /_emulator/reset-faults') {
    ctx.state.faults = noFaults()
    return { status: 200, body: { faults: ctx.state.faults } }
  }
  if (route === 'POST /_emulator/config') return setConfig(ctx, input)
  if (route === 'GET /_emulator/health') return { status: 200, body: { ok: true } }
  const dispute = /^POST \/_emulator\/disputes\/([^/]+)\/close$/.exec(route)
  if (dispute) {
    const status = input.status
    if (status !== 'won' && status !== 'lost') return bad('`status` must be "won" or "lost".')
    try {
      return {
        status: 200,
        body: closeDispute(ctx, dispute[1] as string, status),
      }
    } catch (error) {
      if (error instanceof StripeApiError) return { status: error.status, body: error.toBody() }
      throw error
    }
  }
  return {
    status: 404,
    body: { error: { message: `Unknown control route: ${route}` } },
  }
}

function setFaults(ctx: EmulatorContext, input: Record<string, unknown>): ControlResponse {
  const faults: Faults = { ...ctx.state.faults }
  for (const [key, value] of Object.entries(input)) {
    if (key === 'duplicate_deliveries' || key === 'out_of_order') {
      if (typeof value !== 'boolean') return bad(`\`${key}\` must be a boolean.`)
      faults[key] = value
    } else if (key === 'delay_ms' || key === 'fail_api_requests') {
      if (!Number.isInteger(value) || (value as number) < 0)
        return bad(`\`${key}\` must be a whole number.`)
      faults[key] = value as number
    } else {
      return bad(`Unknown fault: ${key}`)
    }
  }
  ctx.state.faults = faults
  return { status: 200, body: { faults } }
}

function setConfig(ctx: EmulatorContext, input: Record<string, unknown>): ControlResponse {
  const { webhook_url: url, webhook_secret: secret, ...rest } = input
  const unknown = Object.keys(rest)[0]
  if (unknown) return bad(`Unknown setting: ${unknown}`)
  if (url !== undefined && url !== null && typeof url !== 'string')
    return bad('`webhook_url` must be a string or null.')
  if (secret !== undefined && (typeof secret !== 'string' || !secret))
    return bad('`webhook_secret` must be a string.')
  if (url !== undefined) ctx.events.config.webhookUrl = url ?? undefined
  if (secret !== undefined) ctx.events.config.webhookSecret = secret
  return {
    status: 200,
    body: { webhook_url: ctx.events.config.webhookUrl ?? null },
  }
}
