import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

import { ORIGIN, type Client, call, form, sessionCookie, signUp, uniqueEmail } from './helpers.ts'
import { deliverMailTo, linksTo, newestTokenIn } from './verify-helpers.ts'

const NEW_PASSWORD = 'lantern orchard quietly 42 tide'

const askReset = (email: string, headers: Record<string, string> = {}) =>
  call('/api/v1/password-resets', { method: 'POST', json: { email }, headers })

const reset = (token: string, password = NEW_PASSWORD) =>
  call(`/api/v1/password-resets/${token}`, { method: 'POST', json: { password } })

const signIn = (email: string, password: string) =>
  call('/api/v1/session', { method: 'POST', json: { email, password } })

async function resetToken(client: Client) {
  expect((await askReset(client.email)).status).toBe(202)
  return newestTokenIn(client.email, '/reset-password/')
}

async function sessionCount(accountId: string) {
  const row = await env.DB.prepare('SELECT count(*) AS n FROM sessions WHERE account_id = ?')
    .bind(accountId)
    .first<{ n: number }>()
  return row?.n ?? 0
}

describe('asking for a password reset', () => {
  it('emails one reset link to the account address', async () => {
    const client = await signUp()
    const before = (await deliverMailTo(client.email)).length
    expect((await askReset(client.email.toUpperCase())).status).toBe(202)
    const messages = await deliverMailTo(client.email)
    expect(messages).toHaveLength(before + 1)
    const links = await linksTo(client.email, '/reset-password/')
    expect(links).toHaveLength(1)
    expect(links[0]).toMatch(new RegExp(`^${ORIGIN}/reset-password/[A-Za-z0-9_-]{43}$`))
  })

  it('answers the same 202 for an address without an account, and sends nothing', async () => {
    const email = uniqueEmail('nobody')
    const response = await askReset(email)
    expect(response.status).toBe(202)
    expect(await response.text()).toBe('')
    expect(await deliverMailTo(email)).toHaveLength(0)
    const rows = await env.DB.prepare('SELECT count(*) AS n FROM emails WHERE to_address = ?')
      .bind(email)
      .first<{ n: number }>()
    expect(rows?.n).toBe(0)
  })

  it('is rate limited per address asked about, known or not (429)', async () => {
    for (const email of [(await signUp()).email, uniqueEmail('nobody')]) {
      for (let i = 0; i < 5; i++) expect((await askReset(email)).status).toBe(202)
      const refused = await askReset(email)
      expect(refused.status).toBe(429)
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/)
    }
  })

  it('is rate limited per client address (429)', async () => {
    const from = { 'cf-connecting-ip': '203.0.113.77' }
    for (let i = 0; i < 20; i++) expect((await askReset(uniqueEmail(), from)).status).toBe(202)
    expect((await askReset(uniqueEmail(), from)).status).toBe(429)
    expect((await askReset(uniqueEmail(), { 'cf-connecting-ip': '203.0.113.78' })).status).toBe(202)
  })
})

describe('resetting with the emailed link', () => {
  it('sets the password, ends every session and uses the token', async () => {
    const client = await signUp()
    const other = sessionCookie(await signIn(client.email, 'correct-horse-battery'))
    expect(await sessionCount(client.id)).toBe(2)
    const token = await resetToken(client)
    expect((await reset(token)).status).toBe(204)
    expect(await sessionCount(client.id)).toBe(0)
    expect((await call('/api/v1/me', { as: client })).status).toBe(401)
    expect((await call('/api/v1/me', { as: other })).status).toBe(401)
    expect((await signIn(client.email, 'correct-horse-battery')).status).toBe(401)
    expect((await signIn(client.email, NEW_PASSWORD)).status).toBe(200)

    const again = await reset(token, 'another long phrase of words 77')
    expect(again.status).toBe(400)
    expect(await again.json()).toMatchObject({ error: { code: 'invalid_token' } })
    expect((await signIn(client.email, NEW_PASSWORD)).status).toBe(200)
  })

  it('refuses forged and expired tokens with 400 and changes nothing', async () => {
    const client = await signUp()
    const token = await resetToken(client)
    expect((await reset(`${token.slice(0, -2)}${token.endsWith('xy') ? 'yx' : 'xy'}`)).status).toBe(
      400,
    )
    expect((await reset('nope')).status).toBe(400)
    // An hour and a bit later: the link has expired.
    await env.DB.prepare(
      `UPDATE account_tokens SET created_at = '2000-01-01T00:00:00.000Z',
       expires_at = '2000-01-01T01:00:00.000Z' WHERE account_id = ? AND purpose = 'reset_password'`,
    )
      .bind(client.id)
      .run()
    const expired = await reset(token)
    expect(expired.status).toBe(400)
    expect(await expired.json()).toMatchObject({ error: { code: 'invalid_token' } })
    expect((await signIn(client.email, 'correct-horse-battery')).status).toBe(200)
  })

  it('refuses a weak password with advice, leaving the token usable', async () => {
    const client = await signUp()
    const token = await resetToken(client)
    const weak = await reset(token, 'password1234')
    expect(weak.status).toBe(400)
    const body = await weak.json<{ error: { fields: Record<string, string> } }>()
    expect(body.error.fields.password).toMatch(/easy to guess/)
    expect((await reset(token)).status).toBe(204)
  })

  it('retires earlier links when a new one is asked for', async () => {
    const client = await signUp()
    const first = await resetToken(client)
    const second = await resetToken(client)
    expect((await reset(first)).status).toBe(400)
    expect((await reset(second)).status).toBe(204)
  })
})

describe('the forgot and reset pages', () => {
  it('are linked from sign-in and say the same whether or not an account exists', async () => {
    expect(await (await call('/signin')).text()).toContain('href="/forgot-password"')
    const client = await signUp()
    const known = await call('/forgot-password', form({ email: client.email }))
    const unknown = await call('/forgot-password', form({ email: uniqueEmail() }))
    expect(known.status).toBe(200)
    expect(unknown.status).toBe(200)
    const words = (page: string) =>
      page.replace(/<strong>[^<]*<\/strong>/, '').replace(/nonce="[^"]*"/g, '')
    expect(words(await known.text())).toBe(words(await unknown.text()))
    expect(await linksTo(client.email, '/reset-password/')).toHaveLength(1)
  })

  it('show a form for a live link, reset on POST and explain a dead link', async () => {
    const client = await signUp()
    const token = await resetToken(client)
    const page = await call(`/reset-password/${token}`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain(`action="/reset-password/${token}"`)
    const weak = await call(`/reset-password/${token}`, form({ password: 'password1234' }))
    expect(weak.status).toBe(400)
    expect(await weak.text()).toContain('easy to guess')
    const done = await call(`/reset-password/${token}`, form({ password: NEW_PASSWORD }))
    expect(done.status).toBe(200)
    expect(await done.text()).toContain('Your password is changed')
    expect((await signIn(client.email, NEW_PASSWORD)).status).toBe(200)
    for (const dead of [
      await call(`/reset-password/${token}`),
      await call(`/reset-password/${token}`, form({ password: 'yet another long phrase 12' })),
    ]) {
      expect(dead.status).toBe(400)
      expect(await dead.text()).toContain('This link does not work')
    }
    expect((await signIn(client.email, NEW_PASSWORD)).status).toBe(200)
  })
})
