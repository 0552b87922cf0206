/**
 * The declared contract: the OpenAPI 3.1 document lists every route the app serves under
 * /api/v1 (and the webhook), each with a permission the rules know, and /api/docs shows it.
 */
import { describe, expect, it } from 'vitest'

import { knownPermissions } from '../../functions/lib/routes.ts'
import { app } from '../../functions/server.ts'
import { declaredRoutes, routeFor } from './contract.ts'
import { call, signUp } from './helpers.ts'

interface Operation {
  'x-permission'?: string
  'x-csrf'?: string
  responses?: Record<string, unknown>
  tags?: string[]
}

async function document() {
  const response = await call('/api/v1/openapi.json')
  expect(response.status).toBe(200)
  return (await response.json()) as {
    openapi: string
    info: { title: string; version: string }
    paths: Record<string, Record<string, Operation>>
  }
}

/** What the app serves (not middleware): method and path, in Hono's `:param` syntax. */
const served = app.routes
  .filter((route) => route.method !== 'ALL')
  .filter((route) => route.path.startsWith('/api/v1/') || route.path.startsWith('/webhooks/'))
  .map((route) => `${route.method} ${route.path}`)

const operations = (doc: Awaited<ReturnType<typeof document>>) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
  )

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with an info block and paths', async () => {
    const doc = await document()
    expect(doc.openapi).toMatch(/^3\.1\./)
    expect(doc.info).toMatchObject({ title: 'Fairstall API', version: '1' })
    expect(Object.keys(doc.paths).length).toBeGreaterThan(10)
  })

  it('lists every route the app serves under /api/v1 and /webhooks, and no other', async () => {
    const doc = await document()
    const documented = operations(doc).map(
      ({ path, method }) => `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`,
    )
    expect(served.length).toBeGreaterThan(20)
    expect(new Set(documented)).toEqual(new Set(served))
  })

  it('names, for every route, a permission the rules know, its CSRF class and answers', async () => {
    for (const { path, method, operation } of operations(await document())) {
      const where = `${method} ${path}`
      expect(knownPermissions.has(operation['x-permission'] ?? ''), where).toBe(true)
      expect(['json-api', 'signature'], where).toContain(operation['x-csrf'])
      expect(Object.keys(operation.responses ?? {}).length, where).toBeGreaterThan(0)
      expect(operation.tags?.length, where).toBe(1)
    }
  })

  it('writes patterns a client can compile, without the flags of a JavaScript literal', async () => {
    const text = JSON.stringify(await document())
    const patterns = [...text.matchAll(/"pattern":("(?:[^"\\]|\\.)*")/g)].map(
      (match) => JSON.parse(match[1] ?? '""') as string,
    )
    expect(patterns.length).toBeGreaterThan(3)
    for (const pattern of patterns) {
      expect(pattern, pattern).not.toMatch(/\/[dgimsuvy]*$/)
      expect(() => new RegExp(pattern, 'u'), pattern).not.toThrow()
    }
  })

  it('lists the body guard’s answers (400, 413, 415) on every route with a JSON body', async () => {
    for (const { path, method, operation } of operations(await document())) {
      const body = (operation as { requestBody?: { content?: Record<string, unknown> } })
        .requestBody
      // The webhook reads its raw body itself (the signature is over the bytes).
      if (!body?.content?.['application/json'] || operation['x-csrf'] === 'signature') continue
      expect(Object.keys(operation.responses ?? {}), `${method} ${path}`).toEqual(
        expect.arrayContaining(['400', '413', '415']),
      )
    }
  })

  it('marks only the webhook as signature-protected', async () => {
    const signed = operations(await document()).filter((o) => o.operation['x-csrf'] === 'signature')
    expect(signed.map((o) => o.path)).toEqual(['/webhooks/stripe'])
  })
})

describe('answers checked against their declared schema', () => {
  it('finds the declared route of a concrete path, literal segments first', () => {
    expect(routeFor('GET', '/api/v1/listings/lst_1')?.path).toBe('/api/v1/listings/{id}')
    expect(routeFor('PUT', '/api/v1/listings/lst_1/images/order')?.path).toBe(
      '/api/v1/listings/{id}/images/order',
    )
    expect(routeFor('GET', '/api/v1/nothing')).toBeUndefined()
    expect(declaredRoutes.length).toBe(new Set(served).size)
  })

  it('refuses a body that does not fit the schema', async () => {
    const route = routeFor('GET', '/api/v1/me')
    const answer = route?.config.responses[200]
    const media = answer && 'content' in answer ? answer.content?.['application/json'] : undefined
    const schema = media && 'schema' in media ? media.schema : undefined
    expect(schema && 'safeParse' in schema).toBe(true)
    if (schema && 'safeParse' in schema) {
      expect(schema.safeParse({ id: 1 }).success).toBe(false)
      const me = await (await call('/api/v1/me', { as: await signUp() })).json()
      expect(schema.safeParse(me).success).toBe(true)
    }
  })
})

describe('/api/docs', () => {
  it('renders every path and who may call it, with no third-party script or style', async () => {
    const response = await call('/api/docs')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/text\/html/)
    const html = await response.text()
    for (const { path, method, operation } of operations(await document())) {
      expect(html, `${method} ${path}`).toContain(`${path}</code>`)
      expect(html).toContain(`<code>${operation['x-permission']}</code>`)
    }
    expect(html).toContain('<h1>Fairstall API</h1>')
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '')
    expect(sources.filter((s) => /^(https?:)?\/\//.test(s))).toEqual([])
  })
})
