/** Request schemas of the surplus API and pages: the year, a board entry, hours, a format. */
import { z } from 'zod'

import { MAX_CENTS } from '../lib/money.ts'
import { text } from '../lib/validate.ts'

const YEAR_MESSAGE = 'Use a fiscal year from 2000 to 2100, like 2026.'

/** A fiscal year in a path: an integer 2000–2100 (a string in the URL). */
export const yearParam = z
  .string({ error: YEAR_MESSAGE })
  .regex(/^\d{4}$/, YEAR_MESSAGE)
  .transform(Number)
  .refine((year) => year >= 2000 && year <= 2100, YEAR_MESSAGE)

/** The path of the year's routes. */
export const yearPath = z.strictObject({ year: yearParam })

const DATE = /^\d{4}-\d{2}-\d{2}$/

/** A calendar day `YYYY-MM-DD` that exists. */
export const localDay = z
  .string({ error: 'Use a date like 2026-01-31.' })
  .regex(DATE, 'Use a date like 2026-01-31.')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`)
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
  }, 'That day does not exist.')

const AMOUNT_MESSAGE = `Enter the amount in cents, a whole number from 1 to ${MAX_CENTS}.`

/** A board entry: an income or expense line of the year. */
export const entryInput = z.strictObject({
  kind: z.enum(['income', 'expense'], { error: 'Choose income or expense.' }),
  amount_cents: z
    .number({ error: AMOUNT_MESSAGE })
    .int(AMOUNT_MESSAGE)
    .min(1, AMOUNT_MESSAGE)
    .max(MAX_CENTS, AMOUNT_MESSAGE),
  description: text({ max: 200, min: 1, required: 'Describe the entry.' }),
  date: localDay,
})
export type EntryInput = z.output<typeof entryInput>

const HOURS_MESSAGE = 'Enter the hours as a number from 0 to 100000 with at most two decimals.'

/** A worker's hours: a number with at most two decimals, stored as hundredths. */
export const hoursInput = z.strictObject({
  hours: z
    .number({ error: HOURS_MESSAGE })
    .min(0, HOURS_MESSAGE)
    .max(100_000, HOURS_MESSAGE)
    // 12.345 × 100 is not an integer; 0.29 × 100 is 28.999…, hence the rounding tolerance.
    .refine((hours) => Math.abs(hours * 100 - Math.round(hours * 100)) < 1e-6, HOURS_MESSAGE),
})

/** Hours as stored: hundredths of an hour. */
export const toHundredths = (hours: number) => Math.round(hours * 100)

/** The report's download formats. */
export const reportFormat = z.enum(['json', 'csv', '1099-patr'], {
  error: 'format is json, csv or 1099-patr.',
})

/** The report's query. */
export const reportQuery = z.strictObject({ format: reportFormat.optional() })
