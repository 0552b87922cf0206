/**
 * The one way the app reaches Stripe: the real `stripe` package, pointed at the local emulator
 * when STRIPE_EMULATOR_URL is set and at Stripe itself otherwise.
 */
import Stripe from 'stripe'

import type { Bindings } from '../app.ts'
import { AppError } from './errors.ts'

/** A Stripe client for this request's environment. */
export function stripeClient(env: Bindings): Stripe {
  if (!env.STRIPE_SECRET_KEY) {
    throw new AppError(503, 'payment_provider_error', 'Payments are not configured on this server.')
  }
  const emulator = env.STRIPE_EMULATOR_URL ? new URL(env.STRIPE_EMULATOR_URL) : null
  return new Stripe(env.STRIPE_SECRET_KEY, {
    // workerd has fetch, not Node's http module.
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: 2,
    timeout: 10_000,
    ...(emulator && {
      host: emulator.hostname,
      port: Number(emulator.port || (emulator.protocol === 'https:' ? 443 : 80)),
      protocol: emulator.protocol === 'https:' ? 'https' : 'http',
    }),
  })
}

/**
 * Runs a Stripe call, turning a failure of Stripe's (or the network's) into a 502 the client
 * can retry, instead of a 500.
 */
export async function callStripe<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) {
      console.error('stripe call failed', error.type, error.code, error.message)
      throw new AppError(
        502,
        'payment_provider_error',
        'The payment provider did not answer as expected. Please try again.',
      )
    }
    throw error
  }
}

/**
 * The idempotency key of a job's Stripe call on its `attempts`-th retry: the job's own key the
 * first time, a key of that retry's own afterwards. Stripe keeps a 500 under its key and replays
 * it to every later request with that key, so a job that kept one key could never get past a
 * single failure inside Stripe. A fresh key is safe only because the job first looks up, by the
 * metadata it sends, whether an earlier attempt's call took effect after all (see
 * {@link madeEarlier}).
 */
export function attemptKey(key: string, attempts: number): string {
  return attempts === 0 ? key : `${key}:retry-${attempts}`
}

/**
 * What an earlier attempt made, found among Stripe's objects by a metadata field, on retries
 * only (the first attempt cannot have made anything).
 */
export async function madeEarlier<T extends { metadata: Stripe.Metadata | null }>(
  attempts: number,
  list: () => Promise<{ data: T[] }>,
  field: string,
  value: string,
): Promise<T | undefined> {
  if (attempts === 0) return undefined
  const { data } = await list()
  return data.find((object) => object.metadata?.[field] === value)
}
