/**
 * A multipart body holding one file, streamed to R2 instead of buffered: a digital listing's
 * file may be 100 MB, near a Worker's 128 MB of memory, so `formData()` (which holds it all)
 * will not do. The part's headers are read, then its bytes flow through, the closing boundary
 * held back and checked, into an R2 multipart upload that keeps one part in memory at a time.
 */
import { AppError } from '../lib/errors.ts'

/** Part headers longer than this are not a browser's: refused rather than buffered. */
const MAX_PART_HEAD_BYTES = 16 * 1024

const encoder = new TextEncoder()
const CRLF = encoder.encode('\r\n')

/** The uploaded file: its name as sent and a stream of its bytes (its size is known at the end). */
export interface StreamedFile {
  name: string
  body: ReadableStream<Uint8Array>
  /** Why the body stream failed, once it has: the upload was malformed (a 400), not R2. */
  problem(): AppError | null
}

const invalid = (message: string) =>
  new AppError(400, 'invalid_input', 'Send the file as multipart/form-data.', { file: message })

/**
 * Reads the head of a multipart body whose only part is the field `file`, as browsers and HTTP
 * clients send `FormData` with one file. 400 with `fields.file` for anything else; 413 when the
 * declared Content-Length leaves room for more than `maxBytes`. The returned stream errors if
 * the body does not end with the closing boundary or holds another part, so a malformed upload
 * never completes an R2 write.
 */
export async function streamSingleFile(request: Request, maxBytes: number): Promise<StreamedFile> {
  const contentType = request.headers.get('content-type') ?? ''
  const boundary = /^multipart\/form-data;.*\bboundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)
  const declared = Number(request.headers.get('content-length') ?? NaN)
  if (!boundary || !request.body) throw invalid('Attach a file.')
  if (!Number.isSafeInteger(declared)) throw invalid('Send the upload with its Content-Length.')
  const delimiter = `--${boundary[1] ?? boundary[2]}`

  const reader = request.body.getReader()
  let head: Uint8Array = new Uint8Array(0)
  let end = -1
  while (end < 0) {
    const { done, value } = await reader.read()
    if (done) throw invalid('The upload ended early.')
    head = concat(head, value)
    end = indexOf(head, encoder.encode('\r\n\r\n'))
    if (end < 0 && head.length > MAX_PART_HEAD_BYTES) throw invalid('The upload could not be read.')
  }
  const headers = new TextDecoder().decode(head.subarray(0, end))
  if (!headers.startsWith(`${delimiter}\r\n`)) throw invalid('The upload could not be read.')
  const disposition = /^content-disposition:\s*form-data;(.*)$/im.exec(headers)?.[1] ?? ''
  if (!/(?:^|;)\s*name="file"/.test(disposition)) throw invalid('Attach a file as `file`.')
  const name = /(?:^|;)\s*filename="([^"]*)"/.exec(disposition)?.[1] ?? ''

  // The smallest closing boundary is `\r\n--boundary--`; browsers add a final CRLF.
  const fileBytesAtMost = declared - (end + 4) - (delimiter.length + 4)
  if (fileBytesAtMost > maxBytes) {
    await reader.cancel()
    throw new AppError(413, 'payload_too_large', `A file can be at most ${maxBytes / 2 ** 20} MB.`)
  }
  let problem: AppError | null = null
  const fail = (error: AppError) => (problem = error)
  const body = fileBytes(head.subarray(end + 4), reader, delimiter, fail)
  return { name, body, problem: () => problem }
}

/**
 * The part's bytes, without the closing boundary (`\r\n--boundary--`, then an optional CRLF),
 * which is held back until the body ends and then checked. Another boundary inside the bytes
 * means a second part: refused, since the file would then include it.
 */
function fileBytes(
  first: Uint8Array,
  reader: ReadableStreamDefaultReader<Uint8Array>,
  delimiter: string,
  fail: (error: AppError) => AppError,
): ReadableStream<Uint8Array> {
  const separator = encoder.encode(`\r\n${delimiter}`)
  const close = encoder.encode(`\r\n${delimiter}--`)
  const keep = close.length + CRLF.length
  let held: Uint8Array = new Uint8Array(0)
  let pending: Uint8Array | undefined = first
  return new ReadableStream<Uint8Array>({
    // Loops until it enqueues, closes or errors: a pull that does none of them would stall.
    async pull(controller) {
      for (;;) {
        const chunk: Uint8Array | undefined = pending ?? (await reader.read()).value
        pending = undefined
        if (!chunk) {
          const tail = endsWith(held, close) ? close.length : close.length + CRLF.length
          const last = held.subarray(0, held.length - tail)
          const closed = endsWith(held, close) || endsWith(held, concat(close, CRLF))
          if (!closed || indexOf(last, separator) >= 0) {
            controller.error(fail(invalid('Send only the file, as the one part of the form.')))
            return
          }
          if (last.length > 0) controller.enqueue(last)
          controller.close()
          return
        }
        held = concat(held, chunk)
        if (held.length <= keep) continue
        const emit = held.length - keep
        // A boundary starting in the bytes about to go out: the held tail is checked later.
        const found = indexOf(held, separator)
        if (found >= 0 && found < emit) {
          controller.error(fail(invalid('Send only the file, as the one part of the form.')))
          await reader.cancel()
          return
        }
        controller.enqueue(held.slice(0, emit))
        held = held.slice(emit)
        return
      }
    },
    cancel: (reason) => reader.cancel(reason),
  })
}

/** R2 parts: each but the last the same size, at least 5 MiB (R2's rule). */
const PART_BYTES = 8 * 1024 * 1024

/**
 * Writes a stream of unknown length to R2 as a multipart upload, holding one part in memory;
 * returns the number of bytes written. On any failure the upload is aborted: nothing is stored.
 */
export async function putStream(
  bucket: R2Bucket,
  key: string,
  stream: ReadableStream<Uint8Array>,
  options: R2MultipartOptions,
): Promise<number> {
  const upload = await bucket.createMultipartUpload(key, options)
  const parts: R2UploadedPart[] = []
  let part = new Uint8Array(PART_BYTES)
  let filled = 0
  let total = 0
  try {
    const reader = stream.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      let offset = 0
      while (offset < value.length) {
        const take = Math.min(PART_BYTES - filled, value.length - offset)
        part.set(value.subarray(offset, offset + take), filled)
        filled += take
        offset += take
        if (filled === PART_BYTES) {
          parts.push(await upload.uploadPart(parts.length + 1, part))
          part = new Uint8Array(PART_BYTES)
          filled = 0
        }
      }
      total += value.length
    }
    if (total === 0) throw invalid('The file is empty.')
    if (filled > 0) parts.push(await upload.uploadPart(parts.length + 1, part.subarray(0, filled)))
    await upload.complete(parts)
    return total
  } catch (error) {
    await upload.abort()
    throw error
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.byteLength === 0) return b
  const joined = new Uint8Array(a.byteLength + b.byteLength)
  joined.set(a)
  joined.set(b, a.byteLength)
  return joined
}

/** The first index of `needle` in `haystack`, or -1 (scans for its first byte natively). */
function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  const first = needle[0] as number
  for (let i = haystack.indexOf(first); i >= 0; i = haystack.indexOf(first, i + 1)) {
    if (i + needle.length > haystack.length) return -1
    let j = 1
    while (j < needle.length && haystack[i + j] === needle[j]) j++
    if (j === needle.length) return i
  }
  return -1
}

function endsWith(bytes: Uint8Array, suffix: Uint8Array): boolean {
  if (suffix.length > bytes.length) return false
  const start = bytes.length - suffix.length
  return suffix.every((byte, i) => bytes[start + i] === byte)
}
