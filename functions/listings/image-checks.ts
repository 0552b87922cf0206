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
