import Stripe from 'stripe'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import {
  control,
  createSession,
  listEvents,
  payOnPage,
  startHarness,
  startReceiver,
  WEBHOOK_SECRET,
  type EmulatorHarness,
} from './stripe-emulator.helpers'

const crypto = Stripe.createSubtleCryptoProvider()

let harness: EmulatorHarness
let receiver: Awaited<ReturnType<typeof startReceiver>>

beforeAll(async () => {
  receiver = await startReceiver()
  harness = await startHarness(receiver.url)
})

afterEach(async () => {
  await control(harness.emulator, 'reset-faults')
  receiver.deliveries.length = 0
})

afterAll(async () => {
  await harness.emulator.close()
  await receiver.close()
})

function verify(payload: string, signature: string) {
  return harness.stripe.webhooks.constructEventAsync(
    payload,
    signature,
    WEBHOOK_SECRET,
    300,
    crypto,
  )
}

describe('webhooks', () => {
  it('records events whose signatures the real stripe package verifies', async () => {
    const session = await createSession(harness.stripe)
    await payOnPage(session.url!, '4242424242424242')
    const events = await listEvents(harness.emulator, session.id)
    expect(events).toHaveLength(4)
    for (const recorded of events) {
      const event = await verify(recorded.payload, recorded.signature)
      expect(event).toMatchObject({
        id: recorded.id,
        type: recorded.type,
        object: 'event',
        livemode: false,
      })
      expect(event.id).toMatch(/^evt_/)
    }
    const completed = await verify(events[3]!.payload, events[3]!.signature)
    expect(completed.data.object).toMatchObject({
      id: session.id,
      status: 'complete',
      payment_status: 'paid',
    })
  })

  it('signs with Stripe’s scheme, so a wrong secret fails verification', async () => {
    const session = await createSession(harness.stripe)
    await harness.stripe.checkout.sessions.expire(session.id)
    const [recorded] = await listEvents(harness.emulator, session.id)
    expect(recorded!.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/)
    await expect(
      harness.stripe.webhooks.constructEventAsync(
        recorded!.payload,
        recorded!.signature,
        'whsec_other',
        300,
        crypto,
      ),
    ).rejects.toBeInstanceOf(Stripe.errors.StripeSignatureVerificationError)
  })

  it('delivers events to the webhook url, signed, in order', async () => {
    const session = await createSession(harness.stripe)
    await payOnPage(session.url!, '4242424242424242')
    await receiver.waitFor(4)
    const types = []
    for (const delivery of receiver.deliveries)
      types.push((await verify(delivery.payload, delivery.signature)).type)
    expect(types).toEqual([
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.succeeded',
      'checkout.session.completed',
    ])
    // What was delivered is exactly what was recorded, byte for byte.
    const recorded = await listEvents(harness.emulator, session.id)
    expect(receiver.deliveries.map((d) => d.payload)).toEqual(recorded.map((e) => e.payload))
  })

  it('delivers each event twice with duplicate_deliveries', async () => {
    expect(
      (
        await control(harness.emulator, 'faults', {
          duplicate_deliveries: true,
        })
      ).status,
    ).toBe(200)
    const session = await createSession(harness.stripe)
    await harness.stripe.checkout.sessions.expire(session.id)
    await receiver.waitFor(2)
    const [first, second] = receiver.deliveries
    expect(first!.payload).toBe(second!.payload)
    expect((await verify(first!.payload, first!.signature)).type).toBe('checkout.session.expired')
  })

  it('with out_of_order, delivers a refund’s events before the payment’s, each batch reversed', async () => {
    await control(harness.emulator, 'faults', { out_of_order: true })
    const session = await createSession(harness.stripe)
    await payOnPage(session.url!, '4242424242424242')
    const paid = await harness.stripe.checkout.sessions.retrieve(session.id)
    // The payment's events are held back until the next batch overtakes them.
    expect(receiver.deliveries).toEqual([])
    await harness.stripe.refunds.create({ payment_intent: paid.payment_intent as string })
    await receiver.waitFor(6)
    const types = receiver.deliveries.map((d) => JSON.parse(d.payload).type)
    expect(types).toEqual([
      'charge.refunded',
      'refund.created',
      'checkout.session.completed',
      'payment_intent.succeeded',
      'charge.succeeded',
      'payment_intent.created',
    ])
  })

  it('releases a held batch when out_of_order is switched off', async () => {
    await control(harness.emulator, 'faults', { out_of_order: true })
    const session = await createSession(harness.stripe)
    await harness.stripe.checkout.sessions.expire(session.id)
    expect(receiver.deliveries).toEqual([])
    await control(harness.emulator, 'faults', { out_of_order: false })
    await receiver.waitFor(1)
    expect(JSON.parse(receiver.deliveries[0]!.payload).type).toBe('checkout.session.expired')
  })

  it('fails the next API call with a 500 api_error', async () => {
    const session = await createSession(harness.stripe)
    await control(harness.emulator, 'faults', { fail_api_requests: 1 })
    const error = await harness.stripe.checkout.sessions
      .retrieve(session.id, {}, { maxNetworkRetries: 0 })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Stripe.errors.StripeAPIError)
    expect(error).toMatchObject({ statusCode: 500 })
    // Only the one call failed.
    expect((await harness.stripe.checkout.sessions.retrieve(session.id)).id).toBe(session.id)
  })

  it('rejects unknown faults and settings', async () => {
    expect((await control(harness.emulator, 'faults', { explode: true })).status).toBe(400)
    expect((await control(harness.emulator, 'config', { colour: 'red' })).status).toBe(400)
  })

  it('retries a delivery the receiver fails', async () => {
    const flaky = await startReceiver(2)
    await control(harness.emulator, 'config', { webhook_url: flaky.url })
    // Stripe's schedule (10 min, 1 h, …) compressed a hundred-thousandfold.
    await control(harness.emulator, 'faults', { delivery_time_scale: 0.00001 })
    try {
      const session = await createSession(harness.stripe)
      await harness.stripe.checkout.sessions.expire(session.id)
      await flaky.waitFor(1)
      expect(JSON.parse(flaky.deliveries[0]!.payload).type).toBe('checkout.session.expired')
    } finally {
      await control(harness.emulator, 'config', { webhook_url: receiver.url })
      await flaky.close()
    }
  })

  it('signs with a secret changed at run time', async () => {
    await control(harness.emulator, 'config', {
      webhook_secret: 'whsec_rotated',
    })
    try {
      const session = await createSession(harness.stripe)
      await harness.stripe.checkout.sessions.expire(session.id)
      const [recorded] = await listEvents(harness.emulator, session.id)
      const event = await harness.stripe.webhooks.constructEventAsync(
        recorded!.payload,
        recorded!.signature,
        'whsec_rotated',
        300,
        crypto,
      )
      expect(event.type).toBe('checkout.session.expired')
    } finally {
      await control(harness.emulator, 'config', {
        webhook_secret: WEBHOOK_SECRET,
      })
    }
  })
})

describe('the events listing', () => {
  it('finds a payment’s events by session, order reference, payment intent or charge', async () => {
    const session = await createSession(harness.stripe, {
      client_reference_id: 'ord_listing',
    })
    await payOnPage(session.url!, '4242424242424242')
    const paid = await harness.stripe.checkout.sessions.retrieve(session.id, {
      expand: ['payment_intent'],
    })
    const intent = paid.payment_intent as Stripe.PaymentIntent
    const all = [
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.succeeded',
      'checkout.session.completed',
    ]
    expect((await listEvents(harness.emulator, session.id)).map((e) => e.type)).toEqual(all)
    expect((await listEvents(harness.emulator, 'ord_listing')).map((e) => e.type)).toEqual(all)
    expect((await listEvents(harness.emulator, intent.id)).map((e) => e.type)).toEqual(all)
    expect(
      (await listEvents(harness.emulator, intent.latest_charge as string)).map((e) => e.type),
    ).toEqual(all)
    expect(await listEvents(harness.emulator, 'cs_test_unrelated')).toEqual([])
    const everything = await listEvents(harness.emulator)
    expect(everything.length).toBeGreaterThanOrEqual(3)
  })
})
