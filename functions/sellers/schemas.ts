/** Request bodies and queries of seller applications. */
import { z } from 'zod'

import { cursorParam, limitParam } from '../lib/pagination.ts'
import { codePoints, hasForbiddenCharacters, text } from '../lib/validate.ts'

const httpUrl = z
  .string({ error: 'Enter the address of your portfolio.' })
  .trim()
  .max(500, 'Use at most 500 characters.')
  // The URL parser drops tabs and line breaks, so refuse them before it can hide them.
  .refine((v) => !hasForbiddenCharacters(v) && !/\s/.test(v), {
    message: 'Enter a web address without spaces or control characters.',
    abort: true,
  })
  .pipe(
    z.url({
      protocol: /^https?$/,
      error: 'Enter a web address starting with http:// or https://.',
    }),
  )

/** `POST /api/v1/seller-applications` */
export const applicationBody = z.strictObject({
  statement: text({
    max: 2000,
    multiline: true,
    required: 'Tell the co-op about your work.',
  }).refine((v) => codePoints(v) >= 20, 'Write at least 20 characters about your work.'),
  portfolio_url: httpUrl,
})

/** `POST /api/v1/admin/seller-applications/:id/decision` */
export const decisionBody = z.strictObject({
  decision: z.enum(['approve', 'reject'], { error: 'Choose approve or reject.' }),
  note: text({ max: 1000, multiline: true }).optional().default(''),
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
