/**
 * A multipart upload whose last part is one file, streamed to R2 instead of buffered: a digital
 * listing's file may be 100 MB, near a Worker's 128 MB of memory, so `formData()` (which holds
 * it all) will not do. `multitars` parses the body as it arrives and pulls the file's bytes only
 * as fast as R2 takes them; the small text fields sent before the file (a page form's `_csrf`)
 * are read first, so they can be checked before a byte of the file is stored.
 */
import { type MultipartPart, parseMultipart } from 'multitars'

import { AppError } from '../lib/errors.ts'
import { hasMediaType } from '../lib/validate.ts'
import { megabytes } from './images.ts'

// Where image-store.ts has always found it: the R2 half of a streamed upload.
export { putStream } from './put-stream.ts'

/** A text field sent before the file is a token or a flag: anything longer is refused. */
const MAX_FIELD_BYTES = 1024

/** The uploaded file: its name as sent and a stream of its bytes (its size is known at the end). */
export interface StreamedFile {
  name: string
  body: ReadableStream<Uint8Array>
  /** Why the body stream failed, once it has: a malformed upload (400) or too large (413). */
  problem(): AppError | null
}

/** The text fields that preceded the file, and the file itself. */
export interface StreamedUpload {
  fields: Record<string, string>
  file: StreamedFile
}

const invalid = (message: string) =>
  new AppError(400, 'invalid_input', 'Send the file as multipart/form-data.', { file: message })
const unreadable = () => invalid('The upload could not be read.')
const onlyTheFile = () => invalid('Send only the file, as the last part of the form.')
const tooLarge = (maxBytes: number) =>
  new AppError(413, 'payload_too_large', `A file can be at most ${megabytes(maxBytes)}.`, {
    file: `A file can be at most ${megabytes(maxBytes)}.`,
  })

/**
 * Reads a `multipart/form-data` body up to its `file` part, which must be the last: the text
 * fields named in `fields` may come before it, any other part is a 400. Returns once the file's
 * headers are read; its body then streams, and errors (413 past `maxBytes`, 400 when the body
 * does not end right after the file) before it ends, so a bad upload never completes a write.
 * A declared Content-Length that leaves room for more than `maxBytes` is a 413 at once.
 */
export async function streamFileUpload(
  request: Request,
  options: { maxBytes: number; fields?: readonly string[] },
): Promise<StreamedUpload> {
  const contentType = request.headers.get('content-type') ?? ''
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)
  const boundary = match?.[1] ?? match?.[2]
  if (!hasMediaType(request, 'multipart/form-data') || !boundary || !request.body) {
    throw invalid('Attach a file.')
  }
  const parts = parseMultipart(request.body, { contentType })
  const declared = Number(request.headers.get('content-length') ?? NaN)
  // Bytes of the body that are not the file, starting with the closing `\r\n--boundary--\r\n`.
  let notFile = 2 + 2 + boundary.length + 2 + 2
  const fields: Record<string, string> = {}
  try {
    for (let first = true; ; first = false) {
      const next = await parsed(parts.next())
      if (next.done) throw invalid('Attach a file.')
      const part = next.value
      const name = fieldName(part)
      notFile += envelopeBytes(part, boundary, first)
      if (name === 'file') {
        // Not a number when undeclared: then only the streamed count enforces the limit.
        if (declared - notFile > options.maxBytes) throw tooLarge(options.maxBytes)
        return { fields, file: fileStream(part, parts, options.maxBytes) }
      }
      if (!options.fields?.includes(name) || name in fields) throw onlyTheFile()
      const { text, bytes } = await smallText(part)
      fields[name] = text
      notFile += bytes
    }
  } catch (error) {
    // Cancel the rest of the body: an answer sent while the client still uploads may wait on it.
    await parts.return(undefined).catch(() => undefined)
    throw error
  }
}

/** The parser's errors (a missing boundary, a truncated body, huge headers) are the client's. */
async function parsed<T>(step: Promise<T>): Promise<T> {
  try {
    return await step
  } catch (error) {
    throw error instanceof AppError ? error : unreadable()
  }
}

/** The `name` of a part's Content-Disposition (multitars names a part by its filename). */
function fieldName(part: MultipartPart): string {
  const disposition = part.headers['content-disposition'] ?? ''
  return (
    /;\s*name="([^"]*)"/i.exec(disposition)?.[1] ??
    /;\s*name=([^;\s]+)/i.exec(disposition)?.[1] ??
    ''
  )
}

/** A text field's value, refused past {@link MAX_FIELD_BYTES} rather than buffered. */
async function smallText(part: MultipartPart): Promise<{ text: string; bytes: number }> {
  const reader = part.stream().getReader()
  const decoder = new TextDecoder()
  let text = ''
  let length = 0
  for (;;) {
    const { done, value } = await parsed(reader.read())
    if (done) return { text: text + decoder.decode(), bytes: length }
    length += value.byteLength
    if (length > MAX_FIELD_BYTES) throw invalid('A form field is too long.')
    text += decoder.decode(value, { stream: true })
  }
}

/**
 * The bytes of a part's envelope as browsers and HTTP clients write it: its delimiter line
 * `--boundary\r\n` (after the previous part's CRLF), each header as `Name: value\r\n` and the
 * blank line. Counted from what the parser read, so a declared Content-Length too large for the
 * file to fit under the limit is refused before any of the file arrives. Where a client writes
 * less than this, the estimate errs towards letting the upload start: the count of the file's
 * own bytes as they stream is what enforces the limit.
 */
function envelopeBytes(part: MultipartPart, boundary: string, first: boolean): number {
  let bytes = (first ? 0 : 2) + 2 + boundary.length + 2 + 2
  for (const [name, value] of Object.entries(part.headers)) {
    bytes += name.length + 2 + (value?.length ?? 0) + 2
  }
  return bytes
}

/**
 * The file part's bytes, counted (an error past `maxBytes`); when they end, the parser is run on
 * to the end of the body, which must hold no other part and close properly: only then does the
 * stream close, so a consumer never completes a write of a malformed upload.
 */
function fileStream(
  part: MultipartPart,
  parts: AsyncGenerator<MultipartPart>,
  maxBytes: number,
): StreamedFile {
  const reader = part.stream().getReader()
  let problem: AppError | null = null
  let total = 0
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await parsed(reader.read())
        if (!done) {
          total += value.byteLength
          if (total > maxBytes) throw tooLarge(maxBytes)
          controller.enqueue(value)
          return
        }
        const after = await parsed(parts.next())
        if (!after.done) throw onlyTheFile()
        controller.close()
      } catch (error) {
        problem = error instanceof AppError ? error : unreadable()
        controller.error(problem)
        await parts.return(undefined).catch(() => undefined)
      }
    },
    async cancel(reason) {
      await reader.cancel(reason).catch(() => undefined)
      await parts.return(undefined).catch(() => undefined)
    },
  })
  return { name: fileNameOf(part), body, problem: () => problem }
}

/** The part's filename when it sent one (multitars falls back to the field name). */
const fileNameOf = (part: MultipartPart) =>
  /;\s*filename\*?=/i.test(part.headers['content-disposition'] ?? '') ? part.name : ''

/**
 * The one `file` part of an API upload, as a stream (see {@link streamFileUpload}); 400 with
 * `fields.file` for any other part, 413 past `maxBytes`.
 */
export async function streamSingleFile(request: Request, maxBytes: number): Promise<StreamedFile> {
  return (await streamFileUpload(request, { maxBytes })).file
}
