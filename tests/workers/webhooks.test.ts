import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

import { call, deliver, emulatorEvents, me, payCheckout, sessionIdOf, signUp } from './helpers.ts'

async function rowCounts() {
  const tables = ['stripe_events', 'member_shares', 'ledger_entries']
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
    const sign = async (secret: string, t: number) => {
      const key = await crypto.subtle.importKey(
        'raw',
        new TextEncoder().encode(secret),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign'],
      )
      const mac = await crypto.subtle.sign(
        'HMAC',
        key,
        new TextEncoder().encode(`${t}.${completed.payload}`),
      )
      const hex = [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('')
      return `t=${t},v1=${hex}`
    }
    const now = Math.floor(Date.now() / 1000)
    expect(
      (await deliver({ payload: completed.payload, signature: await sign('whsec_other', now) }))
        .status,
    ).toBe(400)
    expect(
      (
        await deliver({
          payload: completed.payload,
          signature: await sign(env.STRIPE_WEBHOOK_SECRET, now - 600),
        })
      ).status,
    ).toBe(400)
    expect(
      (
        await deliver({
          payload: completed.payload,
          signature: await sign(env.STRIPE_WEBHOOK_SECRET, now),
        })
      ).status,
    ).toBe(200)
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
