/** Answer schemas of the accounts API (spec/api.md "Shapes of the main objects"). */
import { z } from 'zod'

import { timestamp } from '../lib/responses.ts'

/** The Account shape (`/me`, sign-up, sign-in, role changes). */
export const accountSchema = z.object({
  id: z.string(),
  email: z.string(),
  display_name: z.string(),
  /** Whether the address is confirmed (checkout and applying to sell need it). */
  email_verified: z.boolean(),
  bio: z.string(),
  location: z.string(),
  /** The square avatar (functions/profile), or null. */
  avatar_url: z.string().nullable(),
  roles: z.array(z.string()),
  created_at: timestamp,
  membership: z.object({
    status: z.enum(['none', 'pending', 'active', 'withdrawn']),
    since: timestamp.nullable(),
  }),
  seller: z.object({
    status: z.enum(['none', 'pending', 'approved', 'rejected']),
    payouts_ready: z.boolean(),
  }),
})
