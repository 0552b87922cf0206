import { CsrfField, ErrorSummary, Field, SubmitButton } from '../forms'
import { PoolRow } from './PoolRow'
import type { PoolDraft, RulesDraft } from './rules-draft'
import { yearPath } from './words'

/** Props of {@link RulesForm}. */
export type RulesFormProps = {
  year: number
  formId: string
  draft: RulesDraft
  errors: Record<string, string>
  csrfToken?: string
  roles: readonly string[]
  bases: readonly string[]
  maxPools: number
}

const EMPTY_POOL: PoolDraft = { name: '', role: '', basis: '', share_pct: '' }

/** How many empty rows to offer for new pools (no JavaScript needed to add one). */
const BLANK_ROWS = 2

/**
 * The rules editor: the reserve and cash share as percentages, the two thresholds in dollars,
 * and up to `maxPools` pools, each removable, with empty rows to add more. "Preview" re-renders
 * with the figures and saves nothing; "Save" stores the rules.
 */
export function RulesForm(props: RulesFormProps) {
  const { draft, errors } = props
  const blanks = Math.max(0, Math.min(BLANK_ROWS, props.maxPools - draft.pools.length))
  const rows = [...draft.pools, ...Array.from({ length: blanks }, () => EMPTY_POOL)]
  return (
    <form
      id={props.formId}
      class="rules-form"
      method="post"
      action={`${yearPath(props.year)}/rules`}
      noValidate
    >
      <ErrorSummary errors={errors} />
      {props.csrfToken !== undefined && <CsrfField token={props.csrfToken} />}
      <Field
        name="reserve_pct"
        label="Reserve (%)"
        hint="Of the net surplus, kept by the co-op before anything is allocated, like 30."
        value={draft.reserve_pct}
        inputMode="decimal"
        error={errors.reserve_pct}
        required
      />
      <fieldset
        class={errors.pools ? 'rules-form__pools field--error' : 'rules-form__pools'}
        id="field-pools"
        tabIndex={-1}
        aria-describedby={errors.pools ? 'field-pools-error' : 'field-pools-hint'}
      >
        <legend>Pools</legend>
        <p class="field__hint" id="field-pools-hint">
          The pools share the distributable surplus; their shares must add up to exactly 100 %.
          Sales pools are for sellers, hours pools for workers. At most {props.maxPools} pools.
        </p>
        {errors.pools && (
          <p class="field__error" id="field-pools-error">
            <span class="visually-hidden">Error: </span>
            {errors.pools}
          </p>
        )}
        {rows.map((pool, index) => (
          <PoolRow
            key={index}
            index={index}
            pool={pool}
            errors={errors}
            roles={props.roles}
            bases={props.bases}
            blank={index >= draft.pools.length}
          />
        ))}
      </fieldset>
      <Field
        name="cash_pct"
        label="Paid in cash (%)"
        hint="Of each allocation; the rest is retained in the member's capital account."
        value={draft.cash_pct}
        inputMode="decimal"
        error={errors.cash_pct}
        required
      />
      <Field
        name="min_cash"
        label="Least cash payment ($)"
        hint="An allocation below this is retained in full, like 5.00."
        value={draft.min_cash}
        inputMode="decimal"
        error={errors.min_cash}
        required
      />
      <Field
        name="reportable"
        label="1099-PATR threshold ($)"
        hint="Allocations of at least this are reported, like 10.00."
        value={draft.reportable}
        inputMode="decimal"
        error={errors.reportable}
        required
      />
      <div class="rules-form__actions">
        <SubmitButton name="intent" value="preview" variant="secondary">
          Preview
        </SubmitButton>
        <SubmitButton name="intent" value="save">
          Save the rules
        </SubmitButton>
      </div>
    </form>
  )
}
