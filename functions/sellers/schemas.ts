/** Request bodies and queries of seller applications. */
import { z } from 'zod'

import { cursorParam, limitParam } from '../lib/pagination.ts'

const httpUrl = z
  .string({ error: 'Enter the address of your portfolio.' })
  .trim()
  .max(500, 'Use at most 500 characters.')
  .pipe(
    z.url({
      protocol: /^https?$/,
      error: 'Enter a web address starting with http:// or https://.',
    }),
  )

/** `POST /api/v1/seller-applications` */
export const applicationBody = z.strictObject({
  statement: z
    .string({ error: 'Tell the co-op about your work.' })
    .trim()
    .min(20, 'Write at least 20 characters about your work.')
    .max(2000, 'Use at most 2000 characters.'),
  portfolio_url: httpUrl,
})

/** `POST /api/v1/admin/seller-applications/:id/decision` */
export const decisionBody = z.strictObject({
  decision: z.enum(['approve', 'reject'], { error: 'Choose approve or reject.' }),
  note: z.string().trim().max(1000, 'Use at most 1000 characters.').optional().default(''),
})

/** `GET /api/v1/admin/seller-applications` */
export const queueQuery = z.strictObject({
  status: z
    .enum(['pending', 'approved', 'rejected'], {
      error: 'status is pending, approved or rejected.',
    })
    .default('pending'),
  limit: limitParam,
  cursor: cursorParam,
})

export type ApplicationInput = z.output<typeof applicationBody>
export type DecisionInput = z.output<typeof decisionBody>
