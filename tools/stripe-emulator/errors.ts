/** Stripe's error types, as they appear in `error.type`. */
export type StripeErrorType =
  'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error'

/**
 * An error answered in Stripe's shape: `{error:{type, code, message, param}}` with Stripe's
 * status. `validation` marks errors raised before the request ran: Stripe does not store those
 * under an Idempotency-Key, so a corrected retry with the same key can still succeed.
 */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: StripeErrorType,
    message: string,
    readonly code?: string,
    readonly param?: string,
    readonly validation = false,
  ) {
    super(message)
  }

  /** The JSON body Stripe sends for this error. */
  toBody(): { error: Record<string, string> } {
    const error: Record<string, string> = {
      type: this.type,
      message: this.message,
    }
    if (this.code) error.code = this.code
    if (this.param) error.param = this.param
    return { error }
  }
}

/** 400 for a parameter the endpoint does not know. */
export function unknownParameter(param: string): StripeApiError {
  const message = `Received unknown parameter: ${param}`
  return new StripeApiError(400, 'invalid_request_error', message, 'parameter_unknown', param, true)
}

/** 400 for a required parameter that was not sent. */
export function missingParameter(param: string): StripeApiError {
  const message = `Missing required param: ${param}.`
  return new StripeApiError(400, 'invalid_request_error', message, 'parameter_missing', param, true)
}

/** 400 for a parameter of the wrong type or out of range. */
export function invalidParameter(param: string, message: string, code?: string): StripeApiError {
  return new StripeApiError(400, 'invalid_request_error', message, code, param, true)
}

/** 404 for an id that names nothing, worded as Stripe words it. */
export function resourceMissing(kind: string, id: string, param = 'id'): StripeApiError {
  const message = `No such ${kind}: '${id}'`
  return new StripeApiError(404, 'invalid_request_error', message, 'resource_missing', param)
}

/** 400 for a request that is well-formed but not allowed in the object's current state. */
export function invalidState(message: string, code?: string, param?: string): StripeApiError {
  return new StripeApiError(400, 'invalid_request_error', message, code, param)
}
