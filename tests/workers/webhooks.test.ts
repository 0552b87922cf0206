import { createExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

import worker from '../../functions/index.ts'
import { membershipEvents } from '../../functions/membership/events.ts'
import { processStripeEvent } from '../../functions/webhooks/process.ts'
import type { Bindings } from '../../functions/app.ts'
import { AppError } from '../../functions/lib/errors.ts'
import {
  ORIGIN,
  call,
  deliver,
  emulatorEvents,
  me,
  payCheckout,
  sessionIdOf,
  signUp,
  stripeSignature,
} from './helpers.ts'
import { UNREACHABLE_STRIPE, shareState, twoPaidShareCheckouts } from './share-race.ts'

/** Delivers a webhook to the Worker with other bindings (Stripe unreachable, a spy queue…). */
function deliverWith(bindings: Partial<Bindings>, payload: string, signature: string) {
  const request = new Request(`${ORIGIN}/webhooks/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body: payload,
  })
  return worker.fetch(request, { ...env, ...bindings }, createExecutionContext())
}

/** A queue producer that records what it was sent (or fails, as a queue outage would). */
function spyQueue(fail = false) {
  const sent: unknown[] = []
  const queue = {
    async send(body: unknown) {
      if (fail) throw new Error('queue unavailable')
      sent.push(body)
    },
    async sendBatch(messages: { body: unknown }[]) {
      if (fail) throw new Error('queue unavailable')
      sent.push(...messages.map((m) => m.body))
    },
  }
  return { sent, JOBS: queue as unknown as Queue }
}

async function rowCounts() {
  const tables = ['stripe_events', 'member_shares', 'ledger_entries', 'jobs']
  const counts: Record<string, number> = {}
  for (const table of tables) {
    const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>()
    counts[table] = row?.n ?? 0
  }
  return counts
}

/** A member with a paid but not yet delivered share checkout, and its recorded events. */
async function paidShare() {
  const client = await signUp()
  const response = await call('/api/v1/membership/checkout', { method: 'POST', as: client })
  const { checkout_url } = await response.json<{ checkout_url: string }>()
  await payCheckout(checkout_url)
  const events = await emulatorEvents(sessionIdOf(checkout_url))
  const completed = events.find((e) => e.type === 'checkout.session.completed')
  if (!completed) throw new Error('no completed event')
  return { client, events, completed }
}

describe('the Stripe webhook', () => {
  it('refuses a bad signature with 400 and changes nothing', async () => {
    const { client, completed } = await paidShare()
    const before = await rowCounts()
    const forged = completed.signature.replace(
      /v1=([0-9a-f])/,
      (_m, c: string) => `v1=${c === '0' ? '1' : '0'}`,
    )
    expect((await deliver({ payload: completed.payload, signature: forged })).status).toBe(400)
    expect((await deliver({ payload: completed.payload, signature: '' })).status).toBe(400)
    // A genuine signature over another body does not verify either.
    const tampered = completed.payload.replace('"paid"', '"unpaid"')
    expect((await deliver({ payload: tampered, signature: completed.signature })).status).toBe(400)
    expect(await rowCounts()).toEqual(before)
    expect((await me(client)).membership.status).toBe('pending')
  })

  it('refuses a signature made with another secret, and one too old', async () => {
    const { completed } = await paidShare()
    const before = await rowCounts()
    const { payload } = completed
    const now = Math.floor(Date.now() / 1000)
    const other = await stripeSignature(payload, 'whsec_other', now)
    expect((await deliver({ payload, signature: other })).status).toBe(400)
    const old = await stripeSignature(payload, env.STRIPE_WEBHOOK_SECRET, now - 600)
    expect((await deliver({ payload, signature: old })).status).toBe(400)
    const fresh = await stripeSignature(payload, env.STRIPE_WEBHOOK_SECRET, now)
    expect((await deliver({ payload, signature: fresh })).status).toBe(200)
    expect((await rowCounts()).member_shares).toBe((before.member_shares ?? 0) + 1)
  })

  it('processes each event once: a duplicate delivery gets 200 and changes nothing', async () => {
    const { client, completed } = await paidShare()
    expect((await deliver(completed)).status).toBe(200)
    const after = await rowCounts()
    const again = await deliver(completed)
    expect(again.status).toBe(200)
    expect(await again.json()).toMatchObject({ duplicate: true })
    expect(await rowCounts()).toEqual(after)
    expect((await me(client)).membership.status).toBe('active')
  })

  it('reaches the same outcome whatever order the events arrive in', async () => {
    const { client, events } = await paidShare()
    for (const event of [...events].reverse()) expect((await deliver(event)).status).toBe(200)
    expect((await me(client)).membership.status).toBe('active')
  })

  it('ignores sessions this app did not open', async () => {
    const stripe = await fetch(`${env.STRIPE_EMULATOR_URL}/v1/checkout/sessions`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer sk_test_fairstall',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        mode: 'payment',
        success_url: 'http://localhost/ok',
        'line_items[0][quantity]': '1',
        'line_items[0][price_data][currency]': 'usd',
        'line_items[0][price_data][unit_amount]': '1000',
        'line_items[0][price_data][product_data][name]': 'Not ours',
        'metadata[purpose]': 'member_share',
      }),
    })
    const session = await stripe.json<{ id: string; url: string }>()
    await payCheckout(session.url)
    const before = await rowCounts()
    for (const event of await emulatorEvents(session.id))
      expect((await deliver(event)).status).toBe(200)
    expect((await rowCounts()).member_shares).toBe(before.member_shares)
  })

  it('refuses an oversized body with 413', async () => {
    const response = await call('/webhooks/stripe', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' },
      body: 'x'.repeat(600 * 1024),
    })
    expect(response.status).toBe(413)
  })
})

describe('a signed event without the envelope every event has', () => {
  const malformed: [string, (event: Record<string, unknown>) => void][] = [
    ['no id', (event) => delete event.id],
    ['an empty id', (event) => (event.id = '')],
    ['data: {}', (event) => (event.data = {})],
    ['data.object: null', (event) => (event.data = { object: null })],
    ['data.object a string', (event) => (event.data = { object: 'cs_test_1' })],
  ]
  for (const [what, damage] of malformed) {
    it(`gets 400 and changes nothing: ${what}`, async () => {
      const { client, completed } = await paidShare()
      const event = JSON.parse(completed.payload) as Record<string, unknown>
      damage(event)
      const payload = JSON.stringify(event)
      const before = await rowCounts()
      const response = await deliver({
        payload,
        signature: await stripeSignature(payload, env.STRIPE_WEBHOOK_SECRET),
      })
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_input' } })
      expect(await rowCounts()).toEqual(before)
      expect((await me(client)).membership.status).toBe('pending')
      // The genuine event was not marked as seen: it still takes effect.
      expect((await deliver(completed)).status).toBe(200)
      expect((await me(client)).membership.status).toBe('active')
    })
  }
})

describe('Connect events signed with their own endpoint secret', () => {
  const connectSecret = 'whsec_connect_endpoint'
  const accountUpdated = JSON.stringify({
    id: `evt_connect_${crypto.randomUUID()}`,
    object: 'event',
    type: 'account.updated',
    account: 'acct_unknown',
    data: { object: { id: 'acct_unknown', object: 'account' } },
  })

  it('are accepted with the Connect secret, besides the platform one', async () => {
    const signature = await stripeSignature(accountUpdated, connectSecret)
    const bindings = { STRIPE_CONNECT_WEBHOOK_SECRET: connectSecret }
    expect((await deliverWith(bindings, accountUpdated, signature)).status).toBe(200)
    // Without that secret configured, the same signature proves nothing.
    expect((await deliverWith({}, accountUpdated, signature)).status).toBe(400)
    const stranger = await stripeSignature(accountUpdated, 'whsec_someone_else')
    expect((await deliverWith(bindings, accountUpdated, stranger)).status).toBe(400)
  })
})

describe('an event whose effect cannot commit', () => {
  it('is answered 503 when its handler fails, and its redelivery completes', async () => {
    const { client, completed } = await paidShare()
    const before = await rowCounts()
    // Stripe unreachable while the handler reads the payment's fee.
    const failed = await deliverWith(
      { STRIPE_EMULATOR_URL: UNREACHABLE_STRIPE },
      completed.payload,
      completed.signature,
    )
    expect(failed.status).toBe(503)
    expect(await failed.json()).toMatchObject({ error: { code: 'retry_later' } })
    expect(await rowCounts()).toEqual(before)
    expect((await me(client)).membership.status).toBe('pending')

    const redelivered = await deliver(completed)
    expect(redelivered.status).toBe(200)
    expect(await redelivered.json()).not.toHaveProperty('duplicate')
    expect((await me(client)).membership.status).toBe('active')
  })

  it('is a duplicate only when its event id conflicts: a racing share is a 503, then a refund', async () => {
    const { client, first, second } = await twoPaidShareCheckouts()
    const completedEvent = (e: { payload: string }) => JSON.parse(e.payload)
    // The second payment's handler computes its effect (issue a share: the member holds none
    // yet); before its batch commits, the first payment's delivery issues the share.
    const racing = processStripeEvent(env, completedEvent(second.completed), {
      'checkout.session.completed': async (bindings, event) => {
        const effect = await membershipEvents['checkout.session.completed']!(bindings, event)
        expect((await deliver(first.completed)).status).toBe(200)
        return effect
      },
    })
    const error = await racing.then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ status: 503, code: 'retry_later' })
    // Nothing of the second event was written, and it is not marked as seen.
    expect(await shareState(client)).toEqual({
      shares: [{ checkout_session_id: first.sessionId }],
      jobs: [],
    })

    // Stripe redelivers it: now the member holds a share, so the payment is to be refunded.
    const redelivered = await deliver(second.completed)
    expect(redelivered.status).toBe(200)
    expect(await redelivered.json()).not.toHaveProperty('duplicate')
    const state = await shareState(client)
    expect(state.shares).toEqual([{ checkout_session_id: first.sessionId }])
    expect(state.jobs).toMatchObject([
      { kind: 'share_refund', status: 'pending', dedupe_key: `share-refund:${second.sessionId}` },
    ])
    // A further delivery is the duplicate it looks like, and adds no second job.
    const again = await deliver(second.completed)
    expect(await again.json()).toMatchObject({ duplicate: true })
    expect((await shareState(client)).jobs).toHaveLength(1)
  })

  it('ends a share race with one share and one refund job, however the deliveries interleave', async () => {
    const { client, first, second } = await twoPaidShareCheckouts()
    const statuses = await Promise.all([deliver(first.completed), deliver(second.completed)])
    // Stripe redelivers whatever was not answered 2xx.
    const events = [first.completed, second.completed]
    for (const [i, response] of statuses.entries()) {
      expect([200, 503]).toContain(response.status)
      if (response.status !== 200) expect((await deliver(events[i]!)).status).toBe(200)
    }
    const state = await shareState(client)
    expect(state.shares).toHaveLength(1)
    expect(state.jobs).toHaveLength(1)
    const refunded = state.shares[0]!.checkout_session_id === first.sessionId ? second : first
    expect(state.jobs[0]).toMatchObject({ dedupe_key: `share-refund:${refunded.sessionId}` })
    expect((await me(client)).membership.status).toBe('active')
  })
})

describe('jobs an event writes', () => {
  it('are sent to the queue once the event commits, and a failed send keeps the job', async () => {
    const { client, first, second } = await twoPaidShareCheckouts()
    expect((await deliver(first.completed)).status).toBe(200)
    const outage = spyQueue(true)
    const response = await deliverWith(
      { JOBS: outage.JOBS },
      second.completed.payload,
      second.completed.signature,
    )
    // The effect committed: answering anything but 200 would only repeat it.
    expect(response.status).toBe(200)
    const [job] = (await shareState(client)).jobs
    expect(job).toMatchObject({ kind: 'share_refund', status: 'pending' })

    const { first: a, second: b, client: other } = await twoPaidShareCheckouts()
    expect((await deliver(a.completed)).status).toBe(200)
    const spy = spyQueue()
    await deliverWith({ JOBS: spy.JOBS }, b.completed.payload, b.completed.signature)
    const [sent] = (await shareState(other)).jobs
    expect(spy.sent).toEqual([{ job_id: sent!.id }])
  })
})
