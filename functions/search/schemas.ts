/** The query of the search API: `GET /api/v1/listings` (spec/api.md "Listings"). */
import { z } from 'zod'

import { MAX_CENTS } from '../lib/money.ts'
import { cursorParam, limitParam } from '../lib/pagination.ts'
import { text } from '../lib/validate.ts'

const priceParam = z.coerce
  .number({ error: 'Use a whole number of cents.' })
  .int('Use a whole number of cents.')
  .min(0, 'Use a whole number of cents.')
  .max(MAX_CENTS, `At most ${MAX_CENTS} cents.`)
  .optional()

/** `GET /api/v1/listings` */
export const searchQuery = z.strictObject({
  q: text({ max: 200 }).optional(),
  category: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, 'Unknown category.')
    .optional(),
  seller: z.string().max(80).optional(),
  kind: z.enum(['physical', 'digital']).optional(),
  min_price: priceParam,
  max_price: priceParam,
  sort: z.enum(['relevance', 'newest', 'price_asc', 'price_desc']).optional(),
  limit: limitParam,
  cursor: cursorParam,
})

export type SearchParams = z.output<typeof searchQuery>
