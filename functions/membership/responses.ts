/** Answer schemas of the membership API. */
import { z } from 'zod'

import { timestamp } from '../lib/responses.ts'

/** Where to pay the member share. */
export const checkoutSchema = z.object({
  checkout_url: z.string().nullable(),
  checkout_session_id: z.string(),
})

/** A member's request to withdraw, as filed. */
export const withdrawalRequestSchema = z.object({
  id: z.string(),
  account_id: z.string(),
  reason: z.string(),
  status: z.literal('pending'),
  created_at: timestamp,
})

/** A recorded withdrawal: the period it ends and the share to pay back. */
export const withdrawalRecordSchema = z.object({
  account_id: z.string(),
  membership: z.object({ status: z.literal('withdrawn'), since: z.null() }),
  period: z.object({ id: z.string(), started_at: timestamp, ended_at: timestamp }),
  share: z.object({ id: z.string(), amount_cents: z.number().int(), currency: z.string() }),
  redemption_payable_cents: z.number().int(),
  request_id: z.string().nullable(),
})
