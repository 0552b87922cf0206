import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

import { jpegBase64 } from './fixtures/images.ts'
import {
  becomeMember,
  becomeSeller,
  call,
  deliver,
  emulatorEvents,
  me,
  signUp,
  csrfIn,
} from './helpers.ts'

async function startOnboarding(client: { cookie: string }) {
  const response = await call('/api/v1/seller/payouts-account', {
    method: 'POST',
    as: client.cookie,
  })
  return { response, body: await response.json<{ onboarding_url: string }>() }
}

async function stripeAccountOf(accountId: string) {
  const row = await env.DB.prepare('SELECT stripe_account_id AS id FROM accounts WHERE id = ?')
    .bind(accountId)
    .first<{ id: string | null }>()
  return row?.id ?? null
}

describe('a seller’s payouts account', () => {
  it('is for approved sellers only', async () => {
    expect((await call('/api/v1/seller/payouts-account', { method: 'POST' })).status).toBe(401)
    const member = await signUp()
    await becomeMember(member)
    const { response } = await startOnboarding(member)
    expect(response.status).toBe(403)
    expect(await stripeAccountOf(member.id)).toBeNull()
  })

  it('makes one Express account however often the seller asks, and links to onboarding', async () => {
    const seller = await signUp()
    await becomeSeller(seller)
    const first = await startOnboarding(seller)
    expect(first.response.status).toBe(201)
    expect(first.body.onboarding_url.startsWith(env.STRIPE_EMULATOR_URL)).toBe(true)
    const account = await stripeAccountOf(seller.id)
    expect(account).toMatch(/^acct_/)
    const second = await startOnboarding(seller)
    expect(second.response.status).toBe(201)
    expect(await stripeAccountOf(seller.id)).toBe(account)
    expect((await me(seller)).seller.payouts_ready).toBe(false)
  })

  it('becomes ready once Stripe says transfers are active, and the seller’s listings become buyable', async () => {
    const seller = await signUp()
    await becomeSeller(seller)
    const created = await call('/api/v1/listings', {
      method: 'POST',
      as: seller,
      json: { title: 'Salt marsh print', price_cents: 3000, kind: 'physical', quantity: 2 },
    })
    const { id } = await created.json<{ id: string }>()
    const form = new FormData()
    form.append(
      'file',
      new File([Uint8Array.from(atob(jpegBase64), (c) => c.charCodeAt(0))], 'a.jpg'),
    )
    await call(`/api/v1/listings/${id}/images`, { method: 'POST', body: form, as: seller })
    await call(`/api/v1/listings/${id}/publish`, { method: 'POST', as: seller })
    const buyable = async () =>
      (await (await call(`/api/v1/listings/${id}`)).json<{ buyable: boolean }>()).buyable
    expect(await buyable()).toBe(false)

    const { body } = await startOnboarding(seller)
    // The seller finishes Stripe's onboarding form.
    const finished = await fetch(body.onboarding_url, { method: 'POST', redirect: 'manual' })
    expect(finished.status).toBe(303)
    const account = (await stripeAccountOf(seller.id)) ?? ''
    const events = (await emulatorEvents(account)).filter((e) => e.type === 'account.updated')
    expect(events.length).toBeGreaterThan(0)
    for (const event of events) expect((await deliver(event)).status).toBe(200)
    // A repeated delivery changes nothing.
    for (const event of events) expect((await deliver(event)).status).toBe(200)
    expect((await me(seller)).seller.payouts_ready).toBe(true)
    expect(await buyable()).toBe(true)
  })

  it('ignores account events for accounts this app did not make', async () => {
    const made = await fetch(`${env.STRIPE_EMULATOR_URL}/v1/accounts`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer sk_test_fairstall',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ type: 'express', 'capabilities[transfers][requested]': 'true' }),
    })
    const stranger = await made.json<{ id: string }>()
    const link = await fetch(`${env.STRIPE_EMULATOR_URL}/v1/account_links`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer sk_test_fairstall',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        account: stranger.id,
        type: 'account_onboarding',
        return_url: 'http://localhost/x',
        refresh_url: 'http://localhost/y',
      }),
    })
    const { url } = await link.json<{ url: string }>()
    await fetch(url, { method: 'POST', redirect: 'manual' })
    for (const event of await emulatorEvents(stranger.id))
      expect((await deliver(event)).status).toBe(200)
    const row = await env.DB.prepare(
      'SELECT count(*) AS n FROM accounts WHERE payouts_ready = 1 AND stripe_account_id = ?',
    )
      .bind(stranger.id)
      .first<{ n: number }>()
    expect(row?.n).toBe(0)
  })
})

describe('setting up payouts from the pages', () => {
  it('sends the seller to Stripe and, on return, shows payouts ready', async () => {
    const seller = await signUp()
    await becomeSeller(seller)
    const dashboard = await (await call('/sell', { as: seller })).text()
    expect(dashboard).toContain('Set up payouts')
    const token = csrfIn(dashboard)
    const toStripe = await call('/sell/payouts', {
      method: 'POST',
      as: seller,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: token }),
    })
    expect(toStripe.status).toBe(303)
    const onboarding = toStripe.headers.get('location') ?? ''
    expect(onboarding.startsWith(env.STRIPE_EMULATOR_URL)).toBe(true)
    const finished = await fetch(onboarding, { method: 'POST', redirect: 'manual' })
    const back = new URL(finished.headers.get('location') ?? '')
    expect(back.pathname).toBe('/sell/payouts/return')
    // The webhook has not arrived yet: the return page asks Stripe itself.
    const returned = await call(back.pathname, { as: seller })
    expect(returned.headers.get('location')).toBe('/sell?done=payouts')
    expect((await me(seller)).seller.payouts_ready).toBe(true)
    expect(await (await call('/sell', { as: seller })).text()).not.toContain(
      'Set up payouts with Stripe',
    )
  })

  it('refuses the form without the session token', async () => {
    const seller = await signUp()
    await becomeSeller(seller)
    const forged = await call('/sell/payouts', {
      method: 'POST',
      as: seller,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    })
    expect(forged.status).toBe(403)
  })
})
