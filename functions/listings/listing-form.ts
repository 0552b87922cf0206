/**
 * The listing form of the seller pages: what a person types (dollars, comma-separated tags) to
 * the API's input (cents, a tag array), and back again to prefill the editor. Pure: no bindings.
 */
import { z } from 'zod'

import type { ListingFormValues } from '../../web/components/ListingForm.tsx'
import { formatDecimalInput, parseDecimalInput } from '../../web/components/money.ts'
import { fieldsFromIssues } from '../lib/validate.ts'
import type { ListingView } from './repository.ts'
import { type CreateListingInput, createListingBody } from './schemas.ts'

export type { ListingFormValues }

export type ListingFormResult =
  { ok: true; data: CreateListingInput } | { ok: false; errors: Record<string, string> }

const QUANTITY = /^\d{1,6}$/

/** A text field of the form; a missing one is empty. */
const field = z.string().default('')

/**
 * The listing form's fields as posted: text as typed, missing ones empty. What they mean (dollars
 * to cents, tags to a list) is {@link parseListingForm}'s, which checks the result with the API's
 * own `createListingBody`, so the form and the API cannot disagree.
 */
export const listingFormFields = z.object({
  title: field,
  description: field,
  price: field,
  kind: field,
  quantity: field,
  quantity_seen: field,
  shipping: field,
  free_shipping: field.transform((value) => (value === 'on' ? 'on' : '')),
  category: field,
  tags: field,
}) satisfies z.ZodType<ListingFormValues>

/** The form's values from a post body (or `{}`: an empty form). */
export const formValues = (raw: Record<string, string>): ListingFormValues =>
  listingFormFields.parse(raw)

/** The editor's starting values: the listing as it is now. */
export function valuesOf(listing: ListingView): ListingFormValues {
  return {
    title: listing.title,
    description: listing.description,
    price: listing.price_cents > 0 ? formatDecimalInput(listing.price_cents) : '',
    kind: listing.kind,
    quantity: listing.quantity === null ? '' : String(listing.quantity),
    quantity_seen: listing.quantity === null ? '' : String(listing.quantity),
    // Free shipping shows as the ticked box, so saving the editor as it is keeps it free.
    shipping:
      listing.kind === 'physical' && listing.shipping_cents > 0
        ? formatDecimalInput(listing.shipping_cents)
        : '',
    free_shipping: listing.kind === 'physical' && listing.shipping_cents === 0 ? 'on' : '',
    category: listing.category ?? '',
    tags: listing.tags.join(', '),
  }
}

/**
 * A physical piece's shipping price: what was typed, or 0 when "Free shipping" is ticked. A
 * blank price without the box is an error rather than a silent "free", and so is a price with
 * the box (which one was meant?).
 */
function shippingCents(values: ListingFormValues, errors: Record<string, string>): number | null {
  const typed = values.shipping.trim()
  const free = values.free_shipping === 'on'
  if (typed === '') {
    if (free) return 0
    errors.shipping = 'Enter the shipping price, or tick “Free shipping”.'
    return null
  }
  const cents = parseDecimalInput(typed)
  if (cents === null) errors.shipping = 'Enter shipping in dollars, like 4.50.'
  else if (free && cents > 0) {
    errors.shipping = 'Either enter a shipping price or tick “Free shipping”, not both.'
  }
  return cents
}

/** The API's names for the form's fields, where they differ. */
const formName: Record<string, string> = { price_cents: 'price', shipping_cents: 'shipping' }

/**
 * Checks the form and turns it into the API's input. The form's own checks (dollars, whole
 * numbers) come first, then the API schema's, so each field gets the most specific message.
 */
export function parseListingForm(values: ListingFormValues): ListingFormResult {
  const errors: Record<string, string> = {}
  const title = values.title.trim()
  if (!title) errors.title = 'Give your listing a title.'

  const price = parseDecimalInput(values.price)
  if (price === null) errors.price = 'Enter the price in dollars, like 12 or 12.50.'

  const kind = values.kind === 'physical' || values.kind === 'digital' ? values.kind : null
  if (!kind) errors.kind = 'Choose whether it is a physical piece or a digital download.'

  let quantity: number | null = null
  let shipping: number | null = 0
  if (kind === 'physical') {
    quantity = QUANTITY.test(values.quantity.trim()) ? Number(values.quantity.trim()) : null
    if (quantity === null) errors.quantity = 'Enter how many you have, as a whole number.'
    shipping = shippingCents(values, errors)
  }

  const input = {
    title,
    description: values.description,
    price_cents: price ?? 0,
    kind: kind ?? 'physical',
    quantity,
    shipping_cents: shipping ?? 0,
    category: values.category === '' ? null : values.category,
    tags: values.tags
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean),
  }
  const parsed = createListingBody.safeParse(input)
  if (!parsed.success) {
    const schemaErrors = formErrors(fieldsFromIssues(parsed.error.issues))
    for (const [name, message] of Object.entries(schemaErrors)) errors[name] ??= message
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors }
  return { ok: true, data: parsed.data }
}

/** Maps an API error's fields (price_cents…) to the form's names (price…). */
export function formErrors(fields: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const [name, message] of Object.entries(fields)) {
    // "tags.3" is one bad tag of the one tags field.
    errors[formName[name] ?? name.split('.')[0] ?? name] ??= message
  }
  return errors
}
