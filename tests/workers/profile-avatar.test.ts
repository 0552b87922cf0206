import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

import { sniffImage } from '../../functions/media/images.ts'
import {
  bytesOf,
  gifBase64,
  htmlDecoy,
  jpegBase64,
  pngBase64,
  tinyBase64,
} from './fixtures/images.ts'
import { becomeSeller, call, type Client, me, signUp } from './helpers.ts'

interface Avatar {
  url: string
  width: number
  height: number
}

const text = (value: string) => new TextEncoder().encode(value)

function upload(
  client: Client | undefined,
  bytes: Uint8Array<ArrayBuffer>,
  options: { name?: string; type?: string; headers?: Record<string, string> } = {},
) {
  const form = new FormData()
  form.append(
    'file',
    new File([bytes], options.name ?? 'me.png', { type: options.type ?? 'image/png' }),
  )
  return call('/api/v1/me/avatar', {
    method: 'POST',
    body: form,
    as: client,
    headers: options.headers,
  })
}

async function uploaded(client: Client, base64 = pngBase64): Promise<Avatar> {
  const response = await upload(client, bytesOf(base64))
  expect(response.status).toBe(201)
  return response.json<Avatar>()
}

/** The account's avatar columns and its objects in R2: what a refused upload must not touch. */
async function storedAvatar(client: Client) {
  const row = await env.DB.prepare(
    'SELECT avatar_key, avatar_original_key, avatar_width, avatar_height FROM accounts WHERE id = ?',
  )
    .bind(client.id)
    .first()
  const objects = await env.BUCKET.list({ prefix: `avatars/${client.id}/` })
  return { row, objects: objects.objects.map((o) => o.key).sort() }
}

const served = (url: string) => call(url)

describe('POST /api/v1/me/avatar', () => {
  it('stores a real PNG as a square WebP, shown on /me and on the storefront with alt text', async () => {
    const seller = await signUp({ display_name: 'Pia Potter' })
    await becomeSeller(seller)
    const avatar = await uploaded(seller)
    expect(avatar).toMatchObject({ width: 320, height: 320 })
    const image = await served(avatar.url)
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/webp')
    const facts = sniffImage(new Uint8Array(await image.arrayBuffer()))
    expect(facts).toMatchObject({ type: 'image/webp', width: 320, height: 320 })
    expect((await me(seller)) as unknown).toMatchObject({ avatar_url: avatar.url })
    const storefront = await (await call(`/sellers/${seller.id}`)).text()
    expect(storefront).toContain(`src="${avatar.url}"`)
    expect(storefront).toContain('alt="Pia Potter’s picture"')
  })

  it('keeps the original private: only the square is served', async () => {
    const member = await signUp()
    await uploaded(member, jpegBase64)
    const { row } = await storedAvatar(member)
    const original = String(row?.avatar_original_key)
    expect(original).toMatch(/^avatars\/.+\/original\.jpg$/)
    expect(await env.BUCKET.head(original)).not.toBeNull()
    expect((await served(`/media/${original}`)).status).toBe(404)
  })

  it('never enlarges a small picture', async () => {
    const member = await signUp()
    expect(await uploaded(member, tinyBase64)).toMatchObject({ width: 2, height: 2 })
  })

  it('replaces the avatar, removing the old one from storage', async () => {
    const member = await signUp()
    const first = await uploaded(member)
    const second = await uploaded(member, jpegBase64)
    expect(second.url).not.toBe(first.url)
    expect((await served(first.url)).status).toBe(404)
    expect((await served(second.url)).status).toBe(200)
    expect((await storedAvatar(member)).objects).toHaveLength(2)
  })

  it.each([
    ['an HTML page named like a PNG', text(htmlDecoy), 'me.png', 'image/png'],
    ['a GIF', bytesOf(gifBase64), 'me.gif', 'image/gif'],
    ['a PNG cut short', bytesOf(pngBase64).slice(0, 200), 'me.png', 'image/png'],
  ])('refuses %s with 415, changing nothing', async (_what, bytes, name, type) => {
    const member = await signUp()
    await uploaded(member)
    const before = await storedAvatar(member)
    const response = await upload(member, bytes as Uint8Array<ArrayBuffer>, { name, type })
    expect(response.status).toBe(415)
    expect(await response.json()).toMatchObject({ error: { code: 'unsupported_media_type' } })
    expect(await storedAvatar(member)).toEqual(before)
  })

  it('refuses a picture of 10 MB + 1 byte with 413, changing nothing', async () => {
    const member = await signUp()
    const before = await storedAvatar(member)
    const response = await upload(member, new Uint8Array(10 * 1024 * 1024 + 1))
    expect(response.status).toBe(413)
    expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } })
    expect(await storedAvatar(member)).toEqual(before)
  })

  it('refuses a body without a file with 400', async () => {
    const member = await signUp()
    const response = await call('/api/v1/me/avatar', {
      method: 'POST',
      as: member,
      body: new FormData(),
    })
    expect(response.status).toBe(400)
  })

  it('is 401 for a visitor: there is no account id to forge, only the session', async () => {
    const response = await upload(undefined, bytesOf(pngBase64))
    expect(response.status).toBe(401)
    expect((await call('/api/v1/me/avatar', { method: 'DELETE' })).status).toBe(401)
  })

  it('refuses an upload sent from another site with 403, changing nothing', async () => {
    const member = await signUp()
    const response = await upload(member, bytesOf(pngBase64), {
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    })
    expect(response.status).toBe(403)
    expect((await storedAvatar(member)).objects).toEqual([])
  })
})

describe('DELETE /api/v1/me/avatar', () => {
  it('removes the avatar and its objects; the storefront falls back to the initial', async () => {
    const seller = await signUp({ display_name: 'Rex Rugmaker' })
    await becomeSeller(seller)
    const avatar = await uploaded(seller)
    const response = await call('/api/v1/me/avatar', { method: 'DELETE', as: seller })
    expect(response.status).toBe(204)
    expect((await me(seller)) as unknown).toMatchObject({ avatar_url: null })
    expect((await served(avatar.url)).status).toBe(404)
    expect((await storedAvatar(seller)).objects).toEqual([])
    const storefront = await (await call(`/sellers/${seller.id}`)).text()
    expect(storefront).not.toContain(avatar.url)
    expect(storefront).toContain('avatar--none')
  })

  it('is 204 when there is no avatar to remove', async () => {
    const member = await signUp()
    expect((await call('/api/v1/me/avatar', { method: 'DELETE', as: member })).status).toBe(204)
  })
})
