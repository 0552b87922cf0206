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
