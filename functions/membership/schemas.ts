/** Request bodies of membership: a member's withdrawal request and an admin's record of it. */
import { z } from 'zod'

import { text } from '../lib/validate.ts'

/** `POST /api/v1/membership/withdrawal` */
export const withdrawalRequestBody = z.strictObject({
  reason: text({ max: 1000, multiline: true }).optional().default(''),
})

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
const calendarDate = z
  .string({ error: 'Enter the date as YYYY-MM-DD.' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as YYYY-MM-DD.')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00.000Z`)
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
  }, 'That date does not exist.')

/** `POST /api/v1/admin/accounts/:id/withdrawal` */
export const withdrawalRecordBody = z.strictObject({
  effective_date: calendarDate,
  note: text({ max: 1000, multiline: true }).optional().default(''),
})

export type WithdrawalRequestInput = z.output<typeof withdrawalRequestBody>
export type WithdrawalRecordInput = z.output<typeof withdrawalRecordBody>
