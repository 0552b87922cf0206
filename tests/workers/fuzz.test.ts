/**
 * Property-based fuzzing of every declared route, from the OpenAPI document the app serves
 * (its schemas are zod's, so a new route is fuzzed with no change here). As a caller its
 * permission lets through, each route gets valid requests and hostile ones; whatever arrives,
 * the answer is never a 5xx, always one the route declares, and a refused request (4xx)
 * leaves D1's row counts and R2's object list as they were (tests/workers/fuzz/property.ts).
 *
 * Seeded and bounded: `FUZZ_RUNS=2000` runs longer (`npm run test:fuzz`), `FUZZ_SEED=<n>`
 * replays the seed a failure printed.
 */
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'

import { type DeclaredRoute, declaredRoutes, routeFor } from './contract.ts'
import { Personas } from './fuzz/personas.ts'
import { fuzzRoute } from './fuzz/property.ts'
import { KNOWN_MEDIA_TYPES } from './fuzz/bodies.ts'
import type { Operation } from './fuzz/requests.ts'
import { call } from './helpers.ts'

/** Runs per route by default: the whole file takes about a minute on a busy 2-core machine. */
const DEFAULT_RUNS = 60
const runs = Number(env.FUZZ_RUNS) || DEFAULT_RUNS
const seed = env.FUZZ_SEED ? Number(env.FUZZ_SEED) : 7_2026_12
const timeout = 60_000 + runs * 2_000

let doc: { paths: Record<string, Record<string, Operation>> }
const personas = new Personas()

beforeAll(async () => {
  doc = await (await call('/api/v1/openapi.json')).json()
  // Made before the first snapshot, so that it counts this table too (see the self-test).
  await env.DB.prepare('CREATE TABLE fuzz_self_test (note TEXT)').run()
})

function operationOf(route: DeclaredRoute): Operation {
  const operation = doc.paths[route.path]?.[route.method.toLowerCase()]
  if (!operation) throw new Error(`${route.method} ${route.path} is not in the OpenAPI document`)
  return operation
}

const refusal = (status: number) =>
  Response.json({ error: { code: 'invalid_input', message: 'No.' } }, { status })

describe('the fuzzer itself', () => {
  it('knows the media type of every declared request body', () => {
    for (const route of declaredRoutes) {
      const types = Object.keys(route.config.request?.body?.content ?? {})
      for (const type of types) expect(KNOWN_MEDIA_TYPES, route.path).toContain(type)
    }
  })

  it('fails on a refusal that writes, and on a 5xx', async () => {
    const route = routeFor('POST', '/api/v1/listings')
    if (!route) throw new Error('no POST /api/v1/listings')
    const target = { route, operation: operationOf(route), personas, runs: 5, seed }
    const writes = async () => {
      await env.DB.prepare("INSERT INTO fuzz_self_test (note) VALUES ('refused')").run()
      return refusal(400)
    }
    await expect(fuzzRoute({ ...target, sender: writes })).rejects.toThrow(/changed storage/)
    const crashes = async () => refusal(500)
    await expect(fuzzRoute({ ...target, sender: crashes })).rejects.toThrow(/less than 500/)
    await expect(fuzzRoute({ ...target, sender: async () => refusal(400) })).resolves.toHaveLength(
      5,
    )
  })
})

describe('fuzzing every declared route', () => {
  for (const route of declaredRoutes) {
    const name = `${route.method} ${route.path}: no 5xx, declared answers, refusals change nothing`
    it(
      name,
      async () => {
        await personas.ensureVictim()
        const statuses = await fuzzRoute({
          route,
          operation: operationOf(route),
          personas,
          runs,
          seed,
        })
        // A run refused wholesale (no persona, or rate limited) would have tested nothing.
        const wholesale = statuses.filter((status) => status === 401 || status === 429)
        expect(wholesale.length, `${route.path}: ${statuses.join(' ')}`).toBeLessThan(runs / 2)
      },
      timeout,
    )
  }
})
