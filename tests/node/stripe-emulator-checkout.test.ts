import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  advanceClock,
  control,
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

const line = (currency: string, amount: number) => ({
  quantity: 1,
  price_data: { currency, unit_amount: amount, product_data: { name: 'Print' } },
})

const shipped = () =>
  createSession(stripe, {
    line_items: [line('usd', 2000)],
    shipping_address_collection: { allowed_countries: ['US', 'CA'] },
    shipping_options: [
      {
        shipping_rate_data: {
          display_name: 'Post',
          type: 'fixed_amount',
          fixed_amount: { amount: 500, currency: 'usd' },
        },
      },
      {
        shipping_rate_data: {
          display_name: 'Courier',
          type: 'fixed_amount',
          fixed_amount: { amount: 1500, currency: 'usd' },
        },
      },
    ],
  })

describe('checkout shipping', () => {
  it('keeps the address collection, prices the first option, and totals the details', async () => {
    const session = await shipped()
    expect(session.shipping_address_collection).toEqual({ allowed_countries: ['US', 'CA'] })
    expect(session).toMatchObject({
      amount_subtotal: 2000,
      amount_total: 2500,
      total_details: { amount_discount: 0, amount_shipping: 500, amount_tax: 0 },
    })
    expect(session.shipping_options.map((o) => o.shipping_amount)).toEqual([500, 1500])
    const rate = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ['shipping_cost.shipping_rate'],
    })
    expect(rate.shipping_cost?.shipping_rate).toMatchObject({ display_name: 'Post' })
  })

  it('collects the address typed on the page and the option chosen', async () => {
    const session = await shipped()
    const page = await (await fetch(session.url!)).text()
    expect(page).toContain('name="shipping_line1"')
    const chosen = session.shipping_options[1]!.shipping_rate as string
    const response = await fetch(session.url!, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({
        card_number: '4242424242424242',
        shipping_name: 'Ada Lovelace',
        shipping_line1: '1 Main St',
        shipping_city: 'Toronto',
        shipping_postal_code: 'M5V 2T6',
        shipping_country: 'ca',
        shipping_rate: chosen,
      }),
    })
    expect(response.status).toBe(303)
    const paid = await stripe.checkout.sessions.retrieve(session.id)
    expect(paid.amount_total).toBe(3500)
    expect(paid.total_details?.amount_shipping).toBe(1500)
    expect(paid.collected_information?.shipping_details).toMatchObject({
      name: 'Ada Lovelace',
      address: { line1: '1 Main St', city: 'Toronto', country: 'CA' },
    })
  })

  it('gives a script that posts only a card number the default test address', async () => {
    const session = await shipped()
    await payOnPage(session.url!, '4242424242424242')
    const paid = await stripe.checkout.sessions.retrieve(session.id)
    expect(paid.collected_information?.shipping_details?.address.country).toBe('US')
  })

  it('refuses a country outside allowed_countries and keeps the session open', async () => {
    const session = await shipped()
    const response = await fetch(session.url!, {
      method: 'POST',
      body: new URLSearchParams({
        card_number: '4242424242424242',
        shipping_name: 'A',
        shipping_line1: 'B',
        shipping_city: 'C',
        shipping_postal_code: 'D',
        shipping_country: 'FR',
      }),
    })
    expect(response.status).toBe(400)
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('open')
  })
})

describe('checkout amounts and currencies', () => {
  it('refuses totals below Stripe’s minimum or above its maximum, and unknown currencies', async () => {
    for (const [items, code] of [
      [[line('usd', 49)], 'amount_too_small'],
      [[line('usd', 100_000_000)], 'amount_too_large'],
    ] as const) {
      const error = await createSession(stripe, { line_items: [...items] }).catch((e: unknown) => e)
      expect(error).toMatchObject({ statusCode: 400, code })
    }
    expect((await createSession(stripe, { line_items: [line('usd', 50)] })).amount_total).toBe(50)
    const unknown = await createSession(stripe, { line_items: [line('xyz', 5000)] }).catch(
      (e: unknown) => e,
    )
    expect(unknown).toMatchObject({
      statusCode: 400,
      param: 'line_items[0][price_data][currency]',
    })
  })

  it('prices and shows JPY without decimals', async () => {
    const session = await createSession(stripe, { line_items: [line('jpy', 1500)] })
    expect(session).toMatchObject({ currency: 'jpy', amount_total: 1500 })
    const page = await (await fetch(session.url!)).text()
    expect(page).toContain('JPY 1500')
    expect(page).not.toContain('JPY 15.00')
  })

  it('pages line items with limit', async () => {
    const session = await createSession(stripe, {
      line_items: [line('usd', 100), line('usd', 200), line('usd', 300)],
    })
    const first = await stripe.checkout.sessions.listLineItems(session.id, { limit: 2 })
    expect(first.data.map((i) => i.amount_total)).toEqual([100, 200])
    expect(first.has_more).toBe(true)
    const rest = await stripe.checkout.sessions.listLineItems(session.id, {
      limit: 2,
      starting_after: first.data[1]!.id,
    })
    expect(rest.data.map((i) => i.amount_total)).toEqual([300])
    expect(rest.has_more).toBe(false)
  })
})

describe('delayed payments', () => {
  const bankSession = () =>
    createSession(stripe, { allowed_payment_method_types: ['card', 'us_bank_account'] })
  const payByBank = (url: string, account: string) =>
    fetch(url, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ account_number: account }),
    })

  it('completes the session unpaid, then succeeds when the bank settles', async () => {
    const session = await bankSession()
    expect((await payByBank(session.url!, '000123456789')).status).toBe(303)
    const waiting = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ['payment_intent'],
    })
    expect(waiting).toMatchObject({ status: 'complete', payment_status: 'unpaid' })
    expect((waiting.payment_intent as Stripe.PaymentIntent).status).toBe('processing')
    await advanceClock(harness.emulator, 4 * 24 * 60 * 60)
    expect((await stripe.checkout.sessions.retrieve(session.id)).payment_status).toBe('paid')
    expect((await listEvents(harness.emulator, session.id)).map((e) => e.type)).toEqual([
      'payment_intent.created',
      'charge.pending',
      'payment_intent.processing',
      'checkout.session.completed',
      'charge.succeeded',
      'payment_intent.succeeded',
      'checkout.session.async_payment_succeeded',
    ])
  })

  it('fails later for a closed account, or as a control decides', async () => {
    const closed = await bankSession()
    await payByBank(closed.url!, '000111111113')
    const good = await bankSession()
    await payByBank(good.url!, '000123456789')
    const intent = (await stripe.checkout.sessions.retrieve(good.id)).payment_intent as string
    const settled = await control(harness.emulator, `payment_intents/${intent}/settle`, {
      outcome: 'failed',
    })
    expect(settled.status).toBe(200)
    await advanceClock(harness.emulator, 4 * 24 * 60 * 60)
    for (const session of [closed, good]) {
      const types = (await listEvents(harness.emulator, session.id)).map((e) => e.type)
      expect(types.slice(-3)).toEqual([
        'charge.failed',
        'payment_intent.payment_failed',
        'checkout.session.async_payment_failed',
      ])
      expect((await stripe.checkout.sessions.retrieve(session.id)).payment_status).toBe('unpaid')
    }
  })
})
