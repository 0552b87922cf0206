/**
 * Requests for one route of the OpenAPI document: path parameters (ids that exist, or odd
 * text), query strings, header parameters and a body of the declared media type, each valid
 * from the schema or hostile. A plan is drawn by fast-check; ids and signatures are filled in
 * when it is sent, since they depend on what earlier requests did.
 */
import fc from 'fast-check'

import { bodyArb } from './bodies.ts'
import { hugeString, numberTexts, oddString } from './hostile.ts'
import type { RawBody } from './multipart.ts'
import { type JsonSchema, valueOf } from './schema-arb.ts'
import { stripeEvent } from './signed.ts'

/** An OpenAPI parameter. */
export interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema: JsonSchema
}

/** The parts of an OpenAPI operation the fuzzer reads. */
export interface Operation {
  parameters?: Parameter[]
  requestBody?: { content: Record<string, { schema: JsonSchema }> }
  'x-permission'?: string
  'x-csrf'?: string
}

/** A path parameter: the n-th existing id, or literal text. */
export type PathValue = { known: number } | { text: string; encode: boolean }

/** A request before ids are known. */
export interface Plan {
  params: Record<string, PathValue>
  query: [string, string][]
  headers: Record<string, string>
  body: RawBody
  /** Sign the body with the endpoint secret (routes of CSRF class `signature`). */
  sign: boolean
}

const headerSafe = (s: string) => /^[\t\x20-\x7e]*$/.test(s)

const pathValue: fc.Arbitrary<PathValue> = fc.oneof(
  { weight: 6, arbitrary: fc.nat().map((known) => ({ known })) },
  {
    weight: 3,
    arbitrary: fc.record({
      text: fc.oneof(oddString, hugeString(100), fc.constantFrom('0', '-1', 'me', '%2e%2e')),
      encode: fc.constant(true),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      text: fc.constantFrom('%', '%zz', '%00', '%C0%AF', 'a%2Fb', '..', '.', ';x=1', '~'),
      encode: fc.constant(false),
    }),
  },
)

/** Text for a query or header parameter: valid for its schema, or (when `hostile`) not. */
function parameterText(
  schema: JsonSchema,
  ids: () => string[],
  hostile = true,
): fc.Arbitrary<string> {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type]
  const numeric = types.some((t) => t === 'integer' || t === 'number')
  const valid = valueOf(schema, schema, ids)
    .filter((v) => v !== null)
    .map((v) => (typeof v === 'string' ? v : String(v)))
  if (!hostile) return valid
  return fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: 2, arbitrary: numeric ? fc.constantFrom(...numberTexts(schema)) : oddString },
    { weight: 1, arbitrary: hugeString(schema.maxLength) },
  )
}

/** Query strings: half of them valid throughout, so one bad parameter does not hide the rest. */
function queryArb(parameters: Parameter[], ids: () => string[]): fc.Arbitrary<[string, string][]> {
  const declared = parameters.filter((p) => p.in === 'query')
  const entries = (hostile: boolean) =>
    declared.map((p) =>
      fc.option(
        fc
          .array(parameterText(p.schema, ids, hostile), {
            minLength: 1,
            maxLength: hostile ? 2 : 1,
          })
          .map((values) => values.map((v): [string, string] => [p.name, v])),
        // A valid query names a few parameters (an opaque cursor drawn at random never fits).
        { nil: [] as [string, string][], freq: hostile ? 3 : 1 },
      ),
    )
  const unknown = fc.option(fc.tuple(fc.string({ maxLength: 8 }), oddString), { nil: undefined })
  const valid = fc.tuple(...entries(false)).map((lists) => lists.flat())
  const hostile = fc
    .tuple(fc.tuple(...entries(true)), unknown)
    .map(([lists, extra]) => [...lists.flat(), ...(extra ? [extra] : [])])
  return fc.oneof(valid, hostile)
}

function headersArb(parameters: Parameter[], ids: () => string[]) {
  const declared = parameters.filter((p) => p.in === 'header')
  const entries = declared.map((p) =>
    fc.option(parameterText(p.schema, ids).filter(headerSafe), { nil: undefined }),
  )
  return fc
    .record({
      declared: fc.tuple(...entries),
      // A fresh client address per request, so the per-address rate limits rarely answer 429.
      address: fc.ipV4(),
      origin: fc.oneof(
        { weight: 8, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constantFrom('http://localhost:8787', 'https://evil.example') },
        { weight: 1, arbitrary: fc.constantFrom('null', '') },
      ),
    })
    .map(({ declared: values, address, origin }) => {
      const headers: Record<string, string> = { 'cf-connecting-ip': address }
      if (origin !== undefined) headers.origin = origin
      declared.forEach((p, i) => {
        const value = values[i]
        if (value !== undefined) headers[p.name] = value
      })
      return headers
    })
}

/** Plans of requests to `operation`. */
export function planArb(operation: Operation, ids: () => string[]): fc.Arbitrary<Plan> {
  const parameters = operation.parameters ?? []
  const names = parameters.filter((p) => p.in === 'path').map((p) => p.name)
  const signed = operation['x-csrf'] === 'signature'
  const events = stripeEvent(ids).map((event): RawBody => ({
    contentType: 'application/json',
    body: JSON.stringify(event),
  }))
  return fc.record({
    params: fc
      .tuple(...names.map(() => pathValue))
      .map((values) => Object.fromEntries(names.map((name, i) => [name, values[i] as PathValue]))),
    query: queryArb(parameters, ids),
    headers: headersArb(parameters, ids),
    body: signed ? fc.oneof(bodyArb(operation, ids), events) : bodyArb(operation, ids),
    sign: signed ? fc.boolean() : fc.constant(false),
  })
}

/** Percent-encoded UTF-8; a lone surrogate (which encodeURIComponent throws on) becomes U+FFFD. */
function encoded(text: string): string {
  const bytes = new TextEncoder().encode(text)
  return [...bytes]
    .map((b) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('')
}

/**
 * The path and query of a plan. A known id is drawn from `idsFor(segment)`, the segment being
 * the path's word before the parameter (`listings` in `/listings/{id}`), so ids come from the
 * table the path names.
 */
export function urlOf(template: string, plan: Plan, idsFor: (segment: string) => string[]): string {
  const path = template.replace(/([^/]*)\/\{([^}]+)\}/g, (_, segment: string, name: string) => {
    const value = plan.params[name]
    let text = 'missing'
    if (value && 'known' in value) {
      const ids = idsFor(segment)
      text = encoded(ids[value.known % Math.max(1, ids.length)] ?? 'x')
    } else if (value) {
      text = value.encode ? encoded(value.text) : value.text
    }
    return `${segment}/${text}`
  })
  const query = new URLSearchParams(plan.query).toString()
  return query ? `${path}?${query}` : path
}
