import type { CategoryOption } from './SearchForm'
import { CsrfField, Field, FieldShell, SubmitButton, describedBy, fieldIds } from './forms'
import { CategoryOptions } from './CategoryOptions'

/** The listing form's fields as text (prices in dollars, tags comma-separated). */
export type ListingFormValues = {
  title: string
  description: string
  price: string
  kind: string
  quantity: string
  /** The stock the editor showed (hidden): an edit changes stock by the difference from it. */
  quantity_seen: string
  shipping: string
  /** `on` when the seller ticked "Free shipping", else empty. */
  free_shipping: string
  category: string
  tags: string
}

/** Props of {@link ListingForm}. */
export type ListingFormProps = {
  action: string
  values: ListingFormValues
  errors: Record<string, string>
  categories: CategoryOption[]
  csrfToken?: string
  /** Set when editing: the kind is chosen once, at creation. */
  fixedKind?: 'physical' | 'digital'
  submitLabel: string
}

/** Creating or editing a listing: a plain form that works without JavaScript. */
export function ListingForm(props: ListingFormProps) {
  const { values, errors } = props
  return (
    <form class="form card listing-form" method="post" action={props.action} novalidate>
      {props.csrfToken !== undefined && <CsrfField token={props.csrfToken} />}
      <Field
        label="Title"
        name="title"
        value={values.title}
        error={errors.title}
        maxLength={140}
        required
      />
      <Field
        label="Description"
        name="description"
        multiline
        value={values.description}
        error={errors.description}
        hint="What it is, how you made it, its size and materials. Blank lines start new paragraphs."
        maxLength={5000}
      />
      <Field
        label="Price"
        name="price"
        value={values.price}
        error={errors.price}
        hint="In dollars, like 12 or 12.50."
        inputMode="decimal"
        required
      />
      {props.fixedKind ? (
        <p class="listing-form__kind">
          <strong>Kind:</strong>{' '}
          {props.fixedKind === 'digital' ? 'Digital download' : 'Physical piece'}{' '}
          <span class="small">(chosen when the listing was created)</span>
        </p>
      ) : (
        <KindChoice value={values.kind} error={errors.kind} />
      )}
      {props.fixedKind !== 'digital' && (
        <div class="listing-form__pair">
          <Field
            label="Quantity"
            name="quantity"
            value={values.quantity}
            error={errors.quantity}
            hint="Physical pieces: how many you have."
            inputMode="numeric"
          />
          {values.quantity_seen && (
            <input type="hidden" name="quantity_seen" value={values.quantity_seen} />
          )}
          <Field
            label="Shipping"
            name="shipping"
            value={values.shipping}
            error={errors.shipping}
            hint="Physical pieces: in dollars, once per order."
            inputMode="decimal"
          />
        </div>
      )}
      {props.fixedKind !== 'digital' && (
        <label class="choice__option listing-form__free-shipping">
          {/* A blank shipping price is not taken to mean free: the seller says so here. */}
          <input
            type="checkbox"
            name="free_shipping"
            value="on"
            checked={values.free_shipping === 'on'}
            aria-describedby={errors.shipping ? fieldIds('shipping').error : undefined}
          />
          <span>
            Free shipping{' '}
            <span class="small">(physical pieces: leave the shipping price empty)</span>
          </span>
        </label>
      )}
      <FieldShell name="category" label="Category" error={errors.category}>
        <select
          id={fieldIds('category').id}
          class="input"
          name="category"
          aria-invalid={errors.category ? 'true' : undefined}
          aria-describedby={describedBy('category', { error: errors.category })}
        >
          <option value="">No category</option>
          <CategoryOptions
            categories={props.categories}
            selected={values.category}
            rootLabel={(name) => `${name} (general)`}
          />
        </select>
      </FieldShell>
      <Field
        label="Tags"
        name="tags"
        value={values.tags}
        error={errors.tags}
        hint="Up to 10 words or short phrases, separated by commas: blue, stoneware, mug."
        maxLength={400}
      />
      <SubmitButton>{props.submitLabel}</SubmitButton>
    </form>
  )
}

function KindChoice({ value, error }: { value: string; error?: string }) {
  const ids = fieldIds('kind')
  return (
    <fieldset
      class={error ? 'field field--error choice' : 'field choice'}
      aria-describedby={error ? ids.error : undefined}
    >
      <legend class="field__label">What are you selling?</legend>
      {error && (
        <p class="field__error" id={ids.error}>
          <span class="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      {/* The first radio carries the field's id, so the error summary's link lands on it. */}
      <label class="choice__option">
        <input
          id={ids.id}
          type="radio"
          name="kind"
          value="physical"
          checked={value !== 'digital'}
        />
        <span>
          A physical piece <span class="small">(you post it: quantity and shipping apply)</span>
        </span>
      </label>
      <label class="choice__option">
        <input type="radio" name="kind" value="digital" checked={value === 'digital'} />
        <span>
          A digital download <span class="small">(buyers get a file you upload)</span>
        </span>
      </label>
    </fieldset>
  )
}
