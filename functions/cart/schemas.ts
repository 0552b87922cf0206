/**
 * The cart's form fields. Forms send strings, so each field is read from its text: a quantity
 * is 1 to {@link MAX_LINE_QUANTITY} written in digits; anything else (0, -1, 1e3, "two", a
 * thousand) is a 400 that changes nothing.
 */
import { z } from 'zod'

import { MAX_LINE_QUANTITY } from './limits.ts'

const QUANTITY_MESSAGE = `Choose a quantity from 1 to ${MAX_LINE_QUANTITY}.`

/** A listing's id as the app makes them (lib/crypto.ts `newId('lst')`). */
const listingId = z
  .string({ error: 'Choose a listing.' })
  .regex(/^lst_[A-Za-z0-9_-]{1,60}$/, 'That is not a listing of this shop.')

const quantity = z
  .string({ error: QUANTITY_MESSAGE })
  .trim()
  .regex(/^\d{1,4}$/, QUANTITY_MESSAGE)
  .transform(Number)
  .pipe(z.number().int().min(1, QUANTITY_MESSAGE).max(MAX_LINE_QUANTITY, QUANTITY_MESSAGE))

/** `POST /cart/items` and `POST /cart/buy-now`: a listing and how many (1 when left out). */
export const addItemForm = z.object({ listing_id: listingId, quantity: quantity.default(1) })

/** `POST /cart/items/quantity`: a line's new quantity. */
export const setQuantityForm = z.object({ listing_id: listingId, quantity })

/** `POST /cart/items/remove`. */
export const removeItemForm = z.object({ listing_id: listingId })

export type AddItemInput = z.output<typeof addItemForm>
export type SetQuantityInput = z.output<typeof setQuantityForm>
