/** The password rules of the token flows: the estimator's verdict as a field error. */
import { checkPasswordStrength } from '../accounts/strength.ts'
import { AppError } from '../lib/errors.ts'

/** Throws 400 with `fields[field]` when the password is too easy to guess for this member. */
export function requireStrongPassword(
  password: string,
  member: { email: string; display_name: string },
  field = 'password',
): void {
  const verdict = checkPasswordStrength(password, [member.email, member.display_name])
  if (verdict.ok) return
  throw new AppError(400, 'invalid_input', verdict.message, { [field]: verdict.message })
}
