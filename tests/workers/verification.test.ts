import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

import { ORIGIN, type Client, becomeMember, call, csrfOf, form, signUp } from './helpers.ts'
import { deliverMailTo, linksTo, newestTokenIn } from './verify-helpers.ts'

const unverified = () => signUp({ display_name: 'Vera Verify', verified: false })

async function verifiedFlag(client: Client) {
  const response = await call('/api/v1/me', { as: client })
  return (await response.json<{ email_verified: boolean }>()).email_verified
}

const confirm = (token: string) => call(`/api/v1/email-verifications/${token}`, { method: 'POST' })

async function tokenRows(accountId: string) {
  const { results } = await env.DB.prepare(
    'SELECT used_at FROM account_tokens WHERE account_id = ? ORDER BY created_at',
  )
    .bind(accountId)
    .all<{ used_at: string | null }>()
  return results
}

describe('confirming the address given at sign-up', () => {
  it('emails one confirmation link to the new address, which confirms it once', async () => {
    const client = await unverified()
    const messages = await deliverMailTo(client.email)
    expect(messages).toHaveLength(1)
    expect(messages[0]?.to?.[0]?.address).toBe(client.email)
    const links = await linksTo(client.email, '/confirm-email/')
    expect(links).toHaveLength(1)
    expect(links[0]).toMatch(new RegExp(`^${ORIGIN}/confirm-email/[A-Za-z0-9_-]{43}$`))
    expect(await verifiedFlag(client)).toBe(false)

    const token = await newestTokenIn(client.email, '/confirm-email/')
    const confirmed = await confirm(token)
    expect(confirmed.status).toBe(200)
    expect(await confirmed.json()).toMatchObject({ email: client.email, changed: false })
    expect(await verifiedFlag(client)).toBe(true)

    const again = await confirm(token)
    expect(again.status).toBe(400)
    expect(await again.json()).toMatchObject({ error: { code: 'invalid_token' } })
  })

  it('stores only a hash of the token', async () => {
    const client = await unverified()
    const token = await newestTokenIn(client.email, '/confirm-email/')
    const stored = await env.DB.prepare(
      'SELECT token_hash FROM account_tokens WHERE account_id = ?',
    )
      .bind(client.id)
      .first<{ token_hash: string }>()
    expect(stored?.token_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(stored?.token_hash).not.toContain(token)
  })

  it('refuses a forged or expired token with 400 and changes nothing', async () => {
    const client = await unverified()
    const token = await newestTokenIn(client.email, '/confirm-email/')
    // The real token with its last character changed (to a different one: it may end in A).
    const altered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`
    for (const forged of [altered, 'x', 'a'.repeat(300), '%00']) {
      const response = await confirm(forged)
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_token' } })
    }
    await env.DB.prepare(
      "UPDATE account_tokens SET expires_at = '2000-01-02T00:00:00.000Z', created_at = '2000-01-01T00:00:00.000Z' WHERE account_id = ?",
    )
      .bind(client.id)
      .run()
    expect((await confirm(token)).status).toBe(400)
    expect(await verifiedFlag(client)).toBe(false)
    expect(await tokenRows(client.id)).toEqual([{ used_at: null }])
  })

  it('shows a button on GET and confirms only on POST; a bad link gets a clear page', async () => {
    const client = await unverified()
    const token = await newestTokenIn(client.email, '/confirm-email/')
    const page = await call(`/confirm-email/${token}`)
    expect(page.status).toBe(200)
    const body = await page.text()
    expect(body).toContain(`action="/confirm-email/${token}"`)
    expect(body).toContain('Confirm my address')
    expect(await verifiedFlag(client)).toBe(false)

    const posted = await call(`/confirm-email/${token}`, form({}))
    expect(posted.status).toBe(200)
    expect(await posted.text()).toContain('is confirmed')
    expect(await verifiedFlag(client)).toBe(true)

    for (const response of [
      await call(`/confirm-email/${token}`),
      await call(`/confirm-email/${token}`, form({})),
    ]) {
      expect(response.status).toBe(400)
      expect(await response.text()).toContain('This link does not work')
    }
  })
})

describe('sending the link again', () => {
  it('sends a new link and retires the old one', async () => {
    const client = await unverified()
    const first = await newestTokenIn(client.email, '/confirm-email/')
    const resent = await call('/api/v1/email-verifications', { method: 'POST', as: client })
    expect(resent.status).toBe(202)
    expect(await linksTo(client.email, '/confirm-email/')).toHaveLength(2)
    const second = await newestTokenIn(client.email, '/confirm-email/')
    expect(second).not.toBe(first)
    expect((await confirm(first)).status).toBe(400)
    expect((await confirm(second)).status).toBe(200)
  })

  it('allows three an hour, then answers 429 and sends nothing', async () => {
    const client = await unverified()
    for (let i = 0; i < 3; i++) {
      expect(
        (await call('/api/v1/email-verifications', { method: 'POST', as: client })).status,
      ).toBe(202)
    }
    const refused = await call('/api/v1/email-verifications', { method: 'POST', as: client })
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(await deliverMailTo(client.email)).toHaveLength(4)
  })

  it('answers 409 once the address is confirmed, and 401 to a visitor', async () => {
    const client = await signUp()
    const response = await call('/api/v1/email-verifications', { method: 'POST', as: client })
    expect(response.status).toBe(409)
    expect(await response.json()).toMatchObject({ error: { code: 'already_verified' } })
    expect((await call('/api/v1/email-verifications', { method: 'POST' })).status).toBe(401)
  })

  it('is offered on the account page, whose form sends the link again', async () => {
    const client = await unverified()
    const account = await (await call('/account', { as: client })).text()
    expect(account).toContain('Confirm your email address')
    expect(account).toContain('action="/account/email-verification"')
    const _csrf = await csrfOf('/account/settings/email', client)
    const sent = await call('/account/email-verification', { ...form({ _csrf }), as: client })
    expect(sent.status).toBe(303)
    expect(await linksTo(client.email, '/confirm-email/')).toHaveLength(2)
    const verified = await signUp()
    expect(await (await call('/account', { as: verified })).text()).not.toContain(
      'Confirm your email address',
    )
  })
})

describe('the gate: an unconfirmed address', () => {
  it('may buy the share but not check out or apply to sell (403 email_unverified)', async () => {
    const client = await unverified()
    await becomeMember(client)
    const checkout = await call('/api/v1/checkout', {
      method: 'POST',
      as: client,
      json: { items: [{ listing_id: 'lst_none', quantity: 1 }] },
    })
    expect(checkout.status).toBe(403)
    const refusal = await checkout.json<{ error: { code: string; message: string } }>()
    expect(refusal.error.code).toBe('email_unverified')
    expect(refusal.error.message).toContain('send it again')
    const applied = await call('/api/v1/seller-applications', {
      method: 'POST',
      as: client,
      json: {
        statement: 'I make bowls and would like a stall.',
        portfolio_url: 'https://me.example',
      },
    })
    expect(applied.status).toBe(403)
    expect(await applied.json()).toMatchObject({ error: { code: 'email_unverified' } })

    const _csrf = await csrfOf('/sell/apply', client)
    const page = await call('/sell/apply', {
      ...form({
        _csrf,
        statement: 'I make bowls and would like a stall.',
        portfolio_url: 'https://me.example',
      }),
      as: client,
    })
    expect(page.status).toBe(403)
    expect(await page.text()).toContain('confirm your email address')
    const pending = await env.DB.prepare(
      'SELECT count(*) AS n FROM seller_applications WHERE account_id = ?',
    )
      .bind(client.id)
      .first<{ n: number }>()
    expect(pending?.n).toBe(0)
  })

  it('opens once the address is confirmed', async () => {
    const client = await unverified()
    await becomeMember(client)
    expect((await confirm(await newestTokenIn(client.email, '/confirm-email/'))).status).toBe(200)
    const applied = await call('/api/v1/seller-applications', {
      method: 'POST',
      as: client,
      json: {
        statement: 'I make bowls and would like a stall.',
        portfolio_url: 'https://me.example',
      },
    })
    expect(applied.status).toBe(201)
  })
})
