/**
 * Request input: every endpoint names one zod schema for its body or query, and these helpers
 * turn whatever arrived into either typed data or a 4xx of spec/api.md with `fields`.
 */
import type { Context } from 'hono'
import { z } from 'zod'

import { AppError } from './errors.ts'

/**
 * Characters no text field stores: C0 controls (a multi-line field keeps \n and \t), DEL, C1
 * controls and lone surrogates. NUL truncates strings in SQLite's functions (a title of "\0…"
 * has length 0 there), CR/LF forge headers, and a lone surrogate cannot be encoded as UTF-8,
 * so it would be stored as U+FFFD, a different string from the one that was checked.
 */
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f]|\p{Cs}/u
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]|\p{Cs}/u
/** Bidi embedding, override and isolate controls: they reorder what follows them on screen. */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/u
/** Something a person can see: a letter, a digit, a symbol or punctuation. */
const VISIBLE = /[\p{L}\p{N}\p{S}\p{P}]/u

/** Length as people count it: code points, so an emoji is one character, not two. */
export const codePoints = (value: string) => [...value].length

/** Whether `value` holds a character no text field accepts (see {@link text}). */
export function hasForbiddenCharacters(value: string, multiline = false): boolean {
  return (multiline ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).test(value)
}

/** Options of {@link text}. */
export interface TextOptions {
  /** Most characters (code points, after normalisation and trimming). */
  max: number
  /** Fewest characters; 0 by default. */
  min?: number
  /** Keeps line breaks and tabs (a description); other fields refuse them. */
  multiline?: boolean
  /** A person's or a shop's name: also needs a visible character and refuses bidi controls. */
  name?: boolean
  /** The message for a missing value or one shorter than `min`. */
  required?: string
}

/**
 * The one schema of a free-text field: NFC-normalised, trimmed (a multi-line field's CRLF, as
 * browsers send a textarea, becomes LF), refusing control characters and lone surrogates, and
 * counting length in code points. Every text field of every request schema uses it.
 */
export function text(options: TextOptions) {
  const { max, min = 0, multiline = false, name = false } = options
  const required = options.required ?? 'Required.'
  let schema = z
    .string({ error: required })
    .overwrite((value) => (multiline ? value.replace(/\r\n?/g, '\n') : value))
    .overwrite((value) => value.normalize('NFC').trim())
    .refine((value) => !hasForbiddenCharacters(value, multiline), {
      message: multiline
        ? 'Remove the control characters: only text, line breaks and tabs are allowed.'
        : 'Remove the control characters: only text on one line is allowed.',
      abort: true,
    })
    .refine((value) => codePoints(value) >= min, { message: required, abort: true })
    .refine((value) => codePoints(value) <= max, `Use at most ${max} characters.`)
  if (name) {
    schema = schema
      .refine((value) => !BIDI_CONTROLS.test(value), 'Remove the text-direction controls.')
      .refine(
        (value) => value === '' || VISIBLE.test(value),
        'Use at least one letter, digit or symbol.',
      )
  }
  return schema
}

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
 * The parsed JSON body of a request: 415 for another content type, 413 when too large, 400
 * `invalid_json` when it does not parse. Fitting it to a schema is the route's validator's job.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  if (!hasMediaType(request, 'application/json')) {
    throw new AppError(415, 'unsupported_media_type', 'Send the body as application/json.')
  }
  const text = await readBodyText(request, MAX_JSON_BYTES)
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new AppError(400, 'invalid_json', 'The body is not valid JSON.')
  }
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
