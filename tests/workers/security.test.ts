import { exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

import { becomeMember, call, me, signUp, csrfIn } from './helpers.ts'

describe('security headers', () => {
  it.each(['/', '/signin', '/api/v1/me', '/nowhere'])('are set on %s', async (path) => {
    const response = await call(path)
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]{16,}'/)
    expect(csp).not.toContain('unsafe-inline')
    const hsts = /max-age=(\d+)/.exec(response.headers.get('strict-transport-security') ?? '')
    expect(Number(hsts?.[1])).toBeGreaterThanOrEqual(31_536_000)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('gives each page a fresh nonce that matches its script tag', async () => {
    const [a, b] = await Promise.all([call('/'), call('/')])
    const nonceOf = (r: Response) =>
      /'nonce-([^']+)'/.exec(r.headers.get('content-security-policy') ?? '')?.[1]
    const nonce = nonceOf(a)
    expect(nonce).toBeTruthy()
    expect(nonce).not.toBe(nonceOf(b))
    expect(await a.text()).toContain(`nonce="${nonce}"`)
  })
})

describe('session cookies', () => {
  it('take the __Host- prefix and Secure over https', async () => {
    const response = await exports.default.fetch(
      new Request('https://fairstall.example/api/v1/accounts', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: `https-${crypto.randomUUID()}@example.coop`,
          password: 'long enough pw',
          display_name: 'H',
        }),
      }),
    )
    expect(response.status).toBe(201)
    const cookie = response.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^__Host-fairstall_session=/)
    expect(cookie).toMatch(/Secure/)
    expect(cookie).toMatch(/Path=\//)
    expect(cookie).not.toMatch(/Domain=/i)
  })
})

describe('cross-site request forgery', () => {
  it('refuses a state change sent from another site, and changes nothing', async () => {
    const member = await signUp()
    const forged = await call('/api/v1/membership/checkout', {
      method: 'POST',
      as: member,
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    })
    expect(forged.status).toBe(403)
    expect(await forged.json()).toMatchObject({ error: { code: 'csrf_failed' } })
    expect((await me(member)).membership.status).toBe('none')
  })

  it('refuses a signed-in form post without the session token', async () => {
    const member = await signUp()
    await becomeMember(member)
    const body = new URLSearchParams({
      statement: 'x'.repeat(40),
      portfolio_url: 'https://a.example',
    })
    const forged = await call('/sell/apply', {
      method: 'POST',
      as: member,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    })
    expect(forged.status).toBe(403)
    expect((await me(member)).seller.status).toBe('none')
  })

  it('accepts the same-origin form post that carries the token', async () => {
    const member = await signUp()
    await becomeMember(member)
    const page = await (await call('/sell/apply', { as: member })).text()
    const token = csrfIn(page)
    const body = new URLSearchParams({
      _csrf: token,
      statement: 'x'.repeat(40),
      portfolio_url: 'https://a.example',
    })
    const posted = await call('/sell/apply', {
      method: 'POST',
      as: member,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://localhost:8787',
        'sec-fetch-site': 'same-origin',
      },
      body,
    })
    expect(posted.status).toBe(303)
    expect((await me(member)).seller.status).toBe('pending')
  })
})

describe('errors', () => {
  it('answers unknown API paths with the JSON error shape', async () => {
    const response = await call('/api/v1/nothing-here')
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } })
  })
})

describe('https sessions', () => {
  it('read the __Host- cookie back', async () => {
    const email = `https-${crypto.randomUUID()}@example.coop`
    const created = await exports.default.fetch(
      new Request('https://fairstall.example/api/v1/accounts', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'long enough pw', display_name: 'H' }),
      }),
    )
    const cookie = (created.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const meResponse = await exports.default.fetch(
      new Request('https://fairstall.example/api/v1/me', { headers: { cookie } }),
    )
    expect(meResponse.status).toBe(200)
  })
})
