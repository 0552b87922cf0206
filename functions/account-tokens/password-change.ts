/** Changing the password while signed in: the current one first, then every other session ends. */
import type { Bindings, Viewer } from '../app.ts'
import { hashPassword } from '../accounts/password.ts'
import { atomically, database } from '../lib/db.ts'
import { AppError } from '../lib/errors.ts'
import type { PasswordChangeInput } from './schemas.ts'
import { requireCurrentPassword } from './current-password.ts'
import { endSessions } from './repository.ts'
import { requireStrongPassword } from './strength.ts'

/**
 * `PUT /api/v1/me/password`: 400 with `fields.current_password` when the current password is
 * wrong, `fields.password` when the new one is weak or the same; the session that asked stays.
 */
export async function changePassword(
  env: Bindings,
  viewer: Viewer,
  input: PasswordChangeInput,
  now = new Date(),
) {
  await requireCurrentPassword(env, viewer, input.current_password, now)
  if (input.password === input.current_password) {
    const message = 'Choose a password other than your current one.'
    throw new AppError(400, 'invalid_input', message, { password: message })
  }
  requireStrongPassword(input.password, viewer.account)
  const db = database(env.DB)
  await atomically(env.DB, [
    db
      .updateTable('accounts')
      .set({ password_hash: await hashPassword(input.password) })
      .where('id', '=', viewer.account.id),
    endSessions(db, viewer.account.id, viewer.tokenHash),
  ])
}
