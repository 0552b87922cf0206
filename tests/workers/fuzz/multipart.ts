/**
 * Multipart bodies for upload routes, well and badly formed: a real small image, an empty or
 * random file, wrong field names, extra parts, a missing or wrong boundary, truncated bodies
 * and huge part headers.
 */
import fc from 'fast-check'

import { bytesOf, gifBase64, htmlDecoy, tinyBase64 } from '../fixtures/images.ts'
import { oddString } from './hostile.ts'

/** A body with the Content-Type header it is sent with (undefined: none). */
export interface RawBody {
  contentType: string | undefined
  body: Uint8Array<ArrayBuffer> | string | undefined
}

interface Part {
  name: string
  filename?: string
  type?: string
  data: Uint8Array
}

const encoder = new TextEncoder()

function concat(chunks: (Uint8Array | string)[]): Uint8Array<ArrayBuffer> {
  const bytes = chunks.map((c) => (typeof c === 'string' ? encoder.encode(c) : c))
  const out = new Uint8Array(bytes.reduce((n, b) => n + b.byteLength, 0))
  let offset = 0
  for (const b of bytes) {
    out.set(b, offset)
    offset += b.byteLength
  }
  return out
}

/** A multipart/form-data body as a browser writes it. */
export function multipart(
  boundary: string,
  parts: Part[],
  extraHeader = '',
): Uint8Array<ArrayBuffer> {
  const chunks: (Uint8Array | string)[] = []
  for (const part of parts) {
    const filename = part.filename === undefined ? '' : `; filename="${part.filename}"`
    chunks.push(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${filename}`)
    chunks.push(part.type ? `\r\nContent-Type: ${part.type}` : '', extraHeader, '\r\n\r\n')
    chunks.push(part.data, '\r\n')
  }
  chunks.push(`--${boundary}--\r\n`)
  return concat(chunks)
}

const fileData = fc.oneof(
  fc.constant(bytesOf(tinyBase64)),
  fc.constant(bytesOf(gifBase64)),
  fc.constant(encoder.encode(htmlDecoy)),
  fc.constant(new Uint8Array(0)),
  fc.uint8Array({ minLength: 1, maxLength: 64 }),
  // A PNG signature with garbage after it: passes a sniff of the first bytes only.
  fc.uint8Array({ maxLength: 32 }).map((tail) => concat([bytesOf(tinyBase64).slice(0, 16), tail])),
)

const part = fc.record({
  name: fc.oneof(
    { weight: 4, arbitrary: fc.constant('file') },
    {
      weight: 1,
      arbitrary: fc.constantFrom('image', 'File', 'files[]', '', '_csrf', 'file\u0000'),
    },
  ),
  filename: fc.option(
    fc.oneof(fc.constantFrom('a.png', 'a.gif', '../../x.png', 'a'.repeat(5000)), oddString),
    { nil: undefined },
  ),
  type: fc.option(
    fc.constantFrom('image/png', 'image/jpeg', 'image/webp', 'text/html', 'application/json'),
    { nil: undefined },
  ),
  data: fileData,
})

const boundary = fc.oneof(
  fc.constant('fuzzboundary'),
  fc.stringMatching(/^[A-Za-z0-9'()+_,-./:=?]{1,70}$/),
)

/** Multipart bodies for a route whose declared body is multipart/form-data. */
export const multipartBody: fc.Arbitrary<RawBody> = fc
  .record({
    boundary,
    parts: fc.array(part, { minLength: 0, maxLength: 3 }),
    flaw: fc.constantFrom(
      'none',
      'none',
      'none',
      'no-boundary',
      'wrong-boundary',
      'truncated',
      'huge-header',
      'no-content-type',
      'quoted-boundary',
    ),
    cut: fc.nat(),
  })
  .map(({ boundary, parts, flaw, cut }): RawBody => {
    const headerPad = flaw === 'huge-header' ? `\r\nX-Pad: ${'h'.repeat(70_000)}` : ''
    const body = multipart(boundary, parts, headerPad)
    const type = `multipart/form-data; boundary=${boundary}`
    switch (flaw) {
      case 'no-boundary':
        return { contentType: 'multipart/form-data', body }
      case 'wrong-boundary':
        return { contentType: `multipart/form-data; boundary=${boundary}x`, body }
      case 'truncated':
        return { contentType: type, body: body.slice(0, cut % Math.max(1, body.byteLength)) }
      case 'no-content-type':
        return { contentType: undefined, body }
      case 'quoted-boundary':
        return { contentType: `multipart/form-data; boundary="${boundary}"`, body }
      default:
        return { contentType: type, body }
    }
  })
