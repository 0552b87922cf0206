/** The checks every uploaded picture passes, whether it came through the API or a page form. */
import { AppError } from '../lib/errors.ts'
import {
  type ImageFacts,
  MAX_IMAGE_BYTES,
  MAX_IMAGE_SIDE,
  sniffImage,
  megabytes,
} from './images.ts'

export interface CheckedImage {
  bytes: Uint8Array<ArrayBuffer>
  facts: ImageFacts
}

/**
 * The picture's bytes and what they are, judged by the bytes alone (never the name or the
 * declared type): 413 past the size limit, 415 for anything but a whole JPEG, PNG or WebP,
 * 400 past the largest side we take.
 */
export async function checkedImage(file: File): Promise<CheckedImage> {
  const name = file.name || 'The file'
  if (file.size > MAX_IMAGE_BYTES) {
    throw new AppError(
      413,
      'payload_too_large',
      `${name} is larger than ${megabytes(MAX_IMAGE_BYTES)}.`,
      {
        file: `An image can be at most ${megabytes(MAX_IMAGE_BYTES)}.`,
      },
    )
  }
  const bytes = new Uint8Array(await file.arrayBuffer())
  const facts = sniffImage(bytes)
  if (!facts) {
    throw new AppError(415, 'unsupported_media_type', `${name} is not a JPEG, PNG or WebP image.`, {
      file: 'Upload a JPEG, PNG or WebP image.',
    })
  }
  if (facts.width > MAX_IMAGE_SIDE || facts.height > MAX_IMAGE_SIDE) {
    throw new AppError(400, 'invalid_input', `${name} is too large.`, {
      file: `An image can be at most ${MAX_IMAGE_SIDE} pixels wide and high.`,
    })
  }
  return { bytes, facts }
}

/** The WebP chunks that carry metadata: EXIF (camera, GPS) and XMP (any text at all). */
const METADATA_CHUNKS = new Set(['EXIF', 'XMP '])
/** The VP8X header's flags that announce those chunks. */
const VP8X_EXIF_FLAG = 0x08
const VP8X_XMP_FLAG = 0x04

/**
 * A variant fit to be public: a whole WebP image (null for an empty or broken one, which is what
 * a damaged upload can come out as) with its EXIF and XMP chunks removed. The Images binding
 * writes none into WebP today; this keeps the promise if that ever changes.
 */
export function publicVariant(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> | null {
  if (bytes.byteLength === 0 || sniffImage(bytes)?.type !== 'image/webp') return null
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const kept: Uint8Array[] = [bytes.subarray(0, 12)]
  let size = 4
  for (let i = 12; i + 8 <= bytes.byteLength;) {
    const fourcc = String.fromCharCode(...bytes.subarray(i, i + 4))
    const end = Math.min(bytes.byteLength, i + 8 + view.getUint32(i + 4, true))
    const next = end + (end % 2)
    if (!METADATA_CHUNKS.has(fourcc)) {
      const chunk = bytes.slice(i, next)
      if (fourcc === 'VP8X') chunk[8] = (chunk[8] as number) & ~(VP8X_EXIF_FLAG | VP8X_XMP_FLAG)
      kept.push(chunk)
      size += chunk.byteLength
    }
    i = next
  }
  const out = new Uint8Array(8 + size)
  let offset = 0
  for (const part of kept) {
    out.set(part, offset)
    offset += part.byteLength
  }
  new DataView(out.buffer).setUint32(4, size, true)
  return out
}
