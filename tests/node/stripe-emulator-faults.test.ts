import fc from 'fast-check'
import Stripe from 'stripe'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { startStripeEmulator, type StripeEmulator } from '../../tools/stripe-emulator/index'
import {
  advanceClock,
  control,
  createSession,
  listEvents,
  onboardedAccount,
  paidCharge,
  startHarness,
  startReceiver,
  WEBHOOK_SECRET,
  type EmulatorHarness,
} from './stripe-emulator.helpers'

const crypto = Stripe.createSubtleCryptoProvider()
let harness: EmulatorHarness
let stripe: Stripe

beforeAll(async () => {
  harness = await startHarness()
  stripe = harness.stripe
})
afterEach(() => control(harness.emulator, 'reset-faults'))
afterAll(() => harness.emulator.close())

const oneLine = {
  mode: 'payment' as const,
  line_items: [
    { quantity: 1, price_data: { currency: 'usd', unit_amount: 900, product_data: { name: 'x' } } },
  ],
}

describe('idempotency and injected failures', () => {
  it('saves an injected 500 under its key and replays it, telling clients not to retry', async () => {
    await control(harness.emulator, 'faults', { fail_api_requests: 1 })
    const key = `k-${Math.random()}`
    const first = await stripe.checkout.sessions
      .create(oneLine, { idempotencyKey: key, maxNetworkRetries: 2 })
      .catch((e: Stripe.errors.StripeError) => e)
    expect(first).toBeInstanceOf(Stripe.errors.StripeAPIError)
    const firstError = first as Stripe.errors.StripeAPIError
    expect(firstError.headers?.['stripe-should-retry']).toBe('false')
    const replay = await stripe.checkout.sessions
      .create(oneLine, { idempotencyKey: key })
      .catch((e: Stripe.errors.StripeError) => e)
    expect(replay).toMatchObject({ statusCode: 500 })
    const headers = (replay as Stripe.errors.StripeAPIError).headers ?? {}
    expect(headers['idempotent-replayed']).toBe('true')
    expect(headers['original-request']).toBe(firstError.requestId)
    // A new key runs the request.
    expect(
      (await stripe.checkout.sessions.create(oneLine, { idempotencyKey: `${key}-2` })).id,
    ).toMatch(/^cs_test_/)
  })

  it('answers a transient 500 with Stripe-Should-Retry: true and saves nothing', async () => {
    await control(harness.emulator, 'faults', { fail_api_requests_transient: 1 })
    // stripe-node follows the header and retries under the same key, which then runs.
    const session = await stripe.checkout.sessions.create(oneLine, {
      idempotencyKey: `t-${Math.random()}`,
      maxNetworkRetries: 1,
    })
    expect(session.status).toBe('open')
  })

  it('names the request and its key on the events it caused, Original-Request on replays', async () => {
    const { intent } = await paidCharge(stripe)
    const key = `refund-${Math.random()}`
    const refund = await stripe.refunds.create(
      { payment_intent: intent.id },
      { idempotencyKey: key },
    )
    const again = await stripe.refunds.create(
      { payment_intent: intent.id },
      { idempotencyKey: key },
    )
    expect(again.id).toBe(refund.id)
    expect(again.lastResponse.headers['original-request']).toBe(refund.lastResponse.requestId)
    const events = (await listEvents(harness.emulator, intent.id))
      .map((e) => JSON.parse(e.payload))
      .filter((e) => e.type === 'refund.created' || e.type === 'charge.refunded')
    expect(events.map((e) => e.type)).toEqual(['refund.created', 'charge.refunded'])
    for (const event of events)
      expect(event.request).toEqual({ id: refund.lastResponse.requestId, idempotency_key: key })
    // Events Stripe sends on its own (a page payment) name no request.
    const [created] = await listEvents(harness.emulator, intent.id)
    expect(JSON.parse(created!.payload).request).toEqual({ id: null, idempotency_key: null })
  })
})

describe('delivery retries', () => {
  it('retries on Stripe’s schedule: the clock reaching the retry time sends it', async () => {
    const flaky = await startReceiver(1)
    const emulator = await startStripeEmulator({
      port: 0,
      webhookSecret: WEBHOOK_SECRET,
      webhookUrl: flaky.url,
    })
    try {
      const client = new Stripe('sk_test_x', {
        host: '127.0.0.1',
        port: emulator.port,
        protocol: 'http',
      })
      const session = await createSession(client)
      await client.checkout.sessions.expire(session.id)
      await new Promise((resolve) => setImmediate(resolve))
      // Nothing arrives for the ten minutes before the first retry...
      await advanceClock(emulator, 9 * 60)
      expect(flaky.deliveries).toHaveLength(0)
      // ...then the retry goes out, signed afresh.
      await advanceClock(emulator, 60)
      await flaky.waitFor(1)
      const event = await client.webhooks.constructEventAsync(
        flaky.deliveries[0]!.payload,
        flaky.deliveries[0]!.signature,
        WEBHOOK_SECRET,
        300,
        crypto,
      )
      expect(event.type).toBe('checkout.session.expired')
    } finally {
      await emulator.close()
      await flaky.close()
    }
  })
})

describe('connect events', () => {
  let emulator: StripeEmulator
  let platform: Awaited<ReturnType<typeof startReceiver>>
  let connect: Awaited<ReturnType<typeof startReceiver>>
  beforeAll(async () => {
    platform = await startReceiver()
    connect = await startReceiver()
    emulator = await startStripeEmulator({
      port: 0,
      webhookSecret: WEBHOOK_SECRET,
      webhookUrl: platform.url,
      connectWebhookSecret: 'whsec_connect',
      connectWebhookUrl: connect.url,
    })
  })
  afterAll(async () => {
    await emulator.close()
    await platform.close()
    await connect.close()
  })

  it('sends account events to the Connect endpoint, signed with its own secret', async () => {
    const client = new Stripe('sk_test_x', {
      host: '127.0.0.1',
      port: emulator.port,
      protocol: 'http',
    })
    const { account } = await onboardedAccount(client)
    await client.accounts.update(account.id, { metadata: { seller: 's_1' } })
    await connect.waitFor(2)
    const events = await Promise.all(
      connect.deliveries.map((d) =>
        client.webhooks.constructEventAsync(d.payload, d.signature, 'whsec_connect', 300, crypto),
      ),
    )
    expect(events.map((e) => [e.type, e.account])).toEqual([
      ['account.updated', account.id],
      ['account.updated', account.id],
    ])
    expect(events[1]!.data.previous_attributes).toEqual({ metadata: { seller: null } })
    await expect(
      client.webhooks.constructEventAsync(
        connect.deliveries[0]!.payload,
        connect.deliveries[0]!.signature,
        WEBHOOK_SECRET,
        300,
        crypto,
      ),
    ).rejects.toBeInstanceOf(Stripe.errors.StripeSignatureVerificationError)
    expect(platform.deliveries.map((d) => JSON.parse(d.payload).type)).not.toContain(
      'account.updated',
    )
  })

  it('makes login links for onboarded Express accounts only', async () => {
    const client = new Stripe('sk_test_x', {
      host: '127.0.0.1',
      port: emulator.port,
      protocol: 'http',
    })
    const fresh = await client.accounts.create({ type: 'express' })
    await expect(client.accounts.createLoginLink(fresh.id)).rejects.toMatchObject({
      statusCode: 400,
    })
    const { account } = await onboardedAccount(client)
    const login = await client.accounts.createLoginLink(account.id)
    expect(login.object).toBe('login_link')
    expect((await fetch(login.url)).status).toBe(200)
  })

  it('expires an unused account link after five minutes', async () => {
    const client = new Stripe('sk_test_x', {
      host: '127.0.0.1',
      port: emulator.port,
      protocol: 'http',
    })
    const account = await client.accounts.create({ type: 'express' })
    const link = await client.accountLinks.create({
      account: account.id,
      type: 'account_onboarding',
      refresh_url: 'http://localhost:8787/payouts/again',
    })
    expect(link.expires_at - link.created).toBe(300)
    await advanceClock(emulator, 301)
    const page = await fetch(link.url, { method: 'POST' })
    expect(page.status).toBe(410)
    expect(await page.text()).toContain('http://localhost:8787/payouts/again')
    expect((await client.accounts.retrieve(account.id)).details_submitted).toBe(false)
  })
})

describe('lists', () => {
  it('pages any list forwards and backwards, newest first, with has_more', async () => {
    const ids: string[] = []
    for (let i = 0; i < 7; i++) ids.unshift((await stripe.accounts.create({ type: 'express' })).id)
    const all = (await stripe.accounts.list({ limit: 100 })).data.map((a) => a.id)
    expect(all.slice(0, 7)).toEqual(ids)
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 8 }), async (limit) => {
        const seen: string[] = []
        let page = await stripe.accounts.list({ limit })
        seen.push(...page.data.map((a) => a.id))
        while (page.has_more) {
          page = await stripe.accounts.list({ limit, starting_after: seen.at(-1) })
          seen.push(...page.data.map((a) => a.id))
        }
        expect(seen).toEqual(all)
        const back = await stripe.accounts.list({ limit, ending_before: all.at(-1) })
        expect(back.data.map((a) => a.id)).toEqual(all.slice(-1 - limit, -1).slice(-limit))
        expect(back.has_more).toBe(all.length - 1 > limit)
      }),
      { numRuns: 8 },
    )
  })

  it('lists every kind the app may page through, in Stripe’s list shape', async () => {
    const { intent, charge } = await paidCharge(stripe)
    await stripe.refunds.create({ charge: charge.id, amount: 100 })
    const lists = await Promise.all([
      stripe.events.list({ limit: 3 }),
      stripe.charges.list({ payment_intent: intent.id }),
      stripe.paymentIntents.list({ limit: 1 }),
      stripe.refunds.list({ charge: charge.id }),
      stripe.transfers.list(),
      stripe.balanceTransactions.list({ limit: 2 }),
      stripe.disputes.list(),
      stripe.checkout.sessions.list({ payment_intent: intent.id }),
      stripe.accounts.list({ limit: 1 }),
    ])
    for (const list of lists) {
      expect(list).toMatchObject({
        object: 'list',
        has_more: expect.any(Boolean),
        url: expect.stringMatching(/^\/v1\//),
      })
    }
    expect(lists[1]!.data.map((c) => c.id)).toEqual([charge.id])
    expect(lists[7]!.data).toHaveLength(1)
  })
})
