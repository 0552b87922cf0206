import { useEffect, useState } from 'preact/hooks'

/** Props of {@link ImageUploader}: plain JSON, since the server sends them to the client. */
export type ImageUploaderProps = {
  listingId: string
  csrfToken?: string
  /** How many more images the listing may have (12 at most in all). */
  room: number
}

type Upload = {
  name: string
  preview: string
  loaded: number
  total: number
  state: 'waiting' | 'sending' | 'done' | 'failed'
  error?: string
}

/** The browser APIs used here that the Worker's type library (which also checks islands) lacks. */
type Browser = {
  XMLHttpRequest: new () => {
    open(method: string, url: string): void
    upload: { onprogress: ((event: { loaded: number; total: number }) => void) | null }
    onload: (() => void) | null
    onerror: (() => void) | null
    status: number
    responseText: string
    send(body: FormData): void
  }
  location: { reload(): void }
}
const browser = globalThis as unknown as Browser

const ACCEPT = 'image/jpeg,image/png,image/webp'

/**
 * Adding pictures to a listing. Without JavaScript it is a plain multipart form that the page
 * route stores; once hydrated, it sends each file to the JSON API itself, with a preview, a
 * progress bar and its own error, then reloads the page to show the new list.
 */
export function ImageUploader(props: ImageUploaderProps) {
  const [enhanced, setEnhanced] = useState(false)
  const [files, setFiles] = useState<File[]>([])
  const [uploads, setUploads] = useState<Upload[]>([])
  const [busy, setBusy] = useState(false)
  useEffect(() => setEnhanced(true), [])

  const update = (index: number, change: Partial<Upload>) =>
    setUploads((list) => list.map((u, i) => (i === index ? { ...u, ...change } : u)))

  async function send(event: Event) {
    event.preventDefault()
    if (busy || files.length === 0) return
    setBusy(true)
    const chosen = files.slice(0, Math.max(0, props.room))
    setUploads(
      chosen.map((file) => ({
        name: file.name,
        preview: URL.createObjectURL(file),
        loaded: 0,
        total: file.size,
        state: 'waiting',
      })),
    )
    let stored = 0
    for (const [index, file] of chosen.entries()) {
      update(index, { state: 'sending' })
      const error = await uploadOne(props.listingId, file, (loaded, total) =>
        update(index, { loaded, total }),
      )
      update(index, error ? { state: 'failed', error } : { state: 'done', loaded: file.size })
      if (!error) stored += 1
    }
    setBusy(false)
    // Every file through: show the list as the server now has it. Otherwise stay, so the
    // errors can be read; the stored ones appear on the next load.
    if (stored === chosen.length) browser.location.reload()
  }

  return (
    <form
      class="uploader"
      method="post"
      enctype="multipart/form-data"
      action={`/sell/listings/${encodeURIComponent(props.listingId)}/images`}
      onSubmit={send}
    >
      {props.csrfToken !== undefined && (
        <input type="hidden" name="_csrf" value={props.csrfToken} />
      )}
      <label class="field__label" for="field-file">
        Add pictures
      </label>
      <p class="field__hint" id="uploader-hint">
        JPEG, PNG or WebP, up to 10 MB each. The first picture is the cover.
      </p>
      <input
        id="field-file"
        class="uploader__input"
        type="file"
        name="file"
        accept={ACCEPT}
        multiple
        required
        aria-describedby="uploader-hint"
        onChange={(event) =>
          setFiles(Array.from((event.currentTarget as unknown as { files: File[] }).files ?? []))
        }
      />
      <p class="actions">
        <button class="button button--primary" type="submit" disabled={busy}>
          {busy ? 'Uploading…' : 'Upload'}
        </button>
      </p>
      {enhanced && uploads.length > 0 && (
        <ul class="uploads" aria-live="polite">
          {uploads.map((upload, index) => (
            <UploadRow key={index} upload={upload} />
          ))}
        </ul>
      )}
      {enhanced && files.length > props.room && (
        <p class="field__error">
          Only {props.room} more picture{props.room === 1 ? '' : 's'} fit: the first {props.room}{' '}
          will be uploaded.
        </p>
      )}
    </form>
  )
}

function UploadRow({ upload }: { upload: Upload }) {
  const status =
    upload.state === 'failed'
      ? upload.error
      : upload.state === 'done'
        ? 'Uploaded'
        : upload.state === 'sending'
          ? 'Uploading…'
          : 'Waiting'
  return (
    <li class={`upload upload--${upload.state}`}>
      <img class="upload__preview" src={upload.preview} alt="" />
      <div class="upload__body">
        <p class="upload__name">{upload.name}</p>
        <progress
          class="upload__progress"
          max={upload.total || 1}
          value={upload.loaded}
          aria-label={`Upload of ${upload.name}`}
        />
        <p class={upload.state === 'failed' ? 'upload__status field__error' : 'upload__status'}>
          {status}
        </p>
      </div>
    </li>
  )
}

/** Sends one file; resolves to an error message to show, or null when it was stored. */
function uploadOne(
  listingId: string,
  file: File,
  progress: (loaded: number, total: number) => void,
): Promise<string | null> {
  return new Promise((resolve) => {
    const request = new browser.XMLHttpRequest()
    request.open('POST', `/api/v1/listings/${encodeURIComponent(listingId)}/images`)
    request.upload.onprogress = (event) => progress(event.loaded, event.total)
    request.onerror = () => resolve('The upload did not reach the server. Check your connection.')
    request.onload = () => {
      if (request.status === 201) return resolve(null)
      if (request.status === 413) return resolve('Too large: pictures can be at most 10 MB.')
      if (request.status === 415) return resolve('Not a JPEG, PNG or WebP picture.')
      resolve(errorMessage(request.responseText) ?? `Upload failed (error ${request.status}).`)
    }
    const body = new FormData()
    body.append('file', file)
    request.send(body)
  })
}

function errorMessage(text: string): string | null {
  try {
    const body = JSON.parse(text) as { error?: { message?: string } }
    return body.error?.message ?? null
  } catch {
    return null
  }
}
