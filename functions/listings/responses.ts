/** Answer schemas of the listings API (spec/api.md "Shapes of the main objects"). */
import { z } from 'zod'

import { pageOf, timestamp } from '../lib/responses.ts'

const kind = z.enum(['physical', 'digital'])
const status = z.enum(['draft', 'published', 'archived', 'sold_out'])
const sellerSummary = z.object({ id: z.string(), display_name: z.string() })

/** A listing image. */
export const imageSchema = z.object({
  id: z.string(),
  url: z.string(),
  thumb_url: z.string(),
  width: z.number().int(),
  height: z.number().int(),
})

/** The Listing shape. */
export const listingSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  price_cents: z.number().int(),
  currency: z.string(),
  kind,
  quantity: z.number().int().nullable(),
  shipping_cents: z.number().int(),
  category: z.string().nullable(),
  tags: z.array(z.string()),
  status,
  images: z.array(imageSchema),
  has_file: z.boolean(),
  seller: sellerSummary,
  buyable: z.boolean(),
  featured: z.boolean(),
  created_at: timestamp,
  updated_at: timestamp,
  published_at: timestamp.nullable(),
})

/** The compact listing of lists and search results. */
export const listingCardSchema = z.object({
  id: z.string(),
  title: z.string(),
  price_cents: z.number().int(),
  currency: z.string(),
  kind,
  category: z.string().nullable(),
  status,
  thumb_url: z.string().nullable(),
  thumb_width: z.number().int().nullable(),
  thumb_height: z.number().int().nullable(),
  seller: sellerSummary,
  published_at: timestamp.nullable(),
})

/** A page of listing cards. */
export const listingPageSchema = pageOf(listingCardSchema)

/** The category tree. */
export const categoriesSchema = z.object({
  items: z.array(
    z.object({
      slug: z.string(),
      name: z.string(),
      children: z.array(z.object({ slug: z.string(), name: z.string() })),
    }),
  ),
})
