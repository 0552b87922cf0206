/**
 * Request bodies of the declared media types: JSON (valid for the schema, mutated, or not JSON
 * at all, mostly sent as application/json) and multipart uploads. A route that declares no
 * body sometimes gets one anyway: it must not care.
 */
import fc from 'fast-check'

import { malformedJson, mutate } from './hostile.ts'
import { type RawBody, multipartBody } from './multipart.ts'
import { type JsonSchema, valueOf } from './schema-arb.ts'
import type { Operation } from './requests.ts'

/** The media types a body may be fuzzed as; any other fails the suite (see fuzz.test.ts). */
export const KNOWN_MEDIA_TYPES = ['application/json', 'multipart/form-data']

const otherContentTypes = fc.constantFrom(
  undefined,
  'text/plain',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json-patch+json',
  'application/jsonx',
)

/** JSON bodies: valid, mutated or malformed, mostly with the right content type. */
export function jsonBodyArb(schema: JsonSchema, ids: () => string[]): fc.Arbitrary<RawBody> {
  const valid = valueOf(schema, schema, ids)
  const value = fc.oneof(
    valid,
    valid.chain((v) => mutate(schema, v)),
  )
  const text = fc.oneof(
    { weight: 8, arbitrary: value.map((v) => JSON.stringify(v) ?? '') },
    { weight: 2, arbitrary: valid.chain((v) => malformedJson(JSON.stringify(v) ?? '')) },
  )
  const contentType = fc.oneof(
    { weight: 8, arbitrary: fc.constant('application/json') },
    { weight: 1, arbitrary: otherContentTypes },
  )
  return fc.record({ contentType, body: text })
}

/** Bodies for `operation`; throws for a media type the fuzzer does not know. */
export function bodyArb(operation: Operation, ids: () => string[]): fc.Arbitrary<RawBody> {
  const content = operation.requestBody?.content ?? {}
  const bodies = Object.entries(content).map(([media, { schema }]) => {
    if (media === 'application/json') return jsonBodyArb(schema, ids)
    if (media === 'multipart/form-data') return multipartBody
    throw new Error(`the fuzzer does not know the body media type ${media}`)
  })
  if (bodies.length) return fc.oneof(...bodies)
  // A route that reads no body must not care about one.
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant({ contentType: undefined, body: undefined }) },
    { weight: 1, arbitrary: jsonBodyArb({}, ids) },
  )
}
