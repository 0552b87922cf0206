/**
 * Declaring a JSON route once: method, path, input and answer schemas, who may call it, its
 * rate limit and CSRF class. `declareRoute` builds @hono/zod-openapi's route config from that
 * (so the OpenAPI document is generated from the same declaration) and puts the permission
 * check and our body guard in front of the validators, so a route cannot be mounted without
 * passing its checks. Handlers read parsed input with `c.req.valid(...)`.
 */
import { OpenAPIHono, createRoute } from '@hono/zod-openapi'
import type { RouteConfig } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import type { z } from 'zod'

import type { AppEnv } from '../app.ts'
import { allow } from '../access/api.ts'
import { type Permission, type RoutePermission, rules } from '../access/rules.ts'
import { AppError } from './errors.ts'
import { errors, jsonAnswer } from './responses.ts'
import { fieldsFromIssues, readJsonBody } from './validate.ts'

/** How a route resists cross-site requests: the Origin guard of JSON APIs, or a signature. */
export type CsrfClass = 'json-api' | 'signature'

/** The rate limits a route is subject to (enforced in its service, where the key is known). */
export type RateLimitClass = 'signUp' | 'signIn'

/** A JSON Schema object, for bodies documented but not parsed by zod. */
export type PlainSchema = {
  type: 'object'
  properties: Record<string, object>
  required?: string[]
}

export { jsonAnswer }

/** What a declaration adds to zod-openapi's route config. */
export interface Declared<E extends AppEnv = AppEnv> {
  /** The feature it belongs to: the tag it is listed under in the docs. */
  tag: string
  permission: RoutePermission
  csrf: CsrfClass
  rateLimit?: RateLimitClass
  /** Replaces the default message of a 403 from the permission rule. */
  message?: string
  /** Runs after the permission check and before the body (e.g. loading the listing). */
  middleware?: MiddlewareHandler<E>[]
}

/** A JSON request body, validated against `schema` before the handler runs. */
export const jsonBody = <S extends z.ZodType>(schema: S) => ({
  content: { 'application/json': { schema } },
  required: true as const,
})

/**
 * A body the handler reads itself (a streamed upload). Its schema is plain JSON Schema, not
 * zod, so zod-openapi documents it without buffering the body to validate it.
 */
export const rawBody = (mediaType: string, schema: PlainSchema, description: string) => ({
  description,
  content: { [mediaType]: { schema } },
  required: true as const,
})

/**
 * Rules decided on a loaded resource (the service applies them); the route itself can only
 * check what every one of them starts with: a signed-in viewer.
 */
const RESOURCE_RULES: Record<Exclude<RoutePermission, Permission>, Permission> = {
  listingSeller: 'signedIn',
}

/** The Permission names a declaration may use: the viewer rules and the resource rules. */
export const knownPermissions = new Set<string>([
  ...Object.keys(rules),
  ...Object.keys(RESOURCE_RULES),
])

/**
 * Our JSON body rules ({@link readJsonBody}: 415, 413, 400 `invalid_json`) before zod-openapi's
 * validator sees the body. The parsed value is cached on the request, where the validator reads it.
 */
const jsonGuard: MiddlewareHandler<AppEnv> = async function jsonGuard(c, next) {
  const value = await readJsonBody(c.req.raw)
  c.req.bodyCache.json = Promise.resolve(value)
  await next()
}

/**
 * The createRoute config of a declaration, with our extensions (`x-permission`, `x-csrf`,
 * `x-rate-limit`) and, in front of the validators, the permission check, the route's own
 * middleware and (for a JSON body) {@link jsonGuard}.
 */
export function declareRoute<
  R extends Omit<RouteConfig, 'middleware' | 'tags'>,
  E extends AppEnv = AppEnv,
>(config: R & Declared<E>): R {
  const { tag, permission, csrf, rateLimit, message, middleware = [], ...route } = config
  const rule = permission === 'listingSeller' ? RESOURCE_RULES[permission] : permission
  const check = allow(rule, message)
  // Only a zod schema is validated; a plain one (rawBody) is the handler's to read.
  const json: object | undefined = route.request?.body?.content['application/json']
  const schema: unknown = json && 'schema' in json ? json.schema : undefined
  const hasJson = typeof schema === 'object' && schema !== null && 'safeParse' in schema
  return createRoute({
    ...route,
    tags: [tag],
    'x-permission': permission,
    'x-csrf': csrf,
    ...(rateLimit && { 'x-rate-limit': rateLimit }),
    responses: {
      // The Origin guard (functions/lib/security.ts) may refuse any state change: 403.
      ...(csrf === 'json-api' && route.method !== 'get' && { 403: errors[403] }),
      // The body guard's answers, whatever the route's own are.
      ...(hasJson && { 400: errors[400], 413: errors[413], 415: errors[415] }),
      ...route.responses,
    },
    middleware: [check, ...middleware, ...(hasJson ? [jsonGuard] : [])],
  }) as unknown as R
}

/** Validation failures answer in our error shape: 400 `invalid_input` with `fields`. */
export function validationHook(result: { success: boolean; error?: z.ZodError }): void {
  if (result.success || !result.error) return
  throw new AppError(
    400,
    'invalid_input',
    'Some fields need attention.',
    fieldsFromIssues(result.error.issues),
  )
}

/** A feature's router of declared routes, typed with the app's bindings and variables. */
export const apiRouter = <E extends AppEnv = AppEnv>() =>
  new OpenAPIHono<E>({ defaultHook: validationHook })
