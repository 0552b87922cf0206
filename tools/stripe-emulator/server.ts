import type { IncomingMessage, ServerResponse } from 'node:http'

import type { ApiRoute, EmulatorContext } from './context'
import { handleControl } from './control'
import { StripeApiError } from './errors'
import { expandObject } from './expand'
import { decodeForm, FormShapeError } from './form'
import { checkoutPage, dashboardPage, onboardingPage, type PageResponse } from './hosted'
import { newId } from './ids'
import { balanceRoutes } from './objects/balance'
import { chargeRoutes } from './objects/charges'
import { checkoutRoutes } from './objects/checkout'
import { connectRoutes } from './objects/connect'
import { disputeRoutes } from './objects/disputes'
import { refundRoutes } from './objects/refunds'
import { transferRoutes } from './objects/transfers'
import { eventRoutes } from './objects/events'
import { catchUp } from './sweep'
import { API_VERSION, type RequestContext } from './webhooks'

const routes: ApiRoute[] = [
  ...checkoutRoutes,
  ...chargeRoutes,
  ...balanceRoutes,
  ...refundRoutes,
  ...disputeRoutes,
  ...connectRoutes,
  ...transferRoutes,
  ...eventRoutes,
]

/** Stripe's own limit on a request body is far larger than anything the app sends. */
const MAX_BODY_BYTES = 1024 * 1024

const NO_KEY_MESSAGE =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/."

interface ApiResponse {
  status: number
  body: string
  headers?: Record<string, string>
}

/** Builds the request listener: `/v1` API, hosted pages, and the `/_emulator` control API. */
export function createRequestHandler(ctx: EmulatorContext) {
  return async function handleRequest(req: IncomingMessage, res: ServerResponse) {
    try {
      const body = await readBody(req)
      const url = new URL(req.url ?? '/', 'http://emulator')
      const method = req.method ?? 'GET'
      // Stripe expires sessions and settles funds on its own clock; catching up on each
      // request keeps reads honest.
      catchUp(ctx)
      if (url.pathname.startsWith('/v1/')) {
        const requestId = newId('req', 14)
        const answer = handleApi(ctx, req, method, url, body, requestId)
        res.writeHead(answer.status, {
          'content-type': 'application/json',
          'request-id': requestId,
          'stripe-version': String(req.headers['stripe-version'] ?? API_VERSION),
          ...answer.headers,
        })
        res.end(answer.body)
      } else if (url.pathname.startsWith('/_emulator/')) {
        const answer = await handleControl(ctx, method, url.pathname, url.searchParams, body)
        sendJson(res, answer.status, answer.body)
      } else {
        sendPage(res, handlePage(ctx, method, url.pathname, new URLSearchParams(body)))
      }
    } catch (error) {
      // Never let one bad request take the emulator down.
      console.error('stripe-emulator:', error)
      if (!res.headersSent)
        sendJson(res, 500, {
          error: { type: 'api_error', message: 'Emulator error' },
        })
      else res.end()
    }
  }
}

function handlePage(
  ctx: EmulatorContext,
  method: string,
  path: string,
  form: URLSearchParams,
): PageResponse {
  const pay = /^\/c\/pay\/([^/]+)$/.exec(path)
  if (pay) return checkoutPage(ctx, method, decodeURIComponent(pay[1] as string), form)
  const onboarding = /^\/setup\/e\/[^/]+\/([^/]+)$/.exec(path)
  if (onboarding) return onboardingPage(ctx, method, decodeURIComponent(onboarding[1] as string))
  const dashboard = /^\/express\/([^/]+)\/[^/]+$/.exec(path)
  if (dashboard) return dashboardPage(ctx, decodeURIComponent(dashboard[1] as string))
  return { status: 404, html: 'Not found' }
}

function handleApi(
  ctx: EmulatorContext,
  req: IncomingMessage,
  method: string,
  url: URL,
  body: string,
  requestId: string,
): ApiResponse {
  const key = apiKey(req.headers.authorization)
  if (!key) return errorResponse(new StripeApiError(401, 'invalid_request_error', NO_KEY_MESSAGE))
  if (!/^(sk|rk)_test_\w+$/.test(key)) {
    const message = `Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`
    return errorResponse(new StripeApiError(401, 'invalid_request_error', message))
  }
  // A failure before the endpoint runs (a lock timeout, a front end failing): nothing saved
  // under the Idempotency-Key, and Stripe tells the client a retry is safe.
  if (ctx.state.faults.fail_api_requests_transient > 0) {
    ctx.state.faults.fail_api_requests_transient -= 1
    return { ...errorResponse(injectedError()), headers: { 'stripe-should-retry': 'true' } }
  }
  let match: RegExpExecArray | null = null
  const route = routes.find((r) => r.method === method && (match = r.path.exec(url.pathname)))
  if (!route || !match) {
    const message = `Unrecognized request URL (${method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`
    return errorResponse(new StripeApiError(404, 'invalid_request_error', message))
  }
  const ids = (match as RegExpExecArray).slice(1).map((id) => decodeURIComponent(id))
  const text = method === 'GET' ? url.search.slice(1) : body
  const idempotencyKey = method === 'POST' ? headerValue(req.headers['idempotency-key']) : undefined
  // Same parameters in any order are the same request, as at Stripe.
  const fingerprint = `${method} ${url.pathname}\n${[...new URLSearchParams(text)].map(String).sort().join('&')}`
  if (idempotencyKey) {
    const stored = ctx.state.idempotency.get(idempotencyKey)
    if (stored && stored.fingerprint !== fingerprint) {
      const message = `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`
      return errorResponse(new StripeApiError(400, 'idempotency_error', message))
    }
    if (stored) {
      const headers = {
        'idempotent-replayed': 'true',
        'idempotency-key': idempotencyKey,
        'original-request': stored.requestId,
        ...(stored.status >= 500 && { 'stripe-should-retry': 'false' }),
      }
      return { status: stored.status, body: stored.body, headers }
    }
  }
  const answer = runEndpoint(ctx, route, text, ids, {
    id: requestId,
    idempotency_key: idempotencyKey ?? null,
  })
  // Stripe saves the result once the endpoint began, whatever it was, 500s included; requests
  // refused by validation are not saved, so a corrected retry with the same key runs.
  if (idempotencyKey && !answer.validation) {
    ctx.state.idempotency.set(idempotencyKey, {
      fingerprint,
      status: answer.status,
      body: answer.body,
      requestId,
    })
  }
  answer.headers = {
    ...(idempotencyKey && { 'idempotency-key': idempotencyKey }),
    // A replay of this 500 would answer the same, so stripe-node should not retry it.
    ...(answer.status >= 500 && { 'stripe-should-retry': 'false' }),
  }
  return answer
}

function injectedError() {
  const message = 'An unknown error occurred (injected by the emulator).'
  return new StripeApiError(500, 'api_error', message)
}

/** Runs the endpoint with its request named on the events it sends, or the injected 500. */
function runEndpoint(
  ctx: EmulatorContext,
  route: ApiRoute,
  text: string,
  ids: string[],
  request: RequestContext,
) {
  if (ctx.state.faults.fail_api_requests > 0) {
    ctx.state.faults.fail_api_requests -= 1
    return errorResponse(injectedError()) as ApiResponse & { validation?: boolean }
  }
  ctx.events.request = request
  try {
    return runRoute(ctx, route, text, ids)
  } finally {
    ctx.events.request = { id: null, idempotency_key: null }
  }
}

function runRoute(ctx: EmulatorContext, route: ApiRoute, text: string, ids: string[]) {
  try {
    const form = decodeForm(text)
    const result = route.handle(ctx, form, ids)
    const expand = Array.isArray(form.expand)
      ? form.expand.filter((p) => typeof p === 'string')
      : []
    const body = JSON.stringify(
      expand.length ? expandObject(ctx.state, result, expand) : result,
      null,
      2,
    )
    return { status: 200, body } as ApiResponse & { validation?: boolean }
  } catch (error) {
    if (error instanceof FormShapeError) {
      const invalid = new StripeApiError(
        400,
        'invalid_request_error',
        error.message,
        'parameter_invalid',
        error.param,
        true,
      )
      return { ...errorResponse(invalid), validation: true }
    }
    if (!(error instanceof StripeApiError)) throw error
    return { ...errorResponse(error), validation: error.validation }
  }
}

function errorResponse(error: StripeApiError): ApiResponse {
  return {
    status: error.status,
    body: JSON.stringify(error.toBody(), null, 2),
  }
}

/** The key from `Bearer sk_test_…`, or from Basic auth's user name (`curl -u sk_test_…:`). */
function apiKey(header: string | undefined): string | undefined {
  if (!header) return undefined
  const [scheme, value = ''] = header.trim().split(/\s+/, 2)
  if (scheme?.toLowerCase() === 'bearer') return value || undefined
  if (scheme?.toLowerCase() === 'basic')
    return Buffer.from(value, 'base64').toString().split(':')[0] || undefined
  return undefined
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value || undefined
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new Error('Request body too large'))
        req.destroy()
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

function sendPage(res: ServerResponse, page: PageResponse) {
  const headers: Record<string, string> = {
    'content-type': 'text/html; charset=utf-8',
  }
  if (page.location) headers.location = page.location
  res.writeHead(page.status, headers)
  res.end(page.html ?? '')
}
