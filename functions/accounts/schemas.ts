/** Request bodies of the accounts API: each schema is also the field-by-field documentation. */
import { z } from 'zod'

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

export const displayName = z
  .string({ error: 'Enter the name other members will see.' })
  .trim()
  .min(1, 'Enter the name other members will see.')
  .max(80, 'Use at most 80 characters.')
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'Control characters are not allowed.')

/** `POST /api/v1/accounts` */
export const signUpBody = z.strictObject({ email, password, display_name: displayName })

/** `POST /api/v1/session`: no rules beyond presence, so sign-in gives no hint about accounts. */
export const signInBody = z.strictObject({
  email: z
    .string({ error: 'Enter your email address.' })
    .trim()
    .min(1, 'Enter your email address.')
    .max(254)
    .transform((v) => v.toLowerCase()),
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
