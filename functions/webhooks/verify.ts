/**
 * Which endpoint secret signed an event. In production the platform's events and the Connect
 * events come from two Stripe endpoints with two secrets, both pointed at `/webhooks/stripe`:
 * the platform secret is tried first, then the Connect one when it is set.
 */
import Stripe from 'stripe'

import type { Bindings } from '../app.ts'
import { AppError } from '../lib/errors.ts'

const cryptoProvider = Stripe.createSubtleCryptoProvider()

/** Stripe's default tolerance: a signature older than this is a replay. */
const TOLERANCE_SECONDS = 300

async function verifiedWith(raw: string, signature: string, secret: string) {
  try {
    // Static: checking a signature needs the endpoint secret, not an API key.
    return (await Stripe.webhooks.constructEventAsync(
      raw,
      signature,
      secret,
      TOLERANCE_SECONDS,
      cryptoProvider,
    )) as unknown
  } catch {
    return null
  }
}

/**
 * The parsed body of an event signed by one of the endpoint secrets; 400 `bad_signature`
 * otherwise. The body is not trusted beyond that: see ./envelope.ts.
 */
export async function verifyStripeSignature(
  env: Bindings,
  raw: string,
  signature: string | undefined,
): Promise<unknown> {
  const secrets = [env.STRIPE_WEBHOOK_SECRET, env.STRIPE_CONNECT_WEBHOOK_SECRET].filter(
    (secret): secret is string => Boolean(secret),
  )
  if (!signature || secrets.length === 0) {
    throw new AppError(400, 'bad_signature', 'The webhook signature is missing.')
  }
  for (const secret of secrets) {
    const event = await verifiedWith(raw, signature, secret)
    if (event !== null) return event
  }
  throw new AppError(400, 'bad_signature', 'The webhook signature does not verify.')
}
