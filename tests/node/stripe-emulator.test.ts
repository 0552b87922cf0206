import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  createSession,
  listEvents,
  payOnPage,
  startHarness,
  type EmulatorHarness,
} from './stripe-emulator.helpers'

let harness: EmulatorHarness
let stripe: Stripe

beforeAll(async () => {
  harness = await startHarness()
  stripe = harness.stripe
})

afterAll(() => harness.emulator.close())

describe('checkout sessions', () => {
  it('creates an open, unpaid session with a hosted url and the total of its lines', async () => {
    const session = await createSession(stripe, {
      metadata: { kind: 'order' },
    })
    expect(session.id).toMatch(/^cs_test_/)
    expect(session).toMatchObject({
      object: 'checkout.session',
      livemode: false,
      status: 'open',
      payment_status: 'unpaid',
      amount_total: 3000,
      currency: 'usd',
      client_reference_id: 'ord_1',
      payment_intent: null,
      metadata: { kind: 'order' },
      url: `${harness.emulator.url}/c/pay/${session.id}`,
    })
    expect(session.created).toBeGreaterThan(1_600_000_000)
  })

  it('retrieves a session, with its line items when expanded', async () => {
    const created = await createSession(stripe)
    const session = await stripe.checkout.sessions.retrieve(created.id, {
      expand: ['line_items'],
    })
    expect(session.id).toBe(created.id)
    expect(
      session.line_items?.data.map((line) => [line.description, line.quantity, line.amount_total]),
    ).toEqual([
      ['Plum jam', 2, 2500],
      ['Shipping', 1, 500],
    ])
  })

  it('expires an open session, emits checkout.session.expired, and refuses to expire it twice', async () => {
    const session = await createSession(stripe)
    const expired = await stripe.checkout.sessions.expire(session.id)
    expect(expired.status).toBe('expired')
    const events = await listEvents(harness.emulator, session.id)
    expect(events.map((e) => e.type)).toEqual(['checkout.session.expired'])
    await expect(stripe.checkout.sessions.expire(session.id)).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 400,
    })
  })

  it('expires a session whose expires_at has passed', async () => {
    const session = await createSession(stripe, {
      expires_at: Math.floor(Date.now() / 1000) - 1,
    })
    const again = await stripe.checkout.sessions.retrieve(session.id)
    expect(again.status).toBe('expired')
    expect((await listEvents(harness.emulator, session.id)).map((e) => e.type)).toEqual([
      'checkout.session.expired',
    ])
  })

  it('works through the fetch http client used in workerd', async () => {
    const fetchClient = new Stripe('sk_test_emulator', {
      host: '127.0.0.1',
      port: harness.emulator.port,
      protocol: 'http',
      httpClient: Stripe.createFetchHttpClient(),
    })
    const session = await createSession(fetchClient)
    expect((await fetchClient.checkout.sessions.retrieve(session.id)).amount_total).toBe(3000)
  })
})

describe('hosted checkout page', () => {
  it('shows the amount, the lines and a labelled card field, without scripts', async () => {
    const session = await createSession(stripe)
    const response = await fetch(session.url!)
    const html = await response.text()
    expect(response.status).toBe(200)
    expect(html).toContain('<title>')
    expect(html).toContain('USD 30.00')
    expect(html).toContain('Plum jam')
    expect(html).toContain('<label for="card_number">')
    expect(html).toContain('name="card_number"')
    expect(html).toMatch(/<button type="submit">Pay/)
    expect(html).not.toContain('<script')
  })

  it('pays with 4242…, redirects to success_url, and records the payment', async () => {
    const session = await createSession(stripe)
    const response = await payOnPage(session.url!, '4242 4242 4242 4242')
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(
      `http://localhost:8787/orders/ord_1/paid?session=${session.id}`,
    )
    const paid = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ['payment_intent.latest_charge.balance_transaction'],
    })
    expect(paid).toMatchObject({ status: 'complete', payment_status: 'paid' })
    const intent = paid.payment_intent as Stripe.PaymentIntent
    expect(intent).toMatchObject({
      status: 'succeeded',
      amount: 3000,
      transfer_group: 'ord_1',
      metadata: { order: 'ord_1' },
    })
    const charge = intent.latest_charge as Stripe.Charge
    expect(charge).toMatchObject({
      paid: true,
      amount: 3000,
      payment_intent: intent.id,
    })
    const txn = charge.balance_transaction as Stripe.BalanceTransaction
    // 2.9 % of 3000 = 87, plus 30.
    expect(txn).toMatchObject({ amount: 3000, fee: 117, net: 2883 })
    expect(txn.fee_details).toEqual([expect.objectContaining({ amount: 117, type: 'stripe_fee' })])

    const events = await listEvents(harness.emulator, session.id)
    expect(events.map((e) => e.type)).toEqual([
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.succeeded',
      'checkout.session.completed',
    ])
  })

  it('retrieves the payment intent, charge and balance transaction on their own', async () => {
    const session = await createSession(stripe)
    await payOnPage(session.url!, '4242424242424242')
    const { payment_intent } = await stripe.checkout.sessions.retrieve(session.id)
    const intent = await stripe.paymentIntents.retrieve(payment_intent as string)
    const charge = await stripe.charges.retrieve(intent.latest_charge as string)
    const txn = await stripe.balanceTransactions.retrieve(charge.balance_transaction as string)
    expect(intent.id).toMatch(/^pi_/)
    expect(charge.id).toMatch(/^ch_/)
    expect(txn.id).toMatch(/^txn_/)
    expect(txn.source).toBe(charge.id)
  })

  it('rounds the percentage fee half up', async () => {
    // 2.9 % of 1050 = 30.45 → 30; of 1550 = 44.95 → 45.
    for (const [amount, fee] of [
      [1050, 60],
      [1550, 75],
    ] as const) {
      const session = await createSession(stripe, {
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: 'usd',
              unit_amount: amount,
              product_data: { name: 'x' },
            },
          },
        ],
      })
      await payOnPage(session.url!, '4242424242424242')
      const paid = await stripe.checkout.sessions.retrieve(session.id, {
        expand: ['payment_intent.latest_charge.balance_transaction'],
      })
      const charge = (paid.payment_intent as Stripe.PaymentIntent).latest_charge as Stripe.Charge
      expect((charge.balance_transaction as Stripe.BalanceTransaction).fee).toBe(fee)
    }
  })

  it('declines 4000 0000 0000 0002 with a visible error, records the failed attempt, and leaves the session open', async () => {
    const session = await createSession(stripe)
    const response = await payOnPage(session.url!, '4000 0000 0000 0002')
    expect(response.status).toBe(402)
    expect(await response.text()).toContain('Your card was declined.')
    const open = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ['payment_intent.latest_charge'],
    })
    expect(open.status).toBe('open')
    const intent = open.payment_intent as Stripe.PaymentIntent
    expect(intent).toMatchObject({
      status: 'requires_payment_method',
      last_payment_error: { code: 'card_declined', decline_code: 'generic_decline' },
    })
    expect(intent.latest_charge).toMatchObject({
      status: 'failed',
      paid: false,
      failure_code: 'card_declined',
    })
    expect((await listEvents(harness.emulator, session.id)).map((e) => e.type)).toEqual([
      'payment_intent.created',
      'charge.failed',
      'payment_intent.payment_failed',
    ])
    // A second try with a good card pays through the same intent.
    expect((await payOnPage(session.url!, '4242424242424242')).status).toBe(303)
    const paid = await stripe.checkout.sessions.retrieve(session.id)
    expect(paid).toMatchObject({ status: 'complete', payment_intent: intent.id })
  })

  it('pays and then disputes with 4000 0000 0000 0259', async () => {
    const session = await createSession(stripe)
    expect((await payOnPage(session.url!, '4000000000000259')).status).toBe(303)
    const events = await listEvents(harness.emulator, session.id)
    const disputeEvent = events.find((e) => e.type === 'charge.dispute.created')
    const dispute = JSON.parse(disputeEvent!.payload).data.object
    expect(dispute.id).toMatch(/^du_/)
    expect(dispute).toMatchObject({
      object: 'dispute',
      status: 'needs_response',
      amount: 3000,
    })
  })

  it('refuses to pay a session twice', async () => {
    const session = await createSession(stripe)
    await payOnPage(session.url!, '4242424242424242')
    const again = await payOnPage(session.url!, '4242424242424242')
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('This checkout session is no longer available.')
    const completed = (await listEvents(harness.emulator, session.id)).filter(
      (e) => e.type === 'checkout.session.completed',
    )
    expect(completed).toHaveLength(1)
  })
})

describe('API errors', () => {
  it('rejects an unknown parameter by name', async () => {
    const error = await createSession(stripe, { foo: 'bar' } as never).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
    expect(error).toMatchObject({
      statusCode: 400,
      code: 'parameter_unknown',
      param: 'foo',
      message: 'Received unknown parameter: foo',
    })
  })

  it('rejects an ill-typed integer', async () => {
    const error = await createSession(stripe, {
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: 'usd',
            unit_amount: 'abc' as never,
            product_data: { name: 'x' },
          },
        },
      ],
    }).catch((e: unknown) => e)
    expect(error).toMatchObject({
      statusCode: 400,
      code: 'parameter_invalid_integer',
      param: 'line_items[0][price_data][unit_amount]',
    })
  })

  it('names a missing required parameter', async () => {
    const error = await stripe.checkout.sessions
      .create({ mode: 'payment' })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({
      statusCode: 400,
      code: 'parameter_missing',
      param: 'line_items',
    })
  })

  it('answers 404 resource_missing for an unknown id', async () => {
    const error = await stripe.paymentIntents.retrieve('pi_missing').catch((e: unknown) => e)
    expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing' })
  })

  it('answers 401 without a valid API key', async () => {
    const noKey = await fetch(`${harness.emulator.url}/v1/checkout/sessions/cs_test_x`)
    expect(noKey.status).toBe(401)
    expect(await noKey.json()).toMatchObject({
      error: {
        type: 'invalid_request_error',
        message: expect.stringMatching(/^You did not provide an API key/),
      },
    })
    const wrong = new Stripe('sk_live_nope', {
      host: '127.0.0.1',
      port: harness.emulator.port,
      protocol: 'http',
    })
    await expect(wrong.checkout.sessions.retrieve('cs_test_x')).rejects.toBeInstanceOf(
      Stripe.errors.StripeAuthenticationError,
    )
  })

  it('replays a request with the same Idempotency-Key and refuses other parameters', async () => {
    const key = `order:${Math.random()}`
    const a = await stripe.checkout.sessions.create(
      {
        mode: 'payment',
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: 'usd',
              unit_amount: 100,
              product_data: { name: 'x' },
            },
          },
        ],
      },
      { idempotencyKey: key },
    )
    const b = await stripe.checkout.sessions.create(
      {
        mode: 'payment',
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: 'usd',
              unit_amount: 100,
              product_data: { name: 'x' },
            },
          },
        ],
      },
      { idempotencyKey: key },
    )
    expect(b.id).toBe(a.id)
    expect(b.lastResponse.headers['idempotent-replayed']).toBe('true')
    const conflict = stripe.checkout.sessions.create(
      {
        mode: 'payment',
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: 'usd',
              unit_amount: 200,
              product_data: { name: 'x' },
            },
          },
        ],
      },
      { idempotencyKey: key },
    )
    await expect(conflict).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError)
  })
})
