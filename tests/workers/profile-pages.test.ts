import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

import { bytesOf, htmlDecoy, pngBase64 } from './fixtures/images.ts'
import { call, type Client, csrfOf, form, me, signUp } from './helpers.ts'

const SETTINGS = '/account/settings'

const page = async (client: Client, path = SETTINGS) => {
  const response = await call(path, { as: client })
  expect(response.status).toBe(200)
  return response.text()
}

/** Posts the profile form as a browser without JavaScript does. */
async function saveProfile(client: Client, fields: Record<string, string>) {
  const _csrf = await csrfOf(SETTINGS, client)
  return call(SETTINGS, { ...form({ _csrf, ...fields }), as: client })
}

/** Posts the picture form (multipart, the token first as the page's form has it). */
async function uploadPicture(client: Client, bytes: Uint8Array<ArrayBuffer>, name = 'me.png') {
  const body = new FormData()
  body.append('_csrf', await csrfOf(SETTINGS, client))
  body.append('file', new File([bytes], name, { type: 'image/png' }))
  return call(`${SETTINGS}/avatar`, { method: 'POST', body, as: client })
}

const storedProfile = (id: string) =>
  env.DB.prepare('SELECT display_name, bio, location, avatar_key FROM accounts WHERE id = ?')
    .bind(id)
    .first()

describe('the profile settings page', () => {
  it('shows the profile form with the saved values and the settings navigation', async () => {
    const member = await signUp({ display_name: 'Sol Smith' })
    const html = await page(member)
    expect(html).toContain('<h1>Account settings</h1>')
    expect(html).toMatch(/<nav[^>]*aria-label="Account settings"/)
    expect(html).toMatch(/<a[^>]*href="\/account\/settings"[^>]*aria-current="page"[^>]*>Profile</)
    for (const path of ['email', 'password', 'sessions', 'notifications']) {
      expect(html).toContain(`href="/account/settings/${path}"`)
    }
    expect(html).toMatch(/<input[^>]*name="display_name"[^>]*value="Sol Smith"/)
    expect(html).toContain('name="location"')
    expect(html).toMatch(/<textarea[^>]*name="bio"/)
    expect(html).toContain('enctype="multipart/form-data"')
    expect(html).toContain('You have no picture yet.')
  })

  it('is linked from the account page', async () => {
    const member = await signUp()
    expect(await page(member, '/account')).toContain('href="/account/settings"')
  })

  it('sends a visitor to sign in and back', async () => {
    const response = await call(SETTINGS)
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/signin?next=%2Faccount%2Fsettings')
  })

  it('saves the profile from a plain form post and says so', async () => {
    const member = await signUp({ display_name: 'Tam Turner' })
    const response = await saveProfile(member, {
      display_name: 'Tam the Turner',
      location: 'Totnes',
      bio: 'Bowls from fallen oak.',
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/account/settings?saved=profile')
    const html = await page(member, '/account/settings?saved=profile')
    expect(html).toContain('Your profile is saved.')
    expect(html).toMatch(/name="display_name"[^>]*value="Tam the Turner"/)
    expect(html).toMatch(/name="location"[^>]*value="Totnes"/)
    expect(html).toContain('Bowls from fallen oak.</textarea>')
    expect(await me(member)).toMatchObject({ display_name: 'Tam the Turner' })
  })

  it('shows a refused field’s error beside it, keeps what was typed, and changes nothing', async () => {
    const member = await signUp({ display_name: 'Uma Upholsterer' })
    const before = await storedProfile(member.id)
    const response = await saveProfile(member, {
      display_name: 'Uma U',
      location: 'x'.repeat(81),
      bio: 'Chairs.',
    })
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('<title>Error: Your profile')
    expect(html).toMatch(/id="field-location-error"[^>]*>.*Use at most 80 characters/s)
    expect(html).toMatch(/name="location"[^>]*aria-invalid="true"/)
    expect(html).toMatch(/name="display_name"[^>]*value="Uma U"/)
    expect(html).toContain('href="#field-location"')
    expect(await storedProfile(member.id)).toEqual(before)
  })

  it('refuses a form post without the session’s token, changing nothing', async () => {
    const member = await signUp({ display_name: 'Vic Varnisher' })
    const response = await call(SETTINGS, {
      ...form({ display_name: 'Forged', location: '', bio: '' }),
      as: member,
    })
    expect(response.status).toBe(403)
    expect((await me(member)) as unknown).toMatchObject({ display_name: 'Vic Varnisher' })
  })

  it('uploads a picture without JavaScript, shows it, and removes it', async () => {
    const member = await signUp({ display_name: 'Wyn Woodcarver' })
    const response = await uploadPicture(member, bytesOf(pngBase64))
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/account/settings?saved=avatar')
    const { avatar_url } = (await me(member)) as unknown as { avatar_url: string }
    const html = await page(member)
    expect(html).toContain(`src="${avatar_url}"`)
    expect(html).toContain('alt="Wyn Woodcarver’s picture"')
    const _csrf = await csrfOf(SETTINGS, member)
    const removed = await call(`${SETTINGS}/avatar/delete`, { ...form({ _csrf }), as: member })
    expect(removed.status).toBe(303)
    expect(await page(member)).toContain('You have no picture yet.')
  })

  it('shows a refused picture’s error beside the file field, keeping the old picture', async () => {
    const member = await signUp()
    await uploadPicture(member, bytesOf(pngBase64))
    const before = await storedProfile(member.id)
    const response = await uploadPicture(member, new TextEncoder().encode(htmlDecoy))
    expect(response.status).toBe(415)
    const html = await response.text()
    expect(html).toMatch(/id="field-file-error"[^>]*>.*Upload a JPEG, PNG or WebP image/s)
    expect(html).toContain('Your current picture.')
    expect(await storedProfile(member.id)).toEqual(before)
  })

  it('refuses a picture form without the session’s token, storing nothing', async () => {
    const member = await signUp()
    const body = new FormData()
    body.append('file', new File([bytesOf(pngBase64)], 'me.png', { type: 'image/png' }))
    const response = await call(`${SETTINGS}/avatar`, { method: 'POST', body, as: member })
    expect(response.status).toBe(403)
    expect((await env.BUCKET.list({ prefix: `avatars/${member.id}/` })).objects).toEqual([])
  })
})
