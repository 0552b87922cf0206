import { describedBy, FieldShell, fieldIds } from '../forms'
import type { PoolDraft } from './rules-draft'
import { BASIS_WORDS, ROLE_WORDS } from './words'

/** Props of {@link PoolRow}. */
export type PoolRowProps = {
  index: number
  pool: PoolDraft
  errors: Record<string, string>
  roles: readonly string[]
  bases: readonly string[]
  /** An empty row the board may fill in to add a pool. */
  blank: boolean
}

/** A select of the pool row, with its label and error beside it. */
function Choice(props: {
  name: string
  label: string
  value: string
  options: readonly string[]
  words: Record<string, string>
  error?: string
}) {
  return (
    <FieldShell name={props.name} label={props.label} error={props.error} required>
      <select
        id={fieldIds(props.name).id}
        name={props.name}
        class="input"
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props)}
      >
        <option value="" selected={props.value === ''}>
          Choose…
        </option>
        {props.options.map((option) => (
          <option key={option} value={option} selected={props.value === option}>
            {props.words[option] ?? option}
          </option>
        ))}
      </select>
    </FieldShell>
  )
}

/** A text input of the pool row. */
function Text(props: {
  name: string
  label: string
  value: string
  hint?: string
  error?: string
  inputMode?: 'decimal'
}) {
  return (
    <FieldShell
      name={props.name}
      label={props.label}
      hint={props.hint}
      error={props.error}
      required
    >
      <input
        id={fieldIds(props.name).id}
        name={props.name}
        class="input"
        value={props.value}
        inputMode={props.inputMode}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props)}
      />
    </FieldShell>
  )
}

/** One pool of the rules editor: name, who takes part, what it counts, its share, remove. */
export function PoolRow({ index, pool, errors, roles, bases, blank }: PoolRowProps) {
  const name = (field: string) => `pools.${index}.${field}`
  return (
    <fieldset class="pool-row">
      <legend>{blank ? `Pool ${index + 1} (new: fill in to add it)` : `Pool ${index + 1}`}</legend>
      <Text name={name('name')} label="Name" value={pool.name} error={errors[name('name')]} />
      <Choice
        name={name('role')}
        label="Who takes part"
        value={pool.role}
        options={roles}
        words={ROLE_WORDS}
        error={errors[name('role')]}
      />
      <Choice
        name={name('basis')}
        label="Counts"
        value={pool.basis}
        options={bases}
        words={BASIS_WORDS}
        error={errors[name('basis')]}
      />
      <Text
        name={name('share_pct')}
        label="Share (%)"
        hint="Of the distributable surplus, like 70 or 12.5."
        value={pool.share_pct}
        inputMode="decimal"
        error={errors[name('share_pct')]}
      />
      {!blank && (
        <div class="field pool-row__remove">
          <input type="checkbox" id={fieldIds(name('remove')).id} name={name('remove')} value="1" />{' '}
          <label for={fieldIds(name('remove')).id}>Remove this pool</label>
        </div>
      )}
    </fieldset>
  )
}
