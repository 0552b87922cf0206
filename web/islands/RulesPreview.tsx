import { useEffect, useState } from 'preact/hooks'

import { PreviewPanel } from '../components/surplus/PreviewPanel'
import { draftFromFields, formErrors, rulesFromDraft } from '../components/surplus/rules-draft'
import { previewFigures, type PreviewFigures } from '../components/surplus/types'

/** Props of {@link RulesPreview}: plain JSON, since the server sends them to the client. */
export type RulesPreviewProps = {
  year: number
  /** The id of the rules form the island reads. */
  formId: string
  currency: string
  maxPools: number
  /** What the server showed: the preview of the rules as they stand, or null. */
  figures: PreviewFigures | null
  errors: Record<string, string>
}

/** Waits this long after the last keystroke before asking for a preview. */
export const DEBOUNCE_MS = 400

type Answer = Parameters<typeof previewFigures>[0] & { error?: { fields?: Record<string, string> } }

/** The form's fields as posted, without the CSRF token or the button. */
function fieldsOf(form: HTMLFormElement): Record<string, string> {
  const fields: Record<string, string> = {}
  // forEach, not for…of: the Worker's tsconfig (which checks this file too) has no DOM.Iterable.
  new FormData(form).forEach((value, key) => {
    if (typeof value === 'string') fields[key] = value
  })
  return fields
}

/**
 * The rules editor's preview, kept up to date as the board types: a moment after the last
 * change it reads the form, turns it into rules as the server would, and posts them to
 * `POST /api/v1/board/years/{year}/preview`, which stores nothing. The figures or the errors
 * are announced politely. On the server (and without JavaScript) it is the preview of the last
 * submit, and the form's "Preview" button does the same by a round trip.
 */
export function RulesPreview(props: RulesPreviewProps) {
  const [figures, setFigures] = useState(props.figures)
  const [errors, setErrors] = useState(props.errors)
  const [note, setNote] = useState('')

  useEffect(() => {
    const form = document.getElementById(props.formId)
    if (!(form instanceof HTMLFormElement)) return
    let timer: ReturnType<typeof setTimeout> | undefined
    let inFlight: AbortController | undefined

    async function refresh(target: HTMLFormElement) {
      const draft = draftFromFields(fieldsOf(target), props.maxPools)
      const { rules, errors: own } = rulesFromDraft(draft, props.currency)
      if (Object.keys(own).length > 0) {
        setErrors(own)
        setNote('')
        return
      }
      inFlight?.abort()
      const controller = new AbortController()
      inFlight = controller
      setNote('Updating the preview…')
      try {
        const response = await fetch(`/api/v1/board/years/${props.year}/preview`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ rules }),
          signal: controller.signal,
        })
        const answer = (await response.json()) as Answer
        if (response.ok) {
          setFigures(previewFigures(answer))
          setErrors({})
          setNote('')
        } else {
          setErrors(formErrors(answer.error?.fields ?? { pools: 'The preview failed.' }))
          setNote('')
        }
      } catch (error) {
        if (controller.signal.aborted) return
        setNote('The preview could not be updated; use the Preview button.')
        console.error('rules preview failed', error)
      }
    }

    const onInput = () => {
      clearTimeout(timer)
      timer = setTimeout(() => void refresh(form), DEBOUNCE_MS)
    }
    form.addEventListener('input', onInput)
    form.addEventListener('change', onInput)
    return () => {
      clearTimeout(timer)
      inFlight?.abort()
      form.removeEventListener('input', onInput)
      form.removeEventListener('change', onInput)
    }
  }, [props.formId, props.year, props.currency, props.maxPools])

  return (
    <section class="rules-preview" aria-labelledby="rules-preview-title">
      <h2 id="rules-preview-title">Preview</h2>
      <div aria-live="polite">
        <PreviewPanel figures={figures} errors={errors} note={note} />
      </div>
    </section>
  )
}
