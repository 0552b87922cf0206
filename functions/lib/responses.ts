/**
 * Answer schemas shared by every feature: the error shape of spec/api.md and the page of a
 * list. Objects are not strict: spec/api.md lets the API add fields clients ignore.
 */
import { z } from 'zod'

/** `{ error: { code, message, fields? } }`, every 4xx and 5xx. */
export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
})

/** A page of a list: its items and the cursor of the next page (null on the last). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), next_cursor: z.string().nullable() })

/** A JSON answer: its description and zod schema. */
export const jsonAnswer = <S extends z.ZodType>(description: string, schema: S) => ({
  description,
  content: { 'application/json': { schema } },
})

/** An ISO 8601 timestamp as the API writes it. */
export const timestamp = z.string()

/** The answers every route may give, described once: 401/403/404 from its rule, 429 and 400. */
export const errors = {
  400: jsonAnswer('Invalid input: `fields` says which and why.', errorSchema),
  401: jsonAnswer('Not signed in.', errorSchema),
  403: jsonAnswer('Not allowed, or a cross-site request.', errorSchema),
  404: jsonAnswer('Not found.', errorSchema),
  409: jsonAnswer('Conflicts with the current state.', errorSchema),
  413: jsonAnswer('The body is too large.', errorSchema),
  415: jsonAnswer('The body has another content type.', errorSchema),
  429: jsonAnswer('Too many attempts: see Retry-After.', errorSchema),
  502: jsonAnswer('Stripe could not be reached: try again.', errorSchema),
  503: jsonAnswer('Could not be completed now: try again.', errorSchema),
} as const

/** Picks the listed error answers, e.g. `errorsOf(400, 401)`. */
export function errorsOf<K extends keyof typeof errors>(...statuses: K[]) {
  return Object.fromEntries(statuses.map((status) => [status, errors[status]])) as Pick<
    typeof errors,
    K
  >
}

/** The `:id` of a path. */
export const idParams = z.object({ id: z.string() })
