/**
 * Multipart form posts of the seller pages (pictures and a digital file without JavaScript),
 * checked by the same rules as the JSON API: images judged by their bytes, sizes capped, and
 * every file refused before anything is stored. The digital file streams into R2 as in the API,
 * so its form's `_csrf` field must come before the file part (browsers send fields in the
 * order of the form, and the editor's form puts the token first).
 */
import { AppError } from '../lib/errors.ts'
import { hasMediaType } from '../lib/validate.ts'
import { type CheckedImage, checkedImage } from './image-checks.ts'
import { streamFileUpload, type StreamedUpload } from './multipart-file.ts'
import { MAX_FILE_BYTES, MAX_IMAGE_BYTES, MULTIPART_OVERHEAD_BYTES, megabytes } from './images.ts'

/**
 * A page post may carry several pictures, but the Worker holds the whole body in memory to read
 * it, so the form takes at most this much at once (the island sends pictures one by one).
 */
export const MAX_FORM_IMAGE_BYTES = 2 * MAX_IMAGE_BYTES

/** The form's fields and files; 413 past `maxBytes`, 400 when it is not a multipart form. */
async function readMultipart(request: Request, maxBytes: number) {
  const invalid = (message: string) =>
    new AppError(400, 'invalid_input', 'Choose a file to upload.', { file: message })
  if (!hasMediaType(request, 'multipart/form-data')) throw invalid('Attach a file.')
  // Browsers always declare the length of a form post; without it the body is not read at all.
  const declared = Number(request.headers.get('content-length') ?? NaN)
  if (!Number.isFinite(declared) || declared > maxBytes + MULTIPART_OVERHEAD_BYTES) {
    throw new AppError(413, 'payload_too_large', `Upload at most ${megabytes(maxBytes)} at once.`, {
      file: `Upload at most ${megabytes(maxBytes)} at once.`,
    })
  }
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    throw invalid('The upload could not be read.')
  }
  const csrf = form.get('_csrf')
  const fields: Record<string, string> = typeof csrf === 'string' ? { _csrf: csrf } : {}
  const files = form
    .getAll('file')
    .filter((value): value is File => typeof value !== 'string' && value.size > 0)
  if (files.length === 0) throw invalid('Choose a file first.')
  return { fields, files }
}

/** The pictures of an upload form, each checked; 413 or 415 names the file that failed. */
export async function readImageUploads(request: Request) {
  const { fields, files } = await readMultipart(request, MAX_FORM_IMAGE_BYTES)
  const images: CheckedImage[] = []
  for (const file of files) images.push(await checkedImage(file))
  return { fields, images }
}

/**
 * The digital file of the editor's upload form: the `_csrf` field read first and passed to
 * `verify` before a byte of the file is stored, then the file as a stream for R2, never held in
 * memory; 413 past 100 MB. When `verify` throws, the rest of the body is cancelled rather than
 * left unread, so the client gets the answer at once instead of waiting to send the file.
 */
export async function readFileUpload(
  request: Request,
  verify: (fields: Record<string, string>) => void,
): Promise<StreamedUpload> {
  const upload = await streamFileUpload(request, { maxBytes: MAX_FILE_BYTES, fields: ['_csrf'] })
  try {
    verify(upload.fields)
  } catch (error) {
    await upload.file.body.cancel()
    throw error
  }
  return upload
}
