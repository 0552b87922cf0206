/**
 * Streaming a body of unknown length into R2 without holding it: an R2 multipart upload fed one
 * part at a time, aborted on any failure so that nothing is stored.
 */
import { AppError } from '../lib/errors.ts'

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
    if (total === 0) {
      throw new AppError(400, 'invalid_input', 'Send the file as multipart/form-data.', {
        file: 'The file is empty.',
      })
    }
    if (filled > 0) parts.push(await upload.uploadPart(parts.length + 1, part.subarray(0, filled)))
    await upload.complete(parts)
    return total
  } catch (error) {
    await upload.abort()
    throw error
  }
}
