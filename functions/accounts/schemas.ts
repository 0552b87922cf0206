/** Request bodies of the accounts API: each schema is also the field-by-field documentation. */
import { z } from 'zod'

import { text } from '../lib/validate.ts'

export const email = z
  .string({ error: 'Enter an email address.' })
  .trim()
  .max(254, 'An email address has at most 254 characters.')
  .pipe(z.email({ error: 'Enter a valid email address.' }))
  .transform((value) => value.toLowerCase())

export const password = z
  .string({ error: 'Enter a password.' })
  .min(10, 'Use at least 10 characters.')
  .max(200, 'Use at most 200 characters.')

/**
 * The name other members see: at most 80 characters as people count them (code points after
 * NFC), with something visible in it and no bidi controls that would reorder what follows it.
 */
export const displayName = text({
  max: 80,
  min: 1,
  name: true,
  required: 'Enter the name other members will see.',
})

/** `POST /api/v1/accounts` */
export const signUpBody = z.strictObject({ email, password, display_name: displayName })

/** `POST /api/v1/session`: no rules beyond presence, so sign-in gives no hint about accounts. */
export const signInBody = z.strictObject({
  email: text({ max: 254, min: 1, required: 'Enter your email address.' }).transform((v) =>
    v.toLowerCase(),
  ),
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(200),
})

/** `PUT /api/v1/admin/accounts/:id/roles` */
export const rolesBody = z.strictObject({
  roles: z
    .array(z.enum(['admin', 'board', 'worker'], { error: 'Roles are admin, board or worker.' }))
    .max(3)
    .transform((roles) => [...new Set(roles)].sort()),
})

export type SignUpInput = z.output<typeof signUpBody>
export type SignInInput = z.output<typeof signInBody>
