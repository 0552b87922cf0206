import type { ComponentChildren } from 'preact'

/** The hidden anti-CSRF field every state-changing form carries. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />
}

/** The ids a field and its texts use: `field-<name>`, plus `-hint` and `-error`. */
export function fieldIds(name: string) {
  const id = `field-${name}`
  return { id, hint: `${id}-hint`, error: `${id}-error` }
}

/** The `aria-describedby` value for a field: its error first, then its hint; none when neither. */
export function describedBy(name: string, has: { error?: string; hint?: string }) {
  const ids = fieldIds(name)
  const list = [has.error ? ids.error : '', has.hint ? ids.hint : ''].filter(Boolean)
  return list.length > 0 ? list.join(' ') : undefined
}

/**
 * Label, hint and error around any control. The caller wires the control's `id`,
 * `aria-invalid` and `aria-describedby` (see `fieldIds`, `describedBy`); `Field` does it for
 * plain inputs, a page does it by hand for an island.
 */
export function FieldShell(props: {
  name: string
  label: string
  error?: string
  hint?: ComponentChildren
  required?: boolean
  children: ComponentChildren
}) {
  const ids = fieldIds(props.name)
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label class="field__label" for={ids.id}>
        {props.label}
        {!props.required && <span class="field__optional"> (optional)</span>}
      </label>
      {props.hint && (
        <p class="field__hint" id={ids.hint}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field__error" id={ids.error}>
          <span class="visually-hidden">Error: </span>
          {props.error}
        </p>
      )}
      {props.children}
    </div>
  )
}

/** Props of {@link Field}. */
export type FieldProps = {
  label: string
  name: string
  type?: 'text' | 'email' | 'url' | 'tel' | 'search' | 'password'
  value?: string
  error?: string
  hint?: string
  autocomplete?: string
  required?: boolean
  multiline?: boolean
  maxLength?: number
  inputMode?: 'text' | 'email' | 'url' | 'numeric' | 'decimal' | 'tel' | 'search' | 'none'
}

/** A labelled input (or textarea when `multiline`) with its hint and error linked for readers. */
export function Field(props: FieldProps) {
  const control = {
    id: fieldIds(props.name).id,
    name: props.name,
    class: props.multiline ? 'input input--multiline' : 'input',
    value: props.value ?? '',
    required: props.required,
    maxLength: props.maxLength,
    inputMode: props.inputMode,
    autocomplete: props.autocomplete,
    'aria-invalid': props.error ? ('true' as const) : undefined,
    'aria-describedby': describedBy(props.name, props),
  }
  // Preact 11 types each input `type` as its own variant and cannot check a union of them;
  // every type FieldProps allows takes the same attributes as 'text'.
  const inputType = (props.type ?? 'text') as 'text'
  return (
    <FieldShell
      name={props.name}
      label={props.label}
      error={props.error}
      hint={props.hint}
      required={props.required}
    >
      {props.multiline ? (
        <textarea rows={6} {...control} />
      ) : (
        <input type={inputType} {...control} />
      )}
    </FieldShell>
  )
}

/**
 * "There is a problem" box above a form: each field error links to its field, and `message`
 * carries an error that belongs to no one field. The client moves focus here on load.
 */
export function ErrorSummary({
  errors,
  message,
}: {
  errors: Record<string, string>
  message?: string
}) {
  const entries = Object.entries(errors)
  if (entries.length === 0 && !message) return null
  return (
    <div class="error-summary" tabIndex={-1} data-focus-on-load>
      <h2 class="error-summary__title" id="error-summary-title">
        There is a problem
      </h2>
      {message && <p>{message}</p>}
      {entries.length > 0 && (
        <ul class="error-summary__list">
          {entries.map(([name, text]) => (
            <li key={name}>
              <a href={`#${fieldIds(name).id}`}>{text}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

/** A form's submit button; `name`/`value` let one form offer several actions. */
export function SubmitButton(props: {
  children: ComponentChildren
  name?: string
  value?: string
  variant?: 'primary' | 'secondary' | 'danger'
}) {
  return (
    <button
      type="submit"
      class={`button button--${props.variant ?? 'primary'}`}
      name={props.name}
      value={props.value}
    >
      {props.children}
    </button>
  )
}
