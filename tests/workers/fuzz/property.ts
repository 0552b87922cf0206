/**
 * The fuzzer's property for one route: whatever request arrives, the answer is never a 5xx
 * and always one the route declares (checked by `call()`),
 * and a refused request (4xx) leaves D1's row counts and R2's object list as they were.
 */
import fc from 'fast-check'
import { expect } from 'vitest'

import type { DeclaredRoute } from '../contract.ts'
import type { Client } from '../helpers.ts'
import { call } from '../helpers.ts'
import type { Personas } from './personas.ts'
import { type Operation, type Plan, planArb, urlOf } from './requests.ts'
import { signatureOf } from './signed.ts'
import { snapshot } from './snapshot.ts'

/** Sends a request; the default is the app itself, a self-test passes a misbehaving fake. */
export type Sender = (path: string, init: RequestInit & { as?: Client }) => Promise<Response>

/** What one fuzzed route needs. */
export interface FuzzTarget {
  route: DeclaredRoute
  operation: Operation
  personas: Personas
  runs: number
  seed: number
  sender?: Sender
}

/** Sends a plan as `client`, as bytes (a string body would get a text/plain type). */
async function send(target: FuzzTarget, plan: Plan, client: Client | undefined) {
  const { route, personas, sender = call } = target
  const headers = new Headers(plan.headers)
  const { contentType, body } = plan.body
  if (contentType !== undefined) headers.set('content-type', contentType)
  if (plan.sign && typeof body === 'string') {
    headers.set('stripe-signature', await signatureOf(body))
  }
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body
  // A GET or HEAD cannot carry a body (the Request constructor throws).
  const bodyless = route.method === 'GET' || route.method === 'HEAD'
  const path = urlOf(route.path, plan, personas.idsFor)
  const response = await sender(path, {
    method: route.method,
    headers,
    body: bodyless ? undefined : bytes,
    as: client,
  })
  await response.arrayBuffer()
  return response
}

/** The request, short enough to read in a failure message. */
function describeRequest({ route, personas }: FuzzTarget, plan: Plan) {
  const { contentType, body } = plan.body
  const shown = typeof body === 'string' ? body.slice(0, 300) : `${body?.byteLength ?? 0} bytes`
  const url = urlOf(route.path, plan, personas.idsFor).slice(0, 300)
  return `${route.method} ${url} (${contentType ?? 'no content type'}) ${shown}`
}

/** Runs the property over `runs` requests; returns the statuses answered, in order. */
export async function fuzzRoute(target: FuzzTarget): Promise<number[]> {
  const { operation, personas, runs, seed } = target
  const permission = operation['x-permission'] ?? ''
  const statuses: number[] = []
  await fc.assert(
    fc.asyncProperty(planArb(operation, personas.ids), async (plan) => {
      const client = await personas.caller(permission)
      const before = await snapshot()
      const where = describeRequest(target, plan)
      const response = await send(target, plan, client)
      statuses.push(response.status)
      expect(response.status, where).toBeLessThan(500)
      if (response.status >= 400) {
        const after = await snapshot()
        expect(after, `${where} answered ${response.status} and changed storage`).toEqual(before)
      } else {
        // Whatever it changed is fine; the caller may have lost its permission (a sign-out).
        await personas.recheck(permission)
      }
    }),
    // No shrinking: each step is a real request against state that earlier ones changed, so
    // the first failure (with its seed and path) is the one worth reading.
    { seed, numRuns: runs, endOnFailure: true, includeErrorInReport: true },
  )
  return statuses
}
