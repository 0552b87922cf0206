/** Request bodies and queries of the listings API. */
import { z } from 'zod'

import { MAX_CENTS } from '../lib/money.ts'
import { cursorParam, limitParam } from '../lib/pagination.ts'

const cents = (what: string) =>
  z
    .number({ error: `${what} must be a whole number of cents.` })
    .int(`${what} must be a whole number of cents.`)
    .min(0, `${what} cannot be negative.`)
    .max(MAX_CENTS, `${what} can be at most ${MAX_CENTS} cents.`)

const tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Tags cannot be empty.')
  .max(30, 'A tag has at most 30 characters.')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} '-]*$/u, 'Tags are words: letters, digits, spaces and hyphens.')

const fields = {
  title: z.string().trim().max(140, 'Use at most 140 characters.'),
  description: z.string().trim().max(5000, 'Use at most 5000 characters.'),
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
  })
  .partial()

const priceParam = z.coerce
  .number({ error: 'Use a whole number of cents.' })
  .int('Use a whole number of cents.')
  .min(0, 'Use a whole number of cents.')
  .max(MAX_CENTS, `At most ${MAX_CENTS} cents.`)
  .optional()

/** `GET /api/v1/listings` */
export const searchQuery = z.strictObject({
  q: z.string().trim().max(200, 'Search with at most 200 characters.').optional(),
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

export type CreateListingInput = z.output<typeof createListingBody>
export type UpdateListingInput = z.output<typeof updateListingBody>
export type SearchParams = z.output<typeof searchQuery>
