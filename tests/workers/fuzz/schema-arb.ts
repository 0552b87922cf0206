/**
 * Values that fit a JSON Schema (the subset zod 4's JSON Schema output uses), as fast-check
 * arbitraries. The schemas come from the app's OpenAPI document, which zod-openapi derives from
 * the routes' zod schemas, so the fuzzer follows a route's contract with no copy of it here.
 * Strings also draw on {@link plausibleStrings} (emails, URLs, dates, known ids): a schema that
 * only says "string" is often refined in zod (an email, a URL), and random text would never
 * get past the refinement to the code behind it.
 */
import fc from 'fast-check'

/** The JSON Schema keywords this module reads. */
export interface JsonSchema {
  type?: string | string[]
  enum?: unknown[]
  const?: unknown
  minLength?: number
  maxLength?: number
  pattern?: string
  format?: string
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number | boolean
  exclusiveMaximum?: number | boolean
  multipleOf?: number
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean | JsonSchema
  items?: JsonSchema | JsonSchema[]
  prefixItems?: JsonSchema[]
  minItems?: number
  maxItems?: number
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  allOf?: JsonSchema[]
  nullable?: boolean
  $ref?: string
  default?: unknown
}

/** Strings a refined "string" field may well accept, whatever its name. */
export const plausibleStrings = (extra: () => string[] = () => []) =>
  fc.oneof(
    fc.emailAddress(),
    fc.webUrl(),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    fc.uuid(),
    fc.string({ minLength: 1, maxLength: 40 }),
    fc.nat().map((i) => extra()[i % Math.max(1, extra().length)] ?? ''),
  )

/** A regex for a document's `pattern`; zod-to-openapi leaves flags like `/u` on the end. */
export function patternRegex(pattern: string): RegExp {
  const flagged = /^(.*)\/([a-z]+)$/.exec(pattern)
  if (flagged?.[1] && flagged[2]) {
    try {
      return new RegExp(flagged[1], flagged[2].includes('u') ? flagged[2] : `${flagged[2]}u`)
    } catch {
      // Not a flagged pattern after all: read it as written.
    }
  }
  return new RegExp(pattern, 'u')
}

function stringArb(schema: JsonSchema, extra: () => string[]): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0
  const max = schema.maxLength ?? Math.max(min, 200)
  if (schema.pattern) {
    const regex = patternRegex(schema.pattern)
    return fc.stringMatching(regex).filter((s) => s.length >= min && s.length <= max)
  }
  if (schema.format === 'binary') return fc.string({ maxLength: 64 })
  const fits = (s: string) => s.length >= min && s.length <= max
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength: min, maxLength: Math.min(max, min + 60) }) },
    { weight: 1, arbitrary: fc.string({ minLength: min, maxLength: max, unit: 'grapheme' }) },
    { weight: 3, arbitrary: plausibleStrings(extra).filter(fits) },
    { weight: 1, arbitrary: fc.constant('x'.repeat(max)) },
  )
}

function numberArb(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const exclusiveMin = typeof schema.exclusiveMinimum === 'number'
  const exclusiveMax = typeof schema.exclusiveMaximum === 'number'
  const lo = exclusiveMin ? (schema.exclusiveMinimum as number) : schema.minimum
  const hi = exclusiveMax ? (schema.exclusiveMaximum as number) : schema.maximum
  if (integer) {
    const min = lo === undefined ? -(2 ** 31) : Math.ceil(lo) + (exclusiveMin ? 1 : 0)
    const max = hi === undefined ? 2 ** 31 : Math.floor(hi) - (exclusiveMax ? 1 : 0)
    return fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max))
  }
  return fc.double({
    min: lo ?? -1e9,
    max: hi ?? 1e9,
    minExcluded: exclusiveMin,
    maxExcluded: exclusiveMax,
    noNaN: true,
  })
}

function objectArb(
  schema: JsonSchema,
  root: JsonSchema,
  extra: () => string[],
): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {}
  const required = new Set(schema.required ?? [])
  const model: Record<string, fc.Arbitrary<unknown>> = {}
  for (const [key, value] of Object.entries(properties)) model[key] = valueOf(value, root, extra)
  const known = fc.record(model, {
    requiredKeys: Object.keys(properties).filter((k) => required.has(k)),
  })
  const additional = schema.additionalProperties
  if (additional === undefined || additional === false) return known
  const valueArb =
    additional === true ? fc.jsonValue({ maxDepth: 2 }) : valueOf(additional, root, extra)
  return fc
    .tuple(known, fc.dictionary(fc.string({ maxLength: 12 }), valueArb, { maxKeys: 3 }))
    .map(([k, more]) => ({ ...more, ...(k as object) }))
}

function arrayArb(
  schema: JsonSchema,
  root: JsonSchema,
  extra: () => string[],
): fc.Arbitrary<unknown> {
  if (Array.isArray(schema.items) || schema.prefixItems) {
    const items = (schema.prefixItems ?? schema.items) as JsonSchema[]
    return fc.tuple(...items.map((item) => valueOf(item, root, extra)))
  }
  const item = schema.items ? valueOf(schema.items, root, extra) : fc.jsonValue({ maxDepth: 1 })
  return fc.array(item, { minLength: schema.minItems ?? 0, maxLength: schema.maxItems ?? 8 })
}

function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  if (!schema.$ref?.startsWith('#/')) return schema
  let node: unknown = root
  for (const part of schema.$ref.slice(2).split('/')) node = (node as Record<string, unknown>)[part]
  return node as JsonSchema
}

/**
 * An arbitrary of values that `schema` accepts (as far as JSON Schema can say: zod refinements
 * such as "a real email" are invisible in it). `root` resolves local `$ref`s; `extra` supplies
 * strings known at run time (ids of rows the test made), read when a value is drawn.
 */
export function valueOf(
  input: JsonSchema,
  root: JsonSchema = input,
  extra: () => string[] = () => [],
): fc.Arbitrary<unknown> {
  const schema = resolve(input, root)
  if ('const' in schema) return fc.constant(schema.const)
  if (schema.enum) return fc.constantFrom(...schema.enum)
  const union = schema.anyOf ?? schema.oneOf
  if (union) return fc.oneof(...union.map((s) => valueOf(s, root, extra)))
  if (schema.allOf?.length) return valueOf(Object.assign({}, ...schema.allOf), root, extra)
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []
  if (schema.nullable) types.push('null')
  if (types.length > 1) {
    return fc.oneof(...types.map((type) => valueOf({ ...schema, type }, root, extra)))
  }
  switch (types[0]) {
    case 'string':
      return stringArb(schema, extra)
    case 'integer':
      return numberArb(schema, true)
    case 'number':
      return numberArb(schema, false)
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array':
      return arrayArb(schema, root, extra)
    case 'object':
      return objectArb(schema, root, extra)
    default:
      return schema.properties ? objectArb(schema, root, extra) : fc.jsonValue({ maxDepth: 2 })
  }
}
