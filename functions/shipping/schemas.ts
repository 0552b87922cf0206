/** The shipment of an order line: what the seller types, and what the API answers. */
import { z } from 'zod'

import { timestamp } from '../lib/responses.ts'
import { text } from '../lib/validate.ts'

/** `POST /api/v1/orders/:id/items/:item_id/shipment` */
export const shipmentBody = z.strictObject({
  carrier: text({ max: 60, min: 1, name: true, required: 'Which carrier has the parcel?' }),
  tracking_number: text({
    max: 100,
    min: 1,
    name: true,
    required: 'Enter the tracking number the carrier gave you.',
  }),
})

export type ShipmentInput = z.output<typeof shipmentBody>

/** The order and line of the path. */
export const shipmentParams = z.object({ id: z.string(), item_id: z.string() })

/** A shipped line, as its seller and its buyer see it. */
export const shipmentSchema = z.object({
  order_id: z.string(),
  order_item_id: z.string(),
  carrier: z.string(),
  tracking_number: z.string(),
  shipped_at: timestamp,
})

export type ShipmentView = z.infer<typeof shipmentSchema>
