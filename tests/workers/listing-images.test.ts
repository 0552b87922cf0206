import { createExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'

import app from '../../functions/index.ts'
import {
  fitInside,
  imageKeys,
  isServableMediaKey,
  safeFileName,
  sniffImage,
} from '../../functions/media/images.ts'
import {
  bytesOf,
  gifBase64,
  htmlDecoy,
  jpegBase64,
  pngBase64,
  progressiveBase64,
  svgDecoy,
  tinyBase64,
  webpAlphaBase64,
  webpBase64,
  webpLosslessBase64,
  wideBase64,
} from './fixtures/images.ts'
import { becomeSeller, call, type Client, ORIGIN, signUp, csrfOf } from './helpers.ts'

interface Image {
  id: string
  url: string
  thumb_url: string
  width: number
  height: number
}

const text = (value: string) => new TextEncoder().encode(value)

/**
 * A JPEG whose headers and end marker are whole but whose scan is cut after 30 bytes: it passes
 * the byte checks, and the Images binding makes an empty variant of it rather than failing.
 */
function jpegWithCutScan() {
  const jpeg = bytesOf(jpegBase64)
  const scan = jpeg.findIndex((byte, i) => byte === 0xff && jpeg[i + 1] === 0xda)
  return new Uint8Array([...jpeg.subarray(0, scan + 30), 0xff, 0xd9])
}

/** A seller's home address, in the places a camera or an editor writes text into a JPEG. */
const HOME_ADDRESS = '14 Heron Row, Saltmarsh Lane, Wells-next-the-Sea NR23 1AB'

/** The baseline JPEG with an EXIF ImageDescription and a comment segment holding the address. */
function jpegWithAddress() {
  const value = text(`${HOME_ADDRESS}\0`)
  // TIFF header (big-endian), one IFD entry: ImageDescription (0x010e), ASCII, at offset 26.
  const tiff = new Uint8Array([
    ...[0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x0e, 0, 2],
    ...[0, 0, 0, value.length, 0, 0, 0, 26, 0, 0, 0, 0],
    ...value,
  ])
  const segment = (marker: number, payload: Uint8Array) => [
    0xff,
    marker,
    (payload.length + 2) >> 8,
    (payload.length + 2) & 0xff,
    ...payload,
  ]
  const jpeg = bytesOf(jpegBase64)
  return new Uint8Array([
    ...jpeg.subarray(0, 2),
    ...segment(0xe1, new Uint8Array([...text('Exif\0\0'), ...tiff])),
    ...segment(0xfe, text(HOME_ADDRESS)),
    ...jpeg.subarray(2),
  ])
}

const contains = (bytes: Uint8Array, needle: string) =>
  new TextDecoder('latin1').decode(bytes).includes(needle)

/** A valid PNG signature and IHDR chunk followed by bytes that decode to nothing. */
function pngHeaderOverGarbage() {
  const header = bytesOf(pngBase64).subarray(0, 33)
  const bytes = new Uint8Array(header.byteLength + 400)
  bytes.set(header)
  bytes.set(text('not image data '.repeat(26)), header.byteLength)
  return bytes
}

describe('reading images by their bytes', () => {
  it.each([
    ['a baseline JPEG', jpegBase64, 'image/jpeg', 1000, 750],
    ['a progressive JPEG', progressiveBase64, 'image/jpeg', 100, 60],
    ['a PNG', pngBase64, 'image/png', 800, 500],
    ['a lossy WebP (VP8)', webpBase64, 'image/webp', 900, 2000],
    ['a lossless WebP (VP8L)', webpLosslessBase64, 'image/webp', 300, 200],
    ['an extended WebP (VP8X)', webpAlphaBase64, 'image/webp', 321, 123],
  ])('reads the type and size of %s', (_name, base64, type, width, height) => {
    expect(sniffImage(bytesOf(base64))).toMatchObject({ type, width, height })
  })

  it('refuses other formats and decoys', () => {
    expect(sniffImage(bytesOf(gifBase64))).toBeNull()
    expect(sniffImage(text(htmlDecoy))).toBeNull()
    expect(sniffImage(text(svgDecoy))).toBeNull()
    expect(sniffImage(new Uint8Array())).toBeNull()
  })

  it('refuses a file cut short anywhere', () => {
    for (const base64 of [jpegBase64, progressiveBase64, pngBase64, webpBase64, webpAlphaBase64]) {
      const bytes = bytesOf(base64)
      for (const keep of [0.1, 0.5, 0.9]) {
        const cut = bytes.subarray(0, Math.floor(bytes.byteLength * keep))
        expect(sniffImage(cut), `${keep} of ${sniffImage(bytes)?.type}`).toBeNull()
      }
      expect(sniffImage(bytes.subarray(0, bytes.byteLength - 2))).toBeNull()
    }
    expect(sniffImage(pngHeaderOverGarbage())).toBeNull()
  })

  it('refuses every truncation of a header', () => {
    for (const base64 of [jpegBase64, pngBase64, webpBase64, webpLosslessBase64]) {
      const bytes = bytesOf(base64)
      const whole = sniffImage(bytes)
      // Cut anywhere before the size fields: never a guess.
      for (let length = 0; length < 24; length++) {
        expect(sniffImage(bytes.subarray(0, length)), `${whole?.type} cut at ${length}`).toBeNull()
      }
    }
    // A JPEG whose segments end before any frame header.
    const jpeg = bytesOf(jpegBase64)
    const sof = jpeg.findIndex((byte, i) => byte === 0xff && jpeg[i + 1] === 0xc0)
    for (let length = 4; length < sof + 9; length++) {
      expect(sniffImage(jpeg.subarray(0, length)), `JPEG cut at ${length}`).toBeNull()
    }
  })

  it('fits variants inside their box without enlarging', () => {
    expect(fitInside(1000, 750, 480)).toEqual({ width: 480, height: 360 })
    expect(fitInside(900, 2000, 1600)).toEqual({ width: 720, height: 1600 })
    expect(fitInside(300, 200, 1600)).toEqual({ width: 300, height: 200 })
    expect(fitInside(12000, 2, 480)).toEqual({ width: 480, height: 1 })
  })

  it('names keys on the server, and serves only listing images', () => {
    expect(imageKeys('lst_1', 'img_2', 'png')).toEqual({
      original: 'listings/lst_1/img_2/original.png',
      thumb: 'listings/lst_1/img_2/thumb.webp',
      large: 'listings/lst_1/img_2/large.webp',
    })
    expect(safeFileName('../../etc/passwd')).toBe('passwd')
    expect(safeFileName('Mon patron été (v2).pdf')).toBe('Mon_patron_ete_v2_.pdf')
    expect(safeFileName('...')).toBe('file')
    expect(safeFileName(`${'a'.repeat(300)}.zip`)).toMatch(/^a{96}\.zip$/)
    expect(isServableMediaKey('listings/a/b/thumb.webp')).toBe(true)
    expect(isServableMediaKey('files/a/b/pattern.pdf')).toBe(false)
    expect(isServableMediaKey('listings/../files/a')).toBe(false)
    expect(isServableMediaKey('listings//x')).toBe(false)
  })
})

// --- Through the API -------------------------------------------------------------------------

let seller: Client
let stranger: Client

beforeAll(async () => {
  seller = await signUp({ display_name: 'Ines Imagemaker' })
  await becomeSeller(seller)
  stranger = await signUp({ display_name: 'Sol Stranger' })
  await becomeSeller(stranger)
})

async function newListing(as: Client, kind: 'physical' | 'digital' = 'physical') {
  const json =
    kind === 'physical'
      ? { title: 'Kingfisher print', price_cents: 3000, kind, quantity: 2, category: 'prints' }
      : { title: 'Quilt pattern', price_cents: 900, kind, category: 'patterns' }
  const response = await call('/api/v1/listings', { method: 'POST', json, as })
  expect(response.status).toBe(201)
  return (await response.json<{ id: string }>()).id
}

function upload(
  listingId: string,
  bytes: Uint8Array<ArrayBuffer>,
  options: { as?: Client; name?: string; type?: string; path?: string } = {},
) {
  const form = new FormData()
  const name = options.name ?? 'photo.jpg'
  form.append('file', new File([bytes], name, { type: options.type ?? 'image/jpeg' }))
  return call(`/api/v1/listings/${listingId}/${options.path ?? 'images'}`, {
    method: 'POST',
    body: form,
    as: options.as ?? seller,
  })
}

async function uploaded(listingId: string, base64 = tinyBase64): Promise<Image> {
  const response = await upload(listingId, bytesOf(base64))
  expect(response.status).toBe(201)
  return response.json<Image>()
}

async function listingRow(id: string) {
  return env.DB.prepare('SELECT * FROM listings WHERE id = ?').bind(id).first<{
    image_count: number
    cover_image_id: string | null
    cover_thumb_key: string | null
    cover_width: number | null
    cover_height: number | null
    file_key: string | null
    file_name: string | null
    file_bytes: number | null
  }>()
}

async function positions(listingId: string) {
  const { results } = await env.DB.prepare(
    'SELECT id, position FROM listing_images WHERE listing_id = ? ORDER BY position',
  )
    .bind(listingId)
    .all<{ id: string; position: number }>()
  return results
}

/** Rows and R2 objects: what "nothing written" is checked against. */
async function storedState() {
  const rows = await env.DB.prepare('SELECT count(*) AS n FROM listing_images').first<{
    n: number
  }>()
  const listings = await env.DB.prepare(
    'SELECT group_concat(updated_at) AS stamps FROM listings',
  ).first<{ stamps: string }>()
  const objects = await env.BUCKET.list()
  return { rows: rows?.n, stamps: listings?.stamps, objects: objects.objects.map((o) => o.key) }
}

const keyOf = (url: string) => url.replace(/^\/media\//, '')

describe('uploading listing images', () => {
  it.each([
    ['JPEG', jpegBase64, 'image/jpeg', 'jpg', 1000, 750, { width: 480, height: 360 }],
    ['PNG', pngBase64, 'image/png', 'png', 800, 500, { width: 480, height: 300 }],
    ['WebP', webpBase64, 'image/webp', 'webp', 900, 2000, { width: 216, height: 480 }],
  ])(
    'accepts a %s with its size, and stores WebP variants beside the original',
    async (_name, base64, type, extension, width, height, thumbSize) => {
      const listingId = await newListing(seller)
      const response = await upload(listingId, bytesOf(base64), { name: `art.${extension}` })
      expect(response.status).toBe(201)
      const image = await response.json<Image>()
      expect(image).toMatchObject({ width, height })
      expect(image.url).toBe(`/media/listings/${listingId}/${image.id}/large.webp`)
      expect(image.thumb_url).toBe(`/media/listings/${listingId}/${image.id}/thumb.webp`)

      const original = await env.BUCKET.head(
        `listings/${listingId}/${image.id}/original.${extension}`,
      )
      expect(original?.httpMetadata?.contentType).toBe(type)
      expect(original?.size).toBe(bytesOf(base64).byteLength)
      for (const [variant, box] of [
        ['thumb', 480],
        ['large', 1600],
      ] as const) {
        const object = await env.BUCKET.get(
          keyOf(variant === 'thumb' ? image.thumb_url : image.url),
        )
        expect(object?.httpMetadata?.contentType).toBe('image/webp')
        expect(object?.httpMetadata?.cacheControl).toBe('public, max-age=31536000, immutable')
        const facts = sniffImage(new Uint8Array(await object!.arrayBuffer()))
        expect(facts?.type).toBe('image/webp')
        expect(Math.max(facts!.width, facts!.height)).toBeLessThanOrEqual(box)
        if (variant === 'thumb') expect(facts).toMatchObject(thumbSize)
      }
    },
  )

  it('makes the first image the cover and counts the images', async () => {
    const listingId = await newListing(seller)
    const first = await uploaded(listingId, pngBase64)
    await uploaded(listingId)
    expect(await listingRow(listingId)).toMatchObject({
      image_count: 2,
      cover_image_id: first.id,
      cover_thumb_key: keyOf(first.thumb_url),
      cover_width: 800,
      cover_height: 500,
    })
    expect((await positions(listingId)).map((row) => row.position)).toEqual([0, 1])
    const listing = await call(`/api/v1/listings/${listingId}`, { as: seller })
    expect((await listing.json<{ images: Image[] }>()).images[0]?.id).toBe(first.id)
  })

  it.each([
    ['an HTML page named .jpg', text(htmlDecoy), 'photo.jpg', 'image/jpeg'],
    ['an SVG', text(svgDecoy), 'drawing.png', 'image/png'],
    ['a GIF', bytesOf(gifBase64), 'anim.webp', 'image/webp'],
    ['a truncated JPEG header', bytesOf(jpegBase64).slice(0, 40), 'cut.jpg', 'image/jpeg'],
    ['a PNG header over garbage', pngHeaderOverGarbage(), 'fake.png', 'image/png'],
    ['a JPEG cut short', bytesOf(jpegBase64).slice(0, 3000), 'cut.jpg', 'image/jpeg'],
    ['a JPEG whose variants come out empty', jpegWithCutScan(), 'damaged.jpg', 'image/jpeg'],
  ])('refuses %s with 415, writing nothing', async (_name, bytes, name, type) => {
    const listingId = await newListing(seller)
    const before = await storedState()
    const response = await upload(listingId, bytes, { name, type })
    expect(response.status).toBe(415)
    expect(await response.json()).toMatchObject({ error: { code: 'unsupported_media_type' } })
    expect(await storedState()).toEqual(before)
  })

  it('refuses an image wider than 12000 pixels (400), writing nothing', async () => {
    const listingId = await newListing(seller)
    const before = await storedState()
    const response = await upload(listingId, bytesOf(wideBase64), { name: 'panorama.png' })
    expect(response.status).toBe(400)
    const body = await response.json<{ error: { fields: Record<string, string> } }>()
    expect(body.error.fields.file).toMatch(/12000 pixels/)
    expect(await storedState()).toEqual(before)
  })

  it('refuses an image of 10 MB + 1 byte with 413, writing nothing', async () => {
    const listingId = await newListing(seller)
    const before = await storedState()
    const response = await upload(listingId, new Uint8Array(10 * 1024 * 1024 + 1))
    expect(response.status).toBe(413)
    expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } })
    expect(await storedState()).toEqual(before)
  })

  it('refuses a larger body from its Content-Length alone, before any of it arrives', async () => {
    const listingId = await newListing(seller)
    const before = await storedState()
    // A body that never ends: only a refusal from the header can answer. (Straight into the
    // app, since the test harness's fetch would wait for the whole body first.)
    const neverEnding = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(1024))
      },
    })
    const request = new Request(`${ORIGIN}/api/v1/listings/${listingId}/images`, {
      method: 'POST',
      body: neverEnding,
      headers: {
        'content-type': 'multipart/form-data; boundary=x',
        'content-length': String(11 * 1024 * 1024),
        cookie: seller.cookie,
      },
    })
    const response = await app.fetch(request, env, createExecutionContext())
    expect(response.status).toBe(413)
    expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } })
    expect(await storedState()).toEqual(before)
  })

  it('refuses an undeclared body once the stream passes the limit', async () => {
    const listingId = await newListing(seller)
    const before = await storedState()
    let sent = 0
    const chunk = new Uint8Array(1024 * 1024)
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength
        controller.enqueue(chunk)
      },
    })
    const request = new Request(`${ORIGIN}/api/v1/listings/${listingId}/images`, {
      method: 'POST',
      body: endless,
      headers: { 'content-type': 'multipart/form-data; boundary=x', cookie: seller.cookie },
    })
    const response = await app.fetch(request, env, createExecutionContext())
    expect(response.status).toBe(413)
    expect(sent).toBeLessThanOrEqual(12 * 1024 * 1024)
    expect(await storedState()).toEqual(before)
  })

  it('asks for a multipart `file` (400 with fields.file)', async () => {
    const listingId = await newListing(seller)
    const raw = await call(`/api/v1/listings/${listingId}/images`, {
      method: 'POST',
      body: bytesOf(jpegBase64),
      headers: { 'content-type': 'image/jpeg' },
      as: seller,
    })
    expect(raw.status).toBe(400)
    expect(await raw.json()).toMatchObject({ error: { fields: { file: expect.any(String) } } })
    const form = new FormData()
    form.append('picture', new File([bytesOf(jpegBase64)], 'a.jpg'))
    const misnamed = await call(`/api/v1/listings/${listingId}/images`, {
      method: 'POST',
      body: form,
      as: seller,
    })
    expect(misnamed.status).toBe(400)
    expect(await misnamed.json()).toMatchObject({ error: { fields: { file: expect.any(String) } } })
  })

  it("refuses another seller's listing (403/404) and visitors (401), writing nothing", async () => {
    const listingId = await newListing(seller)
    const before = await storedState()
    const other = await upload(listingId, bytesOf(jpegBase64), { as: stranger })
    expect([403, 404]).toContain(other.status)
    const member = await signUp()
    expect((await upload(listingId, bytesOf(jpegBase64), { as: member })).status).toBe(403)
    const visitor = await call(`/api/v1/listings/${listingId}/images`, {
      method: 'POST',
      body: new FormData(),
    })
    expect(visitor.status).toBe(401)
    expect(await storedState()).toEqual(before)
  })

  it('refuses a 13th image with 409 too_many_images', async () => {
    const listingId = await newListing(seller)
    for (let i = 0; i < 12; i++) await uploaded(listingId)
    const before = await storedState()
    const response = await upload(listingId, bytesOf(tinyBase64))
    expect(response.status).toBe(409)
    expect(await response.json()).toMatchObject({ error: { code: 'too_many_images' } })
    expect(await storedState()).toEqual(before)
    expect((await listingRow(listingId))?.image_count).toBe(12)
  })
})

describe('deleting and reordering images', () => {
  it('deletes an image, closes the gap and moves the cover to the new first image', async () => {
    const listingId = await newListing(seller)
    const first = await uploaded(listingId, pngBase64)
    const second = await uploaded(listingId)
    const third = await uploaded(listingId)
    const response = await call(`/api/v1/listings/${listingId}/images/${first.id}`, {
      method: 'DELETE',
      as: seller,
    })
    expect(response.status).toBe(204)
    expect(await positions(listingId)).toEqual([
      { id: second.id, position: 0 },
      { id: third.id, position: 1 },
    ])
    expect(await listingRow(listingId)).toMatchObject({
      image_count: 2,
      cover_image_id: second.id,
      cover_thumb_key: keyOf(second.thumb_url),
      cover_width: 2,
      cover_height: 2,
    })
    const left = await env.BUCKET.list({ prefix: `listings/${listingId}/${first.id}/` })
    expect(left.objects).toEqual([])
  })

  it('answers 404 for an unknown image and 403/404 for another seller', async () => {
    const listingId = await newListing(seller)
    const image = await uploaded(listingId)
    const unknown = await call(`/api/v1/listings/${listingId}/images/img_nope`, {
      method: 'DELETE',
      as: seller,
    })
    expect(unknown.status).toBe(404)
    const other = await call(`/api/v1/listings/${listingId}/images/${image.id}`, {
      method: 'DELETE',
      as: stranger,
    })
    expect([403, 404]).toContain(other.status)
    expect((await listingRow(listingId))?.image_count).toBe(1)
  })

  it('keeps the last image of a published listing (409 last_image)', async () => {
    const listingId = await newListing(seller)
    const image = await uploaded(listingId)
    const publish = await call(`/api/v1/listings/${listingId}/publish`, {
      method: 'POST',
      as: seller,
    })
    expect(publish.status).toBe(200)
    const before = await storedState()
    const response = await call(`/api/v1/listings/${listingId}/images/${image.id}`, {
      method: 'DELETE',
      as: seller,
    })
    expect(response.status).toBe(409)
    expect(await response.json()).toMatchObject({ error: { code: 'last_image' } })
    expect(await storedState()).toEqual(before)
    // With a second image, the first may go.
    await uploaded(listingId)
    const again = await call(`/api/v1/listings/${listingId}/images/${image.id}`, {
      method: 'DELETE',
      as: seller,
    })
    expect(again.status).toBe(204)
  })

  it('reorders the images and makes the new first one the cover', async () => {
    const listingId = await newListing(seller)
    const a = await uploaded(listingId)
    const b = await uploaded(listingId, pngBase64)
    const c = await uploaded(listingId)
    const response = await call(`/api/v1/listings/${listingId}/images/order`, {
      method: 'PUT',
      json: { image_ids: [b.id, c.id, a.id] },
      as: seller,
    })
    expect(response.status).toBe(200)
    const body = await response.json<{ images: Image[] }>()
    expect(body.images.map((image) => image.id)).toEqual([b.id, c.id, a.id])
    expect(await positions(listingId)).toEqual([
      { id: b.id, position: 0 },
      { id: c.id, position: 1 },
      { id: a.id, position: 2 },
    ])
    expect(await listingRow(listingId)).toMatchObject({
      cover_image_id: b.id,
      cover_width: 800,
      cover_height: 500,
    })
  })

  it.each([
    ['a missing image', (ids: string[]) => ids.slice(1)],
    ['a repeated image', (ids: string[]) => [...ids, ids[0]]],
    ['an unknown image', (ids: string[]) => [...ids.slice(1), 'img_unknown']],
  ])('refuses an order with %s (400 fields.image_ids)', async (_name, mangle) => {
    const listingId = await newListing(seller)
    const ids = [(await uploaded(listingId)).id, (await uploaded(listingId)).id]
    const response = await call(`/api/v1/listings/${listingId}/images/order`, {
      method: 'PUT',
      json: { image_ids: mangle(ids) },
      as: seller,
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      error: { fields: { image_ids: expect.any(String) } },
    })
    expect((await positions(listingId)).map((row) => row.id)).toEqual(ids)
  })

  it('refuses unknown fields in the order body', async () => {
    const listingId = await newListing(seller)
    const response = await call(`/api/v1/listings/${listingId}/images/order`, {
      method: 'PUT',
      json: { image_ids: [], cover: 'x' },
      as: seller,
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: { fields: { cover: 'Unknown field.' } } })
  })
})

describe('serving media', () => {
  it('serves images for a year, with their type and an ETag, and 304 when unchanged', async () => {
    const listingId = await newListing(seller)
    const image = await uploaded(listingId, jpegBase64)
    const response = await call(image.thumb_url)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/webp')
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    const etag = response.headers.get('etag')
    expect(etag).toMatch(/^".+"$/)
    expect(sniffImage(new Uint8Array(await response.arrayBuffer()))?.width).toBe(480)

    const again = await call(image.thumb_url, { headers: { 'if-none-match': etag as string } })
    expect(again.status).toBe(304)
    expect(again.headers.get('etag')).toBe(etag)
    expect(await again.text()).toBe('')

    // The original is private: it keeps whatever metadata the camera wrote.
    const original = await call(`/media/listings/${listingId}/${image.id}/original.jpg`)
    expect(original.status).toBe(404)
  })

  it('never serves the metadata of an upload: not the EXIF, not a comment', async () => {
    const photo = jpegWithAddress()
    expect(contains(photo, HOME_ADDRESS)).toBe(true)
    const listingId = await newListing(seller)
    const image = await uploaded(listingId, btoa(String.fromCharCode(...photo)))
    expect(image.url).toBe(`/media/listings/${listingId}/${image.id}/large.webp`)
    expect(JSON.stringify(image)).not.toContain('original')
    const listing = await call(`/api/v1/listings/${listingId}`, { as: seller })
    const body = await listing.text()
    expect(body).not.toContain('original')
    const urls = new Set(body.match(/\/media\/[^"]+/g))
    expect(urls.size).toBeGreaterThanOrEqual(2)
    urls.add(`/media/listings/${listingId}/${image.id}/original.jpg`)
    for (const url of urls) {
      const response = await call(url)
      if (response.status !== 200) {
        expect(response.status, url).toBe(404)
        continue
      }
      expect(response.headers.get('content-type'), url).toBe('image/webp')
      expect(contains(new Uint8Array(await response.arrayBuffer()), HOME_ADDRESS), url).toBe(false)
    }
  })

  it('serves nothing outside listings/ (files stay private)', async () => {
    await env.BUCKET.put('files/x/y/secret.pdf', 'secret')
    for (const path of [
      '/media/files/x/y/secret.pdf',
      '/media/listings/../files/x/y/secret.pdf',
      '/media/listings/%2e%2e/files/x/y/secret.pdf',
      '/media/listings/nope/nope/thumb.webp',
      '/media/',
    ]) {
      const response = await call(path)
      expect(response.status, path).toBe(404)
      expect(await response.text(), path).not.toContain('secret')
    }
  })
})

describe('the file of a digital listing', () => {
  it('stores the file privately and replaces an earlier one', async () => {
    const listingId = await newListing(seller, 'digital')
    const first = await upload(listingId, text('%PDF-1.7 first'), {
      path: 'file',
      name: 'Quilt pattern (A4).pdf',
      type: 'application/pdf',
    })
    expect(first.status).toBe(201)
    expect(await first.json()).toEqual({ name: 'Quilt pattern (A4).pdf', bytes: 14 })
    const row = await listingRow(listingId)
    expect(row).toMatchObject({ file_name: 'Quilt pattern (A4).pdf', file_bytes: 14 })
    expect(row?.file_key).toMatch(
      new RegExp(`^files/${listingId}/[\\w-]+/Quilt_pattern_A4_\\.pdf$`),
    )
    const firstKey = row?.file_key as string
    expect(await (await env.BUCKET.get(firstKey))?.text()).toBe('%PDF-1.7 first')
    expect((await call(`/media/${firstKey}`)).status).toBe(404)

    const second = await upload(listingId, text('%PDF-1.7 second!'), {
      path: 'file',
      name: 'pattern.pdf',
    })
    expect(second.status).toBe(201)
    const replaced = await listingRow(listingId)
    expect(replaced).toMatchObject({ file_name: 'pattern.pdf', file_bytes: 16 })
    expect(await env.BUCKET.head(firstKey)).toBeNull()
    expect(await env.BUCKET.head(replaced?.file_key as string)).not.toBeNull()
  })

  it.each([
    ['with a final CRLF (browsers, curl)', '\r\n'],
    ['without one (workerd)', ''],
  ])('streams a file of several R2 parts, its closing boundary %s', async (_name, epilogue) => {
    const listingId = await newListing(seller, 'digital')
    const file = new Uint8Array(9 * 1024 * 1024 + 3).map((_, i) => (i * 7) % 251)
    const head = text(
      '--b0und\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n' +
        'Content-Type: application/octet-stream\r\n\r\n',
    )
    const body = new Blob([head, file, text(`\r\n--b0und--${epilogue}`)])
    const response = await call(`/api/v1/listings/${listingId}/file`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'multipart/form-data; boundary=b0und' },
      as: seller,
    })
    expect(response.status).toBe(201)
    expect(await response.json()).toEqual({ name: 'big.bin', bytes: file.byteLength })
    const key = (await listingRow(listingId))?.file_key as string
    const stored = new Uint8Array(await (await env.BUCKET.get(key))!.arrayBuffer())
    const digest = async (bytes: Uint8Array<ArrayBuffer>) =>
      new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
    expect(await digest(stored)).toEqual(await digest(file))
  })

  it('refuses a file over 100 MB from its Content-Length, before the file arrives', async () => {
    const listingId = await newListing(seller, 'digital')
    const before = await storedState()
    const head = text(
      '--x\r\nContent-Disposition: form-data; name="file"; filename="big.zip"\r\n\r\n',
    )
    // The parser reads in 4 kB blocks: the head and the file's first block, then nothing more.
    const neverEnding = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(head)
        controller.enqueue(new Uint8Array(4096))
      },
    })
    const request = new Request(`${ORIGIN}/api/v1/listings/${listingId}/file`, {
      method: 'POST',
      body: neverEnding,
      headers: {
        'content-type': 'multipart/form-data; boundary=x',
        'content-length': String(100 * 1024 * 1024 + head.byteLength + 10),
        cookie: seller.cookie,
      },
    })
    const response = await app.fetch(request, env, createExecutionContext())
    expect(response.status).toBe(413)
    expect(await storedState()).toEqual(before)
  })

  it.each([
    ['a second part after the file', (form: FormData) => form.append('note', 'hello')],
    ['no file part', (form: FormData) => form.delete('file')],
  ])('refuses a form with %s (400 fields.file), writing nothing', async (_name, change) => {
    const listingId = await newListing(seller, 'digital')
    const before = await storedState()
    const form = new FormData()
    form.append('file', new File([text('%PDF-1.7')], 'a.pdf'))
    change(form)
    const response = await call(`/api/v1/listings/${listingId}/file`, {
      method: 'POST',
      body: form,
      as: seller,
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: { fields: { file: expect.any(String) } } })
    expect(await storedState()).toEqual(before)
  })

  it('refuses a physical listing (409 not_digital) and other sellers, writing nothing', async () => {
    const physical = await newListing(seller)
    const before = await storedState()
    const response = await upload(physical, text('data'), { path: 'file', name: 'a.zip' })
    expect(response.status).toBe(409)
    expect(await response.json()).toMatchObject({ error: { code: 'not_digital' } })
    const digital = await newListing(seller, 'digital')
    const after = await storedState()
    const other = await upload(digital, text('data'), { path: 'file', name: 'a.zip', as: stranger })
    expect([403, 404]).toContain(other.status)
    expect(before.objects).toEqual(after.objects)
    expect(await storedState()).toEqual(after)
  })
})

// --- Streamed uploads: the parser, the page form, limits -------------------------------------

/** The `_csrf` of the editor's forms, as a browser would send it back. */
const editorCsrf = (listingId: string) => csrfOf(`/sell/listings/${listingId}`, seller)

/** A raw multipart body, parts in the given order, so tests control exactly what is sent. */
function multipartBody(parts: (string | Uint8Array<ArrayBuffer>)[]) {
  return new Blob(parts.map((part) => (typeof part === 'string' ? text(part) : part)))
}

const field = (name: string, value: string) =>
  `--b0und\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
const fileHead = (name = 'pattern.pdf') =>
  `--b0und\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
  'Content-Type: application/pdf\r\n\r\n'
const MULTIPART = { 'content-type': 'multipart/form-data; boundary=b0und' }

describe('uploading the digital file through the editor form (no JavaScript)', () => {
  it('stores the file when the token precedes it, and redirects back to the editor', async () => {
    const listingId = await newListing(seller, 'digital')
    const body = new FormData()
    body.append('_csrf', await editorCsrf(listingId))
    body.append('file', new File([text('%PDF-1.7 from the form')], 'Pattern.pdf'))
    const response = await call(`/sell/listings/${listingId}/file`, {
      method: 'POST',
      body,
      as: seller,
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(`/sell/listings/${listingId}?done=file-added`)
    const row = await listingRow(listingId)
    expect(row).toMatchObject({ file_name: 'Pattern.pdf', file_bytes: 22 })
    expect(await (await env.BUCKET.get(row?.file_key as string))?.text()).toBe(
      '%PDF-1.7 from the form',
    )
  })

  it('refuses a token sent after the file (403) or a wrong one, storing nothing', async () => {
    const listingId = await newListing(seller, 'digital')
    const token = await editorCsrf(listingId)
    const before = await storedState()
    for (const parts of [
      [fileHead(), '%PDF-1.7', '\r\n', field('_csrf', token).slice(0, -2), '\r\n--b0und--\r\n'],
      [field('_csrf', 'not-the-token'), fileHead(), '%PDF-1.7', '\r\n--b0und--\r\n'],
    ]) {
      const response = await call(`/sell/listings/${listingId}/file`, {
        method: 'POST',
        body: multipartBody(parts),
        headers: MULTIPART,
        as: seller,
      })
      expect(response.status).toBe(403)
    }
    expect(await storedState()).toEqual(before)
  })

  it('refuses a file over 100 MB with 413 from its Content-Length, storing nothing', async () => {
    const listingId = await newListing(seller, 'digital')
    const token = await editorCsrf(listingId)
    const before = await storedState()
    const head = text(field('_csrf', token) + fileHead('huge.zip'))
    // The parser reads in 4 kB blocks: the head and the file's first block, then nothing more.
    const neverEnding = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(head)
        controller.enqueue(new Uint8Array(4096))
      },
    })
    const request = new Request(`${ORIGIN}/sell/listings/${listingId}/file`, {
      method: 'POST',
      body: neverEnding,
      headers: {
        ...MULTIPART,
        // The file, 1 byte over the limit, and its closing `\r\n--b0und--\r\n`.
        'content-length': String(head.byteLength + 100 * 1024 * 1024 + 1 + 13),
        cookie: seller.cookie,
      },
    })
    const response = await app.fetch(request, env, createExecutionContext())
    expect(response.status).toBe(413)
    expect(await response.text()).toContain('100 MB')
    expect(await storedState()).toEqual(before)
  })
})

describe('streamed file uploads', () => {
  it('lets a Content-Length that leaves exactly 100 MB for the file through', async () => {
    const listingId = await newListing(seller, 'digital')
    const head = text(fileHead('exact.bin'))
    const tail = text('\r\n--b0und--\r\n')
    // Only the declared length is judged before the body is read: the bytes sent are few.
    const declared = head.byteLength + 100 * 1024 * 1024 + tail.byteLength
    const request = new Request(`${ORIGIN}/api/v1/listings/${listingId}/file`, {
      method: 'POST',
      body: multipartBody([head, '%PDF-1.7', tail]),
      headers: { ...MULTIPART, 'content-length': String(declared), cookie: seller.cookie },
    })
    const response = await app.fetch(request, env, createExecutionContext())
    expect(response.status).toBe(201)
    const tooLong = new Request(request.url, {
      method: 'POST',
      body: multipartBody([head, '%PDF-1.7', tail]),
      headers: { ...MULTIPART, 'content-length': String(declared + 1), cookie: seller.cookie },
    })
    expect((await app.fetch(tooLong, env, createExecutionContext())).status).toBe(413)
  })

  it('refuses a file that streams past 100 MB without a Content-Length (413), leaving nothing', async () => {
    const listingId = await newListing(seller, 'digital')
    const before = await storedState()
    const chunk = new Uint8Array(1024 * 1024).fill(1)
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(sent === 0 ? text(fileHead('endless.bin')) : chunk)
        sent += 1
      },
    })
    const request = new Request(`${ORIGIN}/api/v1/listings/${listingId}/file`, {
      method: 'POST',
      body,
      headers: { ...MULTIPART, cookie: seller.cookie },
    })
    const response = await app.fetch(request, env, createExecutionContext())
    expect(response.status).toBe(413)
    // It stopped reading soon after the limit instead of buffering the rest.
    expect(sent).toBeLessThan(110)
    expect(await storedState()).toEqual(before)
  }, 60_000)

  it.each([
    ['no closing boundary', [fileHead(), '%PDF-1.7 cut short']],
    ['a closing boundary cut short', [fileHead(), '%PDF-1.7\r\n--b0und']],
    ['no boundary at all', ['this is not a multipart body']],
    ['an empty body', ['']],
    ['part headers without their blank line', ['--b0und\r\nContent-Disposition: form-data']],
    ['a field after the file', [fileHead(), '%PDF', '\r\n', field('note', 'hi'), '--b0und--']],
    ['a field before the file', [field('note', 'hi'), fileHead(), '%PDF\r\n--b0und--']],
    ['headers over 16 kB', [`--b0und\r\nX-Pad: ${'x'.repeat(17_000)}\r\n\r\n`]],
  ])('answers 400 for a malformed body (%s), storing nothing', async (_name, parts) => {
    const listingId = await newListing(seller, 'digital')
    const before = await storedState()
    const response = await call(`/api/v1/listings/${listingId}/file`, {
      method: 'POST',
      body: multipartBody(parts),
      headers: MULTIPART,
      as: seller,
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      error: { code: 'invalid_input', fields: { file: expect.any(String) } },
    })
    expect(await storedState()).toEqual(before)
  })

  it('answers 400 for a malformed body on the editor form too, storing nothing', async () => {
    const listingId = await newListing(seller, 'digital')
    const token = await editorCsrf(listingId)
    const before = await storedState()
    const response = await call(`/sell/listings/${listingId}/file`, {
      method: 'POST',
      body: multipartBody([field('_csrf', token), fileHead(), '%PDF-1.7 cut short']),
      headers: MULTIPART,
      as: seller,
    })
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('multipart/form-data')
    expect(await storedState()).toEqual(before)
  })
})
