/**
 * Bodies for routes whose CSRF class is `signature` (the Stripe webhook): an unsigned body only
 * ever meets the signature check, so half the time the fuzzer signs what it sends with the
 * endpoint secret, as Stripe would, and the event envelope, deduplication and handlers see it.
 * The events are Stripe-shaped (`{id, object: 'event', type, data: {object}}`) with types the
 * app handles and fields of every kind, since a schema that says `data: object` reaches none.
 */
import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import Stripe from 'stripe'

import { hostileValue, oddString } from './hostile.ts'

const crypto = Stripe.createSubtleCryptoProvider()

const eventTypes = fc.oneof(
  fc.constantFrom(
    'checkout.session.completed',
    'checkout.session.expired',
    'checkout.session.async_payment_succeeded',
    'checkout.session.async_payment_failed',
    'charge.refunded',
    'charge.dispute.created',
    'charge.dispute.closed',
    'payment_intent.succeeded',
    'payment_intent.payment_failed',
    'account.updated',
    'payout.paid',
    'transfer.created',
  ),
  oddString,
)

const fieldValue = (ids: () => string[]) =>
  fc.oneof(
    fc.nat().map((i) => ids()[i % Math.max(1, ids().length)] ?? 'x'),
    fc.constantFrom('complete', 'paid', 'unpaid', 'open', 'expired', 'payment', 'usd', 'eur'),
    fc.constantFrom('membership_share', 'order', 'cs_test_1', 'pi_test_1', 'acct_1'),
    fc.integer({ min: -1000, max: 100_000 }),
    hostileValue(),
  )

const stripeKeys = [
  'id',
  'amount_total',
  'amount',
  'amount_refunded',
  'currency',
  'status',
  'payment_status',
  'mode',
  'customer',
  'payment_intent',
  'charge',
  'metadata',
  'client_reference_id',
  'charges_enabled',
  'payouts_enabled',
  'details_submitted',
  'created',
  'livemode',
]

/** A Stripe-like event with fields drawn from {@link stripeKeys} and hostile values. */
export const stripeEvent = (ids: () => string[]): fc.Arbitrary<unknown> =>
  fc.record(
    {
      id: fc.oneof(
        fc.uuid().map((u) => `evt_${u}`),
        oddString,
      ),
      object: fc.oneof({ weight: 9, arbitrary: fc.constant('event') }, oddString),
      type: eventTypes,
      created: fc.integer({ min: 0, max: 2 ** 31 }),
      data: fc.record({
        object: fc
          .tuple(
            fc.constantFrom('checkout.session', 'charge', 'payment_intent', 'account', 'dispute'),
            fc.dictionary(fc.constantFrom(...stripeKeys), fieldValue(ids), { maxKeys: 8 }),
            fc.dictionary(fc.constantFrom(...stripeKeys), fieldValue(ids), { maxKeys: 4 }),
          )
          .map(([object, fields, metadata]) => ({ object, ...fields, metadata })),
      }),
    },
    { requiredKeys: ['type', 'data'] },
  )

/** The `Stripe-Signature` header of `payload`, signed now with the endpoint secret. */
export function signatureOf(payload: string): Promise<string> {
  return Stripe.webhooks.generateTestHeaderStringAsync({
    payload,
    secret: env.STRIPE_WEBHOOK_SECRET,
    cryptoProvider: crypto,
  })
}
