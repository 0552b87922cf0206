/**
 * One error path for the whole app: handlers throw {@link AppError}; `onError` in
 * functions/index.ts turns it into spec/api.md's JSON shape (or an HTML page for pages).
 */

/** The machine-readable codes clients may branch on. */
export type ErrorCode =
  | 'invalid_input'
  | 'invalid_json'
  | 'invalid_cursor'
  | 'not_signed_in'
  | 'invalid_credentials'
  | 'forbidden'
  | 'csrf_failed'
  | 'membership_required'
  | 'not_found'
  | 'email_taken'
  | 'already_member'
  | 'already_seller'
  | 'application_pending'
  | 'already_decided'
  | 'not_member'
  | 'withdrawal_pending'
  | 'cannot_demote_self'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'too_many_images'
  | 'last_image'
  | 'not_digital'
  | 'edit_conflict'
  | 'sold_out'
  | 'not_buyable'
  | 'rate_limited'
  | 'bad_signature'
  | 'payment_provider_error'
  | 'retry_later'
  | 'not_publishable'
  | 'listing_archived'
  | 'refund_too_large'
  | 'not_refundable'
  | 'not_downloadable'
  | 'year_approved'
  | 'year_not_ended'
  | 'already_approved'
  | 'not_a_worker'
  | 'format_unavailable'
  | 'already_shipped'
  | 'not_shippable'
  | 'email_unverified'
  | 'already_verified'
  | 'invalid_token'

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 502 | 503

/** An error a client can act on: its status, code and message reach the client as they are. */
export class AppError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message)
    this.name = 'AppError'
  }
}

/** The JSON body of every error response. */
export function errorBody(error: AppError) {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.fields ? { fields: error.fields } : {}),
    },
  }
}

export const notFound = (what = 'That') => new AppError(404, 'not_found', `${what} was not found.`)

/** True when a D1 error is a UNIQUE or PRIMARY KEY violation (the guard of a racing write). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed|PRIMARY KEY/i.test(error.message)
}
