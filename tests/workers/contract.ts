/**
 * The declared contract, for tests: every route of the app's OpenAPI registry with its zod
 * response schemas, and a check that an answer is one its route declares (status and body).
 * `call()` runs it on every /api/v1 and /webhooks answer, so the document cannot lie.
 */
import type { RouteConfig } from '@hono/zod-openapi'
import type { z } from 'zod'

import { app } from '../../functions/server.ts'

/** A declared route, with the pattern its OpenAPI path matches. */
export interface DeclaredRoute {
  method: string
  path: string
  pattern: RegExp
  config: RouteConfig & { 'x-permission'?: string; 'x-csrf'?: string }
}

/** Every route declared on the app. */
export const declaredRoutes: DeclaredRoute[] = app.openAPIRegistry.definitions
  .flatMap((definition) => (definition.type === 'route' ? [definition.route] : []))
  .map((config) => ({
    method: config.method.toUpperCase(),
    path: config.path,
    pattern: new RegExp(`^${config.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    config,
  }))
  // Literal segments win over parameters, as in the router.
  .sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0))

/** The declared route serving `method path`, if any. */
export function routeFor(method: string, path: string): DeclaredRoute | undefined {
  return declaredRoutes.find((route) => route.method === method && route.pattern.test(path))
}

function schemaOf(route: DeclaredRoute, status: number): z.ZodType | undefined {
  const answer = route.config.responses[status]
  if (!answer || !('content' in answer)) return undefined
  const media = answer.content?.['application/json']
  return media && 'schema' in media ? (media.schema as z.ZodType) : undefined
}

/**
 * Throws when the answer to `method url` is not one its declared route lists: an undeclared
 * status, or a JSON body that does not match the declared schema. Other paths pass.
 */
export async function checkAnswer(method: string, url: string, response: Response) {
  const path = new URL(url).pathname
  if (!path.startsWith('/api/v1/') && !path.startsWith('/webhooks/')) return
  const route = routeFor(method, path)
  if (!route) return // the 404 of an unknown address; openapi.test.ts checks coverage
  const where = `${method} ${path} answered ${response.status}`
  if (!(response.status in route.config.responses)) {
    throw new Error(`${where}, a status its declaration (${route.path}) does not list`)
  }
  // A declared non-JSON answer (a CSV export) is checked for its media type only.
  const mediaType = response.headers.get('content-type')?.split(';')[0]?.trim()
  const answer = route.config.responses[response.status]
  if (mediaType && mediaType !== 'application/json' && answer && 'content' in answer) {
    if (answer.content?.[mediaType]) return
    throw new Error(`${where} as ${mediaType}, a media type its declaration does not list`)
  }
  const schema = schemaOf(route, response.status)
  if (!schema) return
  const result = schema.safeParse(await response.json())
  if (!result.success) {
    throw new Error(
      `${where} with a body its schema refuses: ${JSON.stringify(result.error.issues)}`,
    )
  }
}
