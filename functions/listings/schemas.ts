/** Request bodies of the listings API. */
import { z } from 'zod'

import { MAX_CENTS } from '../lib/money.ts'
import { text } from '../lib/validate.ts'

const cents = (what: string) =>
  z
    .number({ error: `${what} must be a whole number of cents.` })
    .int(`${what} must be a whole number of cents.`)
    .min(0, `${what} cannot be negative.`)
    .max(MAX_CENTS, `${what} can be at most ${MAX_CENTS} cents.`)

/** A tag's words. It needs the `u` flag, which the document's pattern must not carry. */
const TAG_WORDS = /^[\p{L}\p{N}][\p{L}\p{N} '-]*$/u

const tag = text({ max: 30, min: 1, required: 'Tags cannot be empty.' })
  .overwrite((v) => v.toLowerCase())
  .regex(TAG_WORDS, 'Tags are words: letters, digits, spaces and hyphens.')
  .meta({ pattern: TAG_WORDS.source })

const fields = {
  title: text({ max: 140 }),
  description: text({ max: 5000, multiline: true }),
  price_cents: cents('The price'),
  kind: z.enum(['physical', 'digital'], { error: 'kind is physical or digital.' }),
  quantity: z
    .number({ error: 'Quantity must be a whole number.' })
    .int('Quantity must be a whole number.')
    .min(0, 'Quantity cannot be negative.')
    .max(100_000, 'Quantity can be at most 100000.')
    .nullable(),
  shipping_cents: cents('Shipping'),
  category: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, 'Choose a category from the list.')
    .nullable(),
  tags: z
    .array(tag)
    .max(10, 'Use at most 10 tags.')
    .transform((tags) => [...new Set(tags)]),
}

/** `POST /api/v1/listings` */
export const createListingBody = z.strictObject({
  ...fields,
  title: fields.title.default(''),
  description: fields.description.default(''),
  price_cents: fields.price_cents.default(0),
  quantity: fields.quantity.optional(),
  shipping_cents: fields.shipping_cents.default(0),
  category: fields.category.default(null),
  tags: fields.tags.default([]),
})

/** `PATCH /api/v1/listings/:id`: any subset of the fields; the kind cannot change. */
export const updateListingBody = z
  .strictObject({
    title: fields.title,
    description: fields.description,
    price_cents: fields.price_cents,
    quantity: fields.quantity,
    shipping_cents: fields.shipping_cents,
    category: fields.category,
    tags: fields.tags,
    // The stock the editor showed when the seller typed `quantity`. The edit then applies
    // `quantity − quantity_seen` to the stock as it is now, so units that buyers took into
    // checkout meanwhile stay taken. Without it the edit starts from the stock read on arrival.
    quantity_seen: fields.quantity,
  })
  .partial()

export type CreateListingInput = z.output<typeof createListingBody>
export type UpdateListingInput = z.output<typeof updateListingBody>
