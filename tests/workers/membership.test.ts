import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

import {
  becomeMember,
  call,
  deliver,
  emulatorEvents,
  me,
  payCheckout,
  sessionIdOf,
  signUp,
} from './helpers.ts'

async function shareRegister(accountId: string) {
  const { results } = await env.DB.prepare(
    'SELECT amount_cents, currency FROM member_shares WHERE account_id = ?',
  )
    .bind(accountId)
    .all()
  return results
}

async function capitalBalance(accountId: string) {
  const row = await env.DB.prepare(
    `SELECT coalesce(sum(credit_cents) - sum(debit_cents), 0) AS balance
     FROM ledger_entries WHERE account = ?`,
  )
    .bind(`member_capital:${accountId}`)
    .first<{ balance: number }>()
  return row?.balance ?? 0
}

async function checkout(client: { cookie: string }) {
  const response = await call('/api/v1/membership/checkout', { method: 'POST', as: client.cookie })
  return { response, body: await response.json<{ checkout_url: string }>() }
}

describe('buying the member share', () => {
  it('gives a Checkout page on the emulator for the share price, and marks the member pending', async () => {
    const client = await signUp()
    const { response, body } = await checkout(client)
    expect(response.status).toBe(201)
    expect(body.checkout_url.startsWith(`${env.STRIPE_EMULATOR_URL}/`)).toBe(true)
    const page = await fetch(body.checkout_url)
    expect(await page.text()).toContain('10.00')
    expect((await me(client)).membership.status).toBe('pending')
  })

  it('reuses the open checkout rather than opening a second one', async () => {
    const client = await signUp()
    const first = await checkout(client)
    const second = await checkout(client)
    expect(second.response.status).toBe(201)
    expect(second.body.checkout_url).toBe(first.body.checkout_url)
  })

  it('requires sign-in', async () => {
    const response = await call('/api/v1/membership/checkout', { method: 'POST' })
    expect(response.status).toBe(401)
  })

  it('makes the membership active and writes the share register once paid', async () => {
    const client = await signUp()
    await becomeMember(client)
    const view = await me(client)
    expect(view.membership.status).toBe('active')
    expect(view.membership.since).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(view.roles).toContain('member')
    expect(await shareRegister(client.id)).toEqual([{ amount_cents: 1000, currency: 'usd' }])
    // The share is capital, credited to the member: never income.
    expect(await capitalBalance(client.id)).toBe(1000)
    // Stripe's fee is a processing cost of the share, dated by its balance transaction.
    const fees = await env.DB.prepare(
      `SELECT sum(e.debit_cents) AS fee, min(t.stripe_balance_transaction_id) AS txn
       FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
       JOIN member_shares s ON s.id = t.source_id
       WHERE t.source_type = 'share' AND s.account_id = ? AND e.account = 'processing_fees'`,
    )
      .bind(client.id)
      .first<{ fee: number; txn: string }>()
    expect(fees?.txn).toMatch(/^txn_/)
    expect(fees?.fee).toBe(59) // 2.9 % of 1000 rounded, plus 30¢
  })

  it('refuses a second checkout once active (409)', async () => {
    const client = await signUp()
    await becomeMember(client)
    const { response } = await checkout(client)
    expect(response.status).toBe(409)
  })

  it('makes one share when the webhook arrives twice, or the page is paid twice', async () => {
    const client = await signUp()
    const { checkoutUrl, events } = await becomeMember(client)
    for (const event of events) {
      const again = await deliver(event)
      expect(again.status).toBe(200)
    }
    const payAgain = await payCheckout(checkoutUrl)
    expect(payAgain.status).not.toBe(303)
    expect(await emulatorEvents(sessionIdOf(checkoutUrl))).toHaveLength(events.length)
    expect(await shareRegister(client.id)).toHaveLength(1)
    expect(await capitalBalance(client.id)).toBe(1000)
  })

  it('keeps the member pending when the card is declined', async () => {
    const client = await signUp()
    const { body } = await checkout(client)
    const declined = await payCheckout(body.checkout_url, '4000 0000 0000 0002')
    expect(declined.status).toBe(402)
    for (const event of await emulatorEvents(sessionIdOf(body.checkout_url))) await deliver(event)
    expect((await me(client)).membership.status).toBe('pending')
    expect(await shareRegister(client.id)).toHaveLength(0)
  })

  it('refunds a second paid share checkout and keeps one share', async () => {
    const client = await signUp()
    const first = await checkout(client)
    // Time passes: the app considers the first checkout lapsed and opens another.
    await env.DB.prepare('UPDATE checkout_sessions SET expires_at = ? WHERE id = ?')
      .bind(new Date(Date.now() - 1000).toISOString(), sessionIdOf(first.body.checkout_url))
      .run()
    const second = await checkout(client)
    expect(second.body.checkout_url).not.toBe(first.body.checkout_url)
    for (const { body } of [first, second]) {
      expect((await payCheckout(body.checkout_url)).status).toBe(303)
      for (const event of await emulatorEvents(sessionIdOf(body.checkout_url))) {
        expect((await deliver(event)).status).toBe(200)
      }
    }
    expect(await shareRegister(client.id)).toHaveLength(1)
    expect(await capitalBalance(client.id)).toBe(1000)
    // The refund itself is made by a background job (tests/workers/jobs.test.ts runs them).
    const job = await env.DB.prepare('SELECT kind FROM jobs WHERE dedupe_key = ?')
      .bind(`share-refund:${sessionIdOf(second.body.checkout_url)}`)
      .first<{ kind: string }>()
    expect(job?.kind).toBe('share_refund')
  })

  it('releases the pending membership when the checkout expires unpaid', async () => {
    const client = await signUp()
    const { body } = await checkout(client)
    const expired = await fetch(
      `${env.STRIPE_EMULATOR_URL}/v1/checkout/sessions/${sessionIdOf(body.checkout_url)}/expire`,
      { method: 'POST', headers: { authorization: 'Bearer sk_test_fairstall' } },
    )
    expect(expired.status).toBe(200)
    const events = await emulatorEvents(sessionIdOf(body.checkout_url))
    expect(events.map((e) => e.type)).toContain('checkout.session.expired')
    for (const event of events) await deliver(event)
    expect((await me(client)).membership.status).toBe('none')
  })
})
