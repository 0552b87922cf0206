import { useEffect, useState } from 'preact/hooks'

/** Props of {@link PasswordInput}: plain JSON, since the server sends them to the client. */
export type PasswordInputProps = {
  id: string
  name: string
  autocomplete: 'new-password' | 'current-password'
  required?: boolean
  /** When set, the browser enforces it and the island shows how many characters are left. */
  minLength?: number
  invalid?: boolean
  describedBy?: string
}

/**
 * A password input. On the server (and with JavaScript off) it is a plain `<input
 * type="password">`; once hydrated it gains a show/hide toggle and a live length count. Both
 * only appear after hydration, so the first client render matches the server's exactly.
 */
export function PasswordInput(props: PasswordInputProps) {
  const [enhanced, setEnhanced] = useState(false)
  const [visible, setVisible] = useState(false)
  const [length, setLength] = useState(0)
  useEffect(() => setEnhanced(true), [])

  const input = {
    id: props.id,
    name: props.name,
    class: 'input password__input',
    autocomplete: props.autocomplete,
    required: props.required,
    minLength: props.minLength,
    spellcheck: false,
    autocapitalize: 'none' as const,
    'aria-invalid': props.invalid ? ('true' as const) : undefined,
    'aria-describedby': props.describedBy,
    onInput: (e: { currentTarget: unknown }) =>
      setLength((e.currentTarget as { value: string }).value.length),
  }
  return (
    <div class="password">
      <div class="password__row">
        {/* Two branches rather than a variable `type`: Preact keeps the one DOM input either way. */}
        {visible ? <input type="text" {...input} /> : <input type="password" {...input} />}
        {enhanced && (
          <button
            type="button"
            class="button button--secondary password__toggle"
            aria-pressed={visible}
            aria-controls={props.id}
            onClick={() => setVisible(!visible)}
          >
            Show<span class="visually-hidden"> password</span>
          </button>
        )}
      </div>
      {enhanced && props.minLength !== undefined && (
        <LengthCount length={length} min={props.minLength} />
      )}
    </div>
  )
}

function LengthCount({ length, min }: { length: number; min: number }) {
  const left = min - length
  const text = left > 0 ? `${left} more character${left === 1 ? '' : 's'} needed` : 'Long enough'
  return (
    <>
      {/* Visual only: the field's hint already states the minimum for screen readers. */}
      <p
        class={left > 0 ? 'password__count' : 'password__count password__count--ok'}
        aria-hidden="true"
      >
        {length === 0 ? '' : text}
      </p>
      {/* Announce only the moment it becomes long enough, not every keystroke. */}
      <p class="visually-hidden" aria-live="polite">
        {left <= 0 ? 'Password is long enough' : ''}
      </p>
    </>
  )
}
