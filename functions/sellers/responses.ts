/** Answer schemas of seller applications. */
import { z } from 'zod'

import { pageOf, timestamp } from '../lib/responses.ts'

/** A seller application, with its decision once made. */
export const applicationSchema = z.object({
  id: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  statement: z.string(),
  portfolio_url: z.string().nullable(),
  note: z.string().nullable(),
  created_at: timestamp,
  decided_at: timestamp.nullable(),
  applicant: z.object({
    id: z.string(),
    display_name: z.string().optional(),
    email: z.string().optional(),
  }),
})

/** A page of applications. */
export const applicationPageSchema = pageOf(applicationSchema)
