/** The query of `GET /api/v1/sales` and the sales page: a date range, a page, a format. */
import { z } from 'zod'

import { cursorParam, limitParam } from '../lib/pagination.ts'

const DATE = /^\d{4}-\d{2}-\d{2}$/

/** A calendar day `YYYY-MM-DD` that exists (no 2026-02-30), as the range's bound. */
const day = z
  .string({ error: 'Use a date like 2026-01-31.' })
  .regex(DATE, 'Use a date like 2026-01-31.')
  .refine((text) => {
    const date = new Date(`${text}T00:00:00Z`)
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text)
  }, 'That day does not exist.')

/** The days of a range, both included, in UTC; either may be left open. */
export const rangeFields = {
  from: day.optional(),
  to: day.optional(),
}

const checkRange = (range: { from?: string; to?: string }, ctx: z.RefinementCtx) => {
  if (range.from && range.to && range.from > range.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end comes before the start.' })
  }
}

/** `GET /api/v1/sales`: `format=csv` answers the whole range as CSV (no paging). */
export const salesQuery = z
  .strictObject({
    ...rangeFields,
    limit: limitParam,
    cursor: cursorParam,
    format: z.enum(['json', 'csv'], { error: 'format is json or csv.' }).optional(),
  })
  .superRefine(checkRange)

/** The sales page's query: the same range, and the page's cursor. */
export const salesPageQuery = z
  .object({ ...rangeFields, cursor: cursorParam })
  .superRefine(checkRange)

/** A date range of sales by `paid_at`, both days included (UTC). */
export interface SalesRange {
  from?: string
  to?: string
}
