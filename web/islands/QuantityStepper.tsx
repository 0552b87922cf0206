import { useEffect, useRef, useState } from 'preact/hooks'

import { CsrfField } from '../components/forms'

/** Props of {@link QuantityStepper}: plain JSON, since the server sends them to the client. */
export type QuantityStepperProps = {
  listingId: string
  title: string
  quantity: number
  /** The most the line may hold (what is left, at most the cart's limit). */
  max: number
  csrfToken?: string
}

/**
 * A cart line's quantity form. On the server (and with JavaScript off) it is a labelled number
 * input and an "Update" button; once hydrated it gains − and + buttons that change the number
 * and send the form at once. They only appear after hydration, so the first render matches.
 */
export function QuantityStepper(props: QuantityStepperProps) {
  const [enhanced, setEnhanced] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => setEnhanced(true), [])
  const id = `quantity-${props.listingId}`

  function step(by: number) {
    const field = input.current
    if (!field) return
    const next = Math.min(props.max, Math.max(1, Number(field.value) + by))
    if (next === Number(field.value)) return
    field.value = String(next)
    field.form?.requestSubmit()
  }

  return (
    <form class="stepper" method="post" action="/cart/items/quantity">
      {props.csrfToken !== undefined && <CsrfField token={props.csrfToken} />}
      <input type="hidden" name="listing_id" value={props.listingId} />
      <label class="stepper__label" for={id}>
        Quantity<span class="visually-hidden"> of {props.title}</span>
      </label>
      <div class="stepper__row">
        {enhanced && (
          <button
            type="button"
            class="button button--secondary button--small stepper__step"
            aria-label={`One fewer ${props.title}`}
            disabled={props.quantity <= 1}
            onClick={() => step(-1)}
          >
            −
          </button>
        )}
        <input
          ref={input}
          id={id}
          class="input stepper__input"
          type="number"
          name="quantity"
          inputMode="numeric"
          min={1}
          max={Math.max(1, props.max)}
          value={String(props.quantity)}
          required
        />
        {enhanced && (
          <button
            type="button"
            class="button button--secondary button--small stepper__step"
            aria-label={`One more ${props.title}`}
            disabled={props.quantity >= props.max}
            onClick={() => step(1)}
          >
            +
          </button>
        )}
        <button type="submit" class="button button--secondary button--small">
          Update<span class="visually-hidden"> quantity of {props.title}</span>
        </button>
      </div>
    </form>
  )
}
