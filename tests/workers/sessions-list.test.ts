import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

import { type Client, call, csrfOf, form, sessionCookie, signUp, uniqueEmail } from './helpers.ts'

const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1'
const PASSWORD = 'correct-horse-battery'

interface SessionItem {
  id: string
  created_at: string
  last_seen_at: string
  client: string
  current: boolean
}

/** Signs the account in again from another browser; returns that browser's session cookie. */
async function signInFrom(client: Client, userAgent: string): Promise<string> {
  const response = await call('/api/v1/session', {
    method: 'POST',
    json: { email: client.email, password: PASSWORD },
    headers: { 'user-agent': userAgent },
  })
  expect(response.status).toBe(200)
  return sessionCookie(response)
}

async function sessionsOf(as: Client | string): Promise<SessionItem[]> {
  const response = await call('/api/v1/me/sessions', { as })
  expect(response.status).toBe(200)
  return (await response.json<{ items: SessionItem[] }>()).items
}

const isSignedIn = async (cookie: string) =>
  (await call('/api/v1/me', { as: cookie })).status === 200

describe('the member’s sessions', () => {
  it('lists every session with its client and times, this one first and marked current', async () => {
    const ann = await signUp()
    const laptop = await signInFrom(ann, FIREFOX_LINUX)
    await signInFrom(ann, SAFARI_IPHONE)
    const items = await sessionsOf(laptop)
    expect(items).toHaveLength(3)
    expect(items[0]).toMatchObject({ client: 'Firefox on Linux', current: true })
    expect(items.filter((s) => s.current)).toHaveLength(1)
    expect(items.map((s) => s.client).sort()).toEqual(
      ['Firefox on Linux', 'Safari on iOS', 'Unknown browser'].sort(),
    )
    expect(new Set(items.map((s) => s.id)).size).toBe(3)
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual([
        'client',
        'created_at',
        'current',
        'id',
        'last_seen_at',
      ])
      expect(Date.parse(item.last_seen_at)).toBeGreaterThanOrEqual(Date.parse(item.created_at))
    }
    // Another member sees only their own.
    expect(await sessionsOf(await signUp())).toHaveLength(1)
  })

  it('ends one session by id: that browser is signed out, the others are not', async () => {
    const ann = await signUp()
    const phone = await signInFrom(ann, SAFARI_IPHONE)
    const target = (await sessionsOf(ann)).find((s) => s.client === 'Safari on iOS')!
    const ended = await call(`/api/v1/me/sessions/${target.id}`, { method: 'DELETE', as: ann })
    expect(ended.status).toBe(204)
    expect(await isSignedIn(phone)).toBe(false)
    expect(await isSignedIn(ann.cookie)).toBe(true)
    expect((await sessionsOf(ann)).map((s) => s.id)).not.toContain(target.id)
    // Already ended: nothing left to end.
    const again = await call(`/api/v1/me/sessions/${target.id}`, { method: 'DELETE', as: ann })
    expect(again.status).toBe(404)
  })

  it('answers 404 for another member’s session id, and that session lives on', async () => {
    const ann = await signUp()
    const bob = await signUp()
    const [bobs] = await sessionsOf(bob)
    const response = await call(`/api/v1/me/sessions/${bobs!.id}`, { method: 'DELETE', as: ann })
    expect(response.status).toBe(404)
    expect(await isSignedIn(bob.cookie)).toBe(true)
  })

  it('ends every other session, keeping this one', async () => {
    const ann = await signUp()
    const laptop = await signInFrom(ann, FIREFOX_LINUX)
    const phone = await signInFrom(ann, SAFARI_IPHONE)
    const response = await call('/api/v1/me/sessions', { method: 'DELETE', as: laptop })
    expect(response.status).toBe(204)
    expect(await isSignedIn(laptop)).toBe(true)
    expect(await isSignedIn(phone)).toBe(false)
    expect(await isSignedIn(ann.cookie)).toBe(false)
    expect(await sessionsOf(laptop)).toEqual([expect.objectContaining({ current: true })])
  })

  it('refreshes last seen on use, at most every few minutes', async () => {
    const ann = await signUp()
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000).toISOString()
    await env.DB.prepare('UPDATE sessions SET last_seen_at = ? WHERE account_id = ?')
      .bind(tenMinutesAgo, ann.id)
      .run()
    const [refreshed] = await sessionsOf(ann)
    expect(Date.parse(refreshed!.last_seen_at)).toBeGreaterThan(Date.now() - 60_000)
    const aMinuteAgo = new Date(Date.now() - 60_000).toISOString()
    await env.DB.prepare('UPDATE sessions SET last_seen_at = ? WHERE account_id = ?')
      .bind(aMinuteAgo, ann.id)
      .run()
    const [kept] = await sessionsOf(ann)
    expect(kept!.last_seen_at).toBe(aMinuteAgo)
  })

  it('sign-up ends the session the browser presented', async () => {
    const ann = await signUp()
    const response = await call('/api/v1/accounts', {
      method: 'POST',
      json: { email: uniqueEmail(), password: PASSWORD, display_name: 'Second Self' },
      as: ann,
    })
    expect(response.status).toBe(201)
    expect(await isSignedIn(ann.cookie)).toBe(false)
    expect(await isSignedIn(sessionCookie(response))).toBe(true)
    expect(
      await env.DB.prepare('SELECT 1 FROM sessions WHERE account_id = ?').bind(ann.id).all(),
    ).toMatchObject({ results: [] })
  })
})

describe('the signed-in devices page', () => {
  const PAGE = '/account/settings/sessions'

  it('lists the devices and signs one out, then every other one, with plain forms', async () => {
    const ann = await signUp()
    const phone = await signInFrom(ann, SAFARI_IPHONE)
    const laptop = await signInFrom(ann, FIREFOX_LINUX)
    const page = await call(PAGE, { as: ann })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Safari on iOS')
    expect(html).toContain('Firefox on Linux')
    expect(html).toContain('Sign out everywhere else')

    const phoneId = (await sessionsOf(ann)).find((s) => s.client === 'Safari on iOS')!.id
    const _csrf = await csrfOf(PAGE, ann)
    const one = await call(`${PAGE}/${phoneId}/end`, { ...form({ _csrf }), as: ann })
    expect(one.status).toBe(303)
    expect(one.headers.get('location')).toBe(`${PAGE}?done=ended`)
    expect(await isSignedIn(phone)).toBe(false)
    expect(await isSignedIn(laptop)).toBe(true)

    const rest = await call(`${PAGE}/end-others`, { ...form({ _csrf }), as: ann })
    expect(rest.status).toBe(303)
    expect(await isSignedIn(laptop)).toBe(false)
    expect(await isSignedIn(ann.cookie)).toBe(true)
    const after = await (await call(`${PAGE}?done=others`, { as: ann })).text()
    expect(after).toContain('Every other device is signed out.')
    expect(after).not.toContain('Sign out everywhere else')
  })

  it('refuses a form without the CSRF token, and changes nothing', async () => {
    const ann = await signUp()
    const phone = await signInFrom(ann, SAFARI_IPHONE)
    const response = await call(`${PAGE}/end-others`, { ...form({}), as: ann })
    expect(response.status).toBe(403)
    expect(await isSignedIn(phone)).toBe(true)
  })
})
