import { Island } from '../Island'
import { FieldShell, describedBy, fieldIds } from '../forms'
import { PasswordInput, type PasswordInputProps } from '../../islands/PasswordInput'

/** A labelled password input (the PasswordInput island) with its hint and error. */
export function PasswordField(props: {
  name: string
  label: string
  autocomplete: PasswordInputProps['autocomplete']
  error?: string
  hint?: string
}) {
  const isNew = props.autocomplete === 'new-password'
  const input: PasswordInputProps = {
    id: fieldIds(props.name).id,
    name: props.name,
    autocomplete: props.autocomplete,
    required: true,
    minLength: isNew ? 10 : undefined,
    invalid: Boolean(props.error),
    describedBy: describedBy(props.name, { error: props.error, hint: props.hint }),
  }
  return (
    <FieldShell
      name={props.name}
      label={props.label}
      error={props.error}
      hint={props.hint}
      required
    >
      <Island name="PasswordInput" props={input}>
        <PasswordInput {...input} />
      </Island>
    </FieldShell>
  )
}

/** The hint under every new-password field. */
export const NEW_PASSWORD_HINT = 'At least 10 characters. A few unrelated words make a strong one.'
