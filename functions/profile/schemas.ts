/** Request bodies of the profile API: each schema is also the field-by-field documentation. */
import { z } from 'zod'

import { displayName } from '../accounts/schemas.ts'
import { text } from '../lib/validate.ts'

/** The most a bio holds (the accounts table's CHECK, migration 0002). */
export const MAX_BIO = 2000
/** The most a location holds (the accounts table's CHECK, migration 0015). */
export const MAX_LOCATION = 80

/** What members write about themselves: paragraphs, shown on their stall. '' clears it. */
export const bio = text({ max: MAX_BIO, multiline: true })

/**
 * Where the member is, in their own words ("Leeds", "Bristol, UK"): one line, no bidi controls
 * (it sits beside their name); '' clears it.
 */
export const location = text({ max: MAX_LOCATION, name: true })

/** The profile's fields, each optional: what the form and the API both send. */
export const profileFields = z.strictObject({
  display_name: displayName.optional(),
  bio: bio.optional(),
  location: location.optional(),
})

/** `PATCH /api/v1/me`: at least one of the fields; the others stay as they are. */
export const profileBody = profileFields.refine(
  (body) =>
    body.display_name !== undefined || body.bio !== undefined || body.location !== undefined,
  { message: 'Send at least one of display_name, bio and location.' },
)

export type ProfileInput = z.output<typeof profileBody>
