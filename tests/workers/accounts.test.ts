import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

import { call, grantRole, me, sessionCookie, signUp, uniqueEmail } from './helpers.ts'

async function accountCount() {
  const row = await env.DB.prepare('SELECT count(*) AS n FROM accounts').first<{ n: number }>()
  return row?.n ?? 0
}

describe('signing up', () => {
  it('creates the account, signs it in and shows it at /me', async () => {
    const email = uniqueEmail('Ann')
    const response = await call('/api/v1/accounts', {
      method: 'POST',
      json: { email, password: 'a long enough password', display_name: '  Ann Artist ' },
    })
    expect(response.status).toBe(201)
    const cookie = response.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    const body = await response.json<Record<string, unknown>>()
    expect(body).toMatchObject({
      email: email.toLowerCase(),
      display_name: 'Ann Artist',
      roles: [],
      membership: { status: 'none', since: null },
      seller: { status: 'none', payouts_ready: false },
    })
    expect(body).not.toHaveProperty('password_hash')
    const view = await me({ cookie: sessionCookie(response), id: '', email })
    expect(view.id).toBe(body.id)
  })

  it('refuses an email that is taken, whatever its case, with 409', async () => {
    const email = uniqueEmail()
    await signUp({ email })
    const before = await accountCount()
    const response = await call('/api/v1/accounts', {
      method: 'POST',
      json: { email: email.toUpperCase(), password: 'another password', display_name: 'Bob' },
    })
    expect(response.status).toBe(409)
    expect(await response.json()).toMatchObject({ error: { code: 'email_taken' } })
    expect(await accountCount()).toBe(before)
  })

  it.each([
    ['a missing field', { email: uniqueEmail(), password: 'long enough pw' }, 'display_name'],
    [
      'a wrong type',
      { email: uniqueEmail(), password: 12345678901, display_name: 'A' },
      'password',
    ],
    [
      'a short password',
      { email: uniqueEmail(), password: 'short', display_name: 'A' },
      'password',
    ],
    [
      'a bad email',
      { email: 'not-an-email', password: 'long enough pw', display_name: 'A' },
      'email',
    ],
    [
      'an unknown field',
      { email: uniqueEmail(), password: 'long enough pw', display_name: 'A', admin: true },
      'admin',
    ],
    [
      'an empty name',
      { email: uniqueEmail(), password: 'long enough pw', display_name: '   ' },
      'display_name',
    ],
  ])('answers %s with 400 naming the field, and creates nothing', async (_case, json, field) => {
    const before = await accountCount()
    const response = await call('/api/v1/accounts', { method: 'POST', json })
    expect(response.status).toBe(400)
    const body = await response.json<{ error: { code: string; fields: Record<string, string> } }>()
    expect(body.error.code).toBe('invalid_input')
    expect(body.error.fields[field]).toBeTruthy()
    expect(await accountCount()).toBe(before)
  })

  it('answers malformed JSON with 400, another content type with 415, a huge body with 413', async () => {
    const before = await accountCount()
    const malformed = await call('/api/v1/accounts', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": ',
    })
    expect(malformed.status).toBe(400)
    expect(await malformed.json()).toMatchObject({ error: { code: 'invalid_json' } })
    const form = await call('/api/v1/accounts', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=a@b.c',
    })
    expect(form.status).toBe(415)
    const huge = await call('/api/v1/accounts', {
      method: 'POST',
      json: { email: uniqueEmail(), password: 'x'.repeat(100_000), display_name: 'A' },
    })
    expect(huge.status).toBe(413)
    expect(await accountCount()).toBe(before)
  })
})

describe('sign-up limits', () => {
  it('allows 20 new accounts an hour from one address, then answers 429 and creates nothing', async () => {
    const from = (address: string) => ({
      method: 'POST',
      headers: { 'cf-connecting-ip': address },
      json: { email: uniqueEmail('many'), password: 'long enough pw', display_name: 'Many' },
    })
    for (let i = 0; i < 20; i++) {
      expect((await call('/api/v1/accounts', from('203.0.113.9'))).status).toBe(201)
    }
    const before = await accountCount()
    const refused = await call('/api/v1/accounts', from('203.0.113.9'))
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await accountCount()).toBe(before)
    // Another address is not held back.
    expect((await call('/api/v1/accounts', from('198.51.100.7'))).status).toBe(201)
  })
})

describe('signing in and out', () => {
  it('signs in with the right pair and gives a new session each time', async () => {
    const client = await signUp({ password: 'my password is long' })
    const first = await call('/api/v1/session', {
      method: 'POST',
      json: { email: client.email, password: 'my password is long' },
      as: client,
    })
    expect(first.status).toBe(200)
    const rotated = sessionCookie(first)
    expect(rotated).not.toBe(client.cookie)
    // The session presented at sign-in is gone: a planted token is useless afterwards.
    expect((await call('/api/v1/me', { as: client.cookie })).status).toBe(401)
    expect((await call('/api/v1/me', { as: rotated })).status).toBe(200)
  })

  it('answers a wrong password and an unknown email alike, with 401', async () => {
    const client = await signUp()
    const wrongPassword = await call('/api/v1/session', {
      method: 'POST',
      json: { email: client.email, password: 'not the password' },
    })
    const unknownEmail = await call('/api/v1/session', {
      method: 'POST',
      json: { email: uniqueEmail(), password: 'not the password' },
    })
    expect(wrongPassword.status).toBe(401)
    expect(unknownEmail.status).toBe(401)
    expect(await wrongPassword.json()).toEqual(await unknownEmail.json())
    expect(wrongPassword.headers.get('set-cookie')).toBeNull()
  })

  it('slows down repeated attempts on one email with 429', async () => {
    const client = await signUp()
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) {
      const response = await call('/api/v1/session', {
        method: 'POST',
        json: { email: client.email, password: `guess number ${i}` },
      })
      statuses.push(response.status)
      if (response.status === 429)
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0)
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true)
    expect(statuses[10]).toBe(429)
    // Even the right password waits until the window ends.
    const right = await call('/api/v1/session', {
      method: 'POST',
      json: { email: client.email, password: 'correct-horse-battery' },
    })
    expect(right.status).toBe(429)
  })

  it('signs out with 204, after which the cookie no longer works', async () => {
    const client = await signUp()
    const out = await call('/api/v1/session', { method: 'DELETE', as: client })
    expect(out.status).toBe(204)
    expect((await call('/api/v1/me', { as: client })).status).toBe(401)
    expect((await call('/api/v1/session', { method: 'DELETE' })).status).toBe(401)
  })

  it('ends a session after a week idle or a month after sign-in', async () => {
    const idle = await signUp()
    await env.DB.prepare(`UPDATE sessions SET last_seen_at = ? WHERE account_id = ?`)
      .bind(new Date(Date.now() - 8 * 86_400_000).toISOString(), idle.id)
      .run()
    expect((await call('/api/v1/me', { as: idle })).status).toBe(401)

    const old = await signUp()
    await env.DB.prepare(`UPDATE sessions SET expires_at = ? WHERE account_id = ?`)
      .bind(new Date(Date.now() - 1000).toISOString(), old.id)
      .run()
    expect((await call('/api/v1/me', { as: old })).status).toBe(401)
  })

  it('answers /me without a session with 401 in the error shape', async () => {
    const response = await call('/api/v1/me')
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({
      error: { code: 'not_signed_in', message: expect.any(String) },
    })
  })
})

describe('roles', () => {
  it('lets an admin set staff roles', async () => {
    const admin = await signUp()
    await grantRole(admin, 'admin')
    const member = await signUp()
    const response = await call(`/api/v1/admin/accounts/${member.id}/roles`, {
      method: 'PUT',
      json: { roles: ['worker', 'board', 'board'] },
      as: admin,
    })
    expect(response.status).toBe(200)
    expect((await me(member)).roles).toEqual(['board', 'worker'])
    await call(`/api/v1/admin/accounts/${member.id}/roles`, {
      method: 'PUT',
      json: { roles: ['board'] },
      as: admin,
    })
    expect((await me(member)).roles).toEqual(['board'])
  })

  it('refuses non-admins with 403 and changes nothing', async () => {
    const member = await signUp()
    await grantRole(member, 'board')
    const response = await call(`/api/v1/admin/accounts/${member.id}/roles`, {
      method: 'PUT',
      json: { roles: ['admin'] },
      as: member,
    })
    expect(response.status).toBe(403)
    expect((await me(member)).roles).toEqual(['board'])
  })

  it('refuses unknown roles, seller among them, with 400', async () => {
    const admin = await signUp()
    await grantRole(admin, 'admin')
    for (const roles of [['seller'], ['root'], 'admin']) {
      const response = await call(`/api/v1/admin/accounts/${admin.id}/roles`, {
        method: 'PUT',
        json: { roles },
        as: admin,
      })
      expect(response.status).toBe(400)
    }
  })

  it('keeps an admin from removing their own admin role (409) and 404s unknown accounts', async () => {
    const admin = await signUp()
    await grantRole(admin, 'admin')
    const self = await call(`/api/v1/admin/accounts/${admin.id}/roles`, {
      method: 'PUT',
      json: { roles: [] },
      as: admin,
    })
    expect(self.status).toBe(409)
    expect((await me(admin)).roles).toEqual(['admin'])
    const missing = await call('/api/v1/admin/accounts/acct_nobody/roles', {
      method: 'PUT',
      json: { roles: [] },
      as: admin,
    })
    expect(missing.status).toBe(404)
  })
})
