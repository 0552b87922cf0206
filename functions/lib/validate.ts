/**
 * Request input: every endpoint names one zod schema for its body or query, and these helpers
 * turn whatever arrived into either typed data or a 4xx of spec/api.md with `fields`.
 */
import type { Context } from 'hono'
import type { z } from 'zod'

import { AppError } from './errors.ts'

/** JSON bodies are small: the largest (a seller statement) is a few kB. */
export const MAX_JSON_BYTES = 64 * 1024

/** Maps zod issues to `{ field: message }`, the first message per field. */
export function fieldsFromIssues(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] ??= 'Unknown field.'
      continue
    }
    const name = issue.path.length ? issue.path.join('.') : '_'
    fields[name] ??= messageFor(issue)
  }
  return fields
}

function messageFor(issue: z.core.$ZodIssue): string {
  // zod's default for a missing key says "expected string, received undefined": say it plainly.
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return 'Required.'
  return issue.message.endsWith('.') ? issue.message : `${issue.message}.`
}

/** Validates `value` against `schema`, throwing a 400 `invalid_input` with `fields` when it fails. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  throw new AppError(
    400,
    'invalid_input',
    'Some fields need attention.',
    fieldsFromIssues(result.error.issues),
  )
}

/**
 * Reads a request body as text, refusing more than `maxBytes` (413) without buffering past it,
 * whether or not the client declared a Content-Length.
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0')
  if (declared > maxBytes) throw tooLarge(maxBytes)
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel()
      throw tooLarge(maxBytes)
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return new TextDecoder().decode(bytes)
}

function tooLarge(maxBytes: number) {
  return new AppError(
    413,
    'payload_too_large',
    `The request body is larger than ${maxBytes} bytes.`,
  )
}

/** True when the request declares the given media type (parameters such as charset ignored). */
export function hasMediaType(request: Request, type: string): boolean {
  const header = request.headers.get('content-type') ?? ''
  return header.split(';')[0]?.trim().toLowerCase() === type
}

/**
 * Parses a JSON body against `schema`: 415 for another content type, 413 when too large,
 * 400 `invalid_json` when it does not parse, 400 `invalid_input` with `fields` when it does
 * not fit the schema.
 */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  if (!hasMediaType(c.req.raw, 'application/json')) {
    throw new AppError(415, 'unsupported_media_type', 'Send the body as application/json.')
  }
  const text = await readBodyText(c.req.raw, MAX_JSON_BYTES)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new AppError(400, 'invalid_json', 'The body is not valid JSON.')
  }
  return parseWith(schema, value)
}

/** Parses the query string against `schema` (400 with `fields` on failure). */
export function queryParams<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return parseWith(schema, c.req.query())
}

/** The outcome of a page form: typed data, or the errors to show beside the fields. */
export type FormResult<T> =
  | { ok: true; data: T; raw: Record<string, string> }
  | { ok: false; errors: Record<string, string>; raw: Record<string, string> }

/**
 * Reads an HTML form post (urlencoded) for the no-JavaScript pages. Unlike {@link jsonBody} it
 * returns the errors so the page can show them beside the fields. `_csrf` is read separately.
 */
export async function formBody<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<FormResult<z.output<S>>> {
  if (!hasMediaType(c.req.raw, 'application/x-www-form-urlencoded')) {
    throw new AppError(415, 'unsupported_media_type', 'Send the form as urlencoded data.')
  }
  const text = await readBodyText(c.req.raw, MAX_JSON_BYTES)
  const raw: Record<string, string> = {}
  for (const [key, value] of new URLSearchParams(text)) raw[key] = value
  const { _csrf: _ignored, ...fields } = raw
  const result = schema.safeParse(fields)
  if (result.success) return { ok: true, data: result.data, raw }
  return { ok: false, errors: fieldsFromIssues(result.error.issues), raw }
}
