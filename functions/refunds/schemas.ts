/** Request bodies and answers of the refunds API (spec/api.md "Orders"). */
import { z } from 'zod'

import { MAX_CENTS } from '../lib/money.ts'
import { timestamp } from '../lib/responses.ts'
import { text } from '../lib/validate.ts'

const amountMessage = 'amount_cents is a whole number of cents, at least 1.'

/** `POST /api/v1/orders/:id/refunds` */
export const refundBody = z.strictObject({
  order_item_id: z.string({ error: 'Which line?' }).min(1, 'Which line?').max(100),
  amount_cents: z
    .number({ error: amountMessage })
    .int(amountMessage)
    .min(1, amountMessage)
    .max(MAX_CENTS, amountMessage),
  reason: text({ max: 500, min: 1, multiline: true, required: 'Say why the line is refunded.' }),
})

export type RefundInput = z.output<typeof refundBody>

/**
 * A refund as its seller and the admins see it. `pending` until Stripe has refunded the buyer
 * and the seller's transfer is reversed; then `succeeded`.
 */
export const refundSchema = z.object({
  id: z.string(),
  order_id: z.string(),
  order_item_id: z.string(),
  amount_cents: z.number().int(),
  /** The commission the co-op gives back (surplus.md §2); the seller bears the rest. */
  commission_returned_cents: z.number().int(),
  currency: z.string(),
  reason: z.string(),
  status: z.enum(['pending', 'succeeded']),
  created_at: timestamp,
  refunded_at: timestamp.nullable(),
})

export type RefundView = z.infer<typeof refundSchema>
