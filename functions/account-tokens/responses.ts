/** Answer schemas of the token flows. */
import { z } from 'zod'

import { timestamp } from '../lib/responses.ts'

/** `POST /api/v1/email-verifications/:token`: the address now confirmed. */
export const confirmedSchema = z.object({
  email: z.string(),
  verified_at: timestamp,
  /** True when the link was an email change's: the account's address is now `email`. */
  changed: z.boolean(),
})

/** `POST /api/v1/me/email`: the address waiting to be confirmed from its own mailbox. */
export const pendingEmailSchema = z.object({ pending_email: z.string(), expires_at: timestamp })
