/** Request bodies and parameters of the token flows (one schema per endpoint, also its docs). */
import { z } from 'zod'

import { email, password } from '../accounts/schemas.ts'

/** A token as it arrives in a path: any text; openToken refuses what is not a live token. */
export const tokenParams = z.object({ token: z.string() })

/** `POST /api/v1/password-resets` */
export const resetRequestBody = z.strictObject({ email })

/** `POST /api/v1/password-resets/:token` */
export const resetBody = z.strictObject({ password })

const currentPassword = z
  .string({ error: 'Enter your current password.' })
  .min(1, 'Enter your current password.')
  .max(200, 'Use at most 200 characters.')

/** `PUT /api/v1/me/password` */
export const passwordChangeBody = z.strictObject({ current_password: currentPassword, password })

/** `POST /api/v1/me/email` */
export const emailChangeBody = z.strictObject({ email, current_password: currentPassword })

export type PasswordChangeInput = z.output<typeof passwordChangeBody>
export type EmailChangeInput = z.output<typeof emailChangeBody>
