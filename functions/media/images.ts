/**
 * Listing images and files without bindings: what an upload really is (judged by its bytes, never
 * by its name or declared type), how large it is, the sizes of its variants and the R2 keys.
 */

/** The image types a listing accepts. */
export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp'

/** What the bytes of an accepted image say about it. */
export interface ImageFacts {
  type: ImageType
  extension: 'jpg' | 'png' | 'webp'
  width: number
  height: number
}

/** At most 10 MB per image (spec/api.md). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024
/** A digital listing's file: at most 100 MB. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024
/** Room for the multipart envelope (boundaries, part headers) around the file itself. */
export const MULTIPART_OVERHEAD_BYTES = 16 * 1024
/** The longest side we accept: larger images are rarely photos and cost memory to resize. */
export const MAX_IMAGE_SIDE = 12_000
/** The listings table's CHECK allows at most 12 images. */
export const MAX_IMAGES_PER_LISTING = 12

/** A byte limit as people read it: 10485760 → "10 MB". */
export const megabytes = (bytes: number) => `${bytes / 1024 / 1024} MB`

/** The resized WebP variants, each fitted inside a square box. */
export const VARIANTS = { thumb: 480, large: 1600 } as const
export type Variant = keyof typeof VARIANTS

/** Served objects never change under a key, so caches may keep them for a year. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable'

/**
 * The type and dimensions of a JPEG, PNG or WebP image, read from its header and checked to be
 * whole; null for anything else (another format, a decoy with a borrowed extension, a file
 * cut short, garbage after a header, zero sizes).
 */
export function sniffImage(bytes: Uint8Array): ImageFacts | null {
  const facts = readPng(bytes) ?? readJpeg(bytes) ?? readWebp(bytes)
  if (!facts || facts.width < 1 || facts.height < 1) return null
  return facts
}

const u16be = (b: Uint8Array, i: number) => ((b[i] as number) << 8) | (b[i + 1] as number)
const u16le = (b: Uint8Array, i: number) => (b[i] as number) | ((b[i + 1] as number) << 8)
const u24le = (b: Uint8Array, i: number) => u16le(b, i) | ((b[i + 2] as number) << 16)
const u32be = (b: Uint8Array, i: number) => u16be(b, i) * 65536 + u16be(b, i + 2)
const ascii = (b: Uint8Array, i: number, length: number) =>
  String.fromCharCode(...b.subarray(i, i + length))

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/**
 * PNG: the signature, then the IHDR chunk (always first, 13 bytes) with width and height. The
 * chunks are walked to IEND, so a file cut short or with garbage after its header is refused.
 */
function readPng(b: Uint8Array): ImageFacts | null {
  if (b.length < 24 || PNG_SIGNATURE.some((byte, i) => b[i] !== byte)) return null
  if (u32be(b, 8) !== 13 || ascii(b, 12, 4) !== 'IHDR') return null
  let hasData = false
  for (let i = 8; i + 12 <= b.length; i += 12 + u32be(b, i)) {
    const type = ascii(b, i + 4, 4)
    if (!/^[A-Za-z]{4}$/.test(type) || i + 12 + u32be(b, i) > b.length) return null
    if (type === 'IDAT') hasData = true
    if (type === 'IEND') {
      if (!hasData) return null
      return { type: 'image/png', extension: 'png', width: u32be(b, 16), height: u32be(b, 20) }
    }
  }
  return null
}

/**
 * JPEG: SOI, then segments (0xFF, marker, big-endian length) up to the first scan (SOS). A
 * start-of-frame marker (SOF0–SOF15 except DHT 0xC4, JPG 0xC8 and DAC 0xCC) must come before
 * it, and holds height then width; after the scan an end-of-image marker (0xFFD9) must follow,
 * so a file cut short is refused. (Scan data never holds 0xFFD9: a 0xFF there is stuffed.)
 */
function readJpeg(b: Uint8Array): ImageFacts | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8 || b[2] !== 0xff) return null
  let frame: ImageFacts | null = null
  let i = 2
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null
    const marker = b[i + 1] as number
    // Fill bytes: any number of 0xFF may precede a marker.
    if (marker === 0xff) {
      i += 1
      continue
    }
    // Markers without a length: TEM and RSTn.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2
      continue
    }
    if (marker === 0xd9) return null
    if (marker === 0xda) return frame && hasEndOfImage(b, i) ? frame : null
    const length = u16be(b, i + 2)
    if (length < 2 || i + 2 + length > b.length) return null
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)
    if (isFrame) {
      if (length < 7) return null
      frame = {
        type: 'image/jpeg',
        extension: 'jpg',
        width: u16be(b, i + 7),
        height: u16be(b, i + 5),
      }
    }
    i += 2 + length
  }
  return null
}

function hasEndOfImage(b: Uint8Array, from: number): boolean {
  for (let i = b.length - 2; i >= from; i--) {
    if (b[i] === 0xff && b[i + 1] === 0xd9) return true
  }
  return false
}

/**
 * WebP: a RIFF container whose first chunk is VP8 (lossy: a key frame's start code, then 14-bit
 * sizes), VP8L (lossless: signature 0x2F, then 14-bit sizes minus one) or VP8X (extended: 24-bit
 * canvas sizes minus one). The RIFF and first-chunk sizes must fit in the bytes received.
 */
function readWebp(b: Uint8Array): ImageFacts | null {
  if (b.length < 30 || ascii(b, 0, 4) !== 'RIFF' || ascii(b, 8, 4) !== 'WEBP') return null
  const riffEnd = 8 + u16le(b, 4) + u16le(b, 6) * 65536
  const chunkEnd = 20 + u16le(b, 16) + u16le(b, 18) * 65536
  if (riffEnd > b.length || chunkEnd > riffEnd) return null
  const chunk = ascii(b, 12, 4)
  const data = 20
  const webp = (width: number, height: number): ImageFacts => ({
    type: 'image/webp',
    extension: 'webp',
    width,
    height,
  })
  if (chunk === 'VP8 ') {
    if (b[data + 3] !== 0x9d || b[data + 4] !== 0x01 || b[data + 5] !== 0x2a) return null
    return webp(u16le(b, data + 6) & 0x3fff, u16le(b, data + 8) & 0x3fff)
  }
  if (chunk === 'VP8L') {
    if (b[data] !== 0x2f) return null
    const bits =
      (b[data + 1] as number) |
      ((b[data + 2] as number) << 8) |
      ((b[data + 3] as number) << 16) |
      ((b[data + 4] as number) << 24)
    return webp((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1)
  }
  if (chunk === 'VP8X') return webp(u24le(b, data + 4) + 1, u24le(b, data + 7) + 1)
  return null
}

/**
 * The size of an image fitted inside a `box`×`box` square, keeping its aspect ratio and never
 * enlarging it. Asking the Images binding for exactly this size makes every `fit` mode agree
 * (local mode pads to the box whatever `fit` says; production honours `scale-down`).
 */
export function fitInside(width: number, height: number, box: number) {
  const scale = Math.min(1, box / width, box / height)
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  }
}

/** The server-generated R2 keys of one image: the original and its WebP variants. */
export function imageKeys(listingId: string, imageId: string, extension: ImageFacts['extension']) {
  const base = `listings/${listingId}/${imageId}`
  return {
    original: `${base}/original.${extension}`,
    thumb: `${base}/thumb.webp`,
    large: `${base}/large.webp`,
  }
}

/** Where a digital listing's private file lives: never under `listings/`, so never served. */
export function fileKey(listingId: string, random: string, name: string): string {
  return `files/${listingId}/${random}/${safeFileName(name)}`
}

/**
 * A file name safe to use in a key and a download header: letters, digits, dot, dash and
 * underscore; no leading dots; at most 100 characters, keeping the extension when clipping.
 */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  let safe = base
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[._]+/, '')
  if (safe.length > 100) {
    const dot = safe.lastIndexOf('.')
    const extension = dot > 0 && safe.length - dot <= 10 ? safe.slice(dot) : ''
    safe = safe.slice(0, 100 - extension.length) + extension
  }
  return safe || 'file'
}

/** The name shown to buyers: the uploaded name without paths or control characters. */
export function displayFileName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, 200)
  return base || 'file'
}

/**
 * The keys the media route serves: a listing image's re-encoded WebP variants and a member's
 * square avatar (functions/profile/avatar-store.ts), and nothing else.
 * Originals stay private (they keep the camera's EXIF and text metadata: where a photo was
 * taken, a seller's address); files live outside `listings/`. The ids are ours (`newId`), so a
 * path that cannot be one (too long, odd characters, `..`) is refused before R2 is asked.
 */
const SERVABLE_MEDIA_KEY =
  /^(listings\/[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9_-]{1,64}\/(thumb|large)|avatars\/[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9_-]{1,64}\/square)\.webp$/

/** Whether a media path may be served: see {@link SERVABLE_MEDIA_KEY}. */
export function isServableMediaKey(key: string): boolean {
  return SERVABLE_MEDIA_KEY.test(key)
}
