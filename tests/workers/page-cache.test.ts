import { describe, expect, it } from 'vitest'

import { call, signUp } from './helpers.ts'

const nonceOf = (r: Response) =>
  /'nonce-([^']+)'/.exec(r.headers.get('content-security-policy') ?? '')?.[1]

describe('the public page cache', () => {
  it('serves a signed-out visitor the stored page, with a fresh nonce each time', async () => {
    const first = await call('/search?q=cached')
    expect(first.headers.get('x-cache')).toBe('MISS')
    const firstHtml = await first.text()
    const second = await call('/search?q=cached')
    expect(second.headers.get('x-cache')).toBe('HIT')
    const secondHtml = await second.text()
    const [a, b] = [nonceOf(first), nonceOf(second)]
    expect(a).not.toBe(b)
    expect(firstHtml).toContain(`nonce="${a}"`)
    expect(secondHtml).toContain(`nonce="${b}"`)
    expect(secondHtml).not.toContain(a as string)
    expect(secondHtml.replaceAll(b as string, 'N')).toBe(firstHtml.replaceAll(a as string, 'N'))
    // Browsers keep none of it.
    expect(second.headers.get('cache-control')).toBe('no-store')
  })

  it('never serves or stores pages for signed-in members', async () => {
    const member = await signUp({ display_name: 'Cache Tester' })
    await call('/search?q=member-view')
    const signedIn = await call('/search?q=member-view', { as: member })
    expect(signedIn.headers.get('x-cache')).toBeNull()
    expect(await signedIn.text()).toContain('Sign out')
    const anonymous = await call('/search?q=member-view')
    expect(await anonymous.text()).not.toContain('Sign out')
  })

  it('keeps other pages and errors out of it', async () => {
    expect((await call('/signin')).headers.get('x-cache')).toBeNull()
    const missing = await call('/listings/lst_missing')
    expect(missing.status).toBe(404)
    expect((await call('/listings/lst_missing')).headers.get('x-cache')).not.toBe('HIT')
  })
})
