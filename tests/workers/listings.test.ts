import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'

import { jpegBase64 } from './fixtures/images.ts'
import { becomeMember, becomeSeller, call, type Client, signUp } from './helpers.ts'

interface Listing {
  id: string
  title: string
  status: string
  price_cents: number
  images: unknown[]
  seller: { id: string; display_name: string }
}

const draft = {
  title: 'Heron at dawn',
  description: 'A three-colour risograph print of a heron on the river at first light.',
  price_cents: 2500,
  kind: 'physical',
  quantity: 3,
  shipping_cents: 400,
  category: 'prints',
  tags: ['Birds', 'risograph', 'birds'],
}

async function create(seller: Client, json: Record<string, unknown> = draft) {
  const response = await call('/api/v1/listings', { method: 'POST', json, as: seller })
  return {
    response,
    body: await response.json<Listing & { error?: { fields: Record<string, string> } }>(),
  }
}

/** Uploads the fixture JPEG through the images API. */
async function addImage(seller: Client, listingId: string) {
  const form = new FormData()
  const bytes = Uint8Array.from(atob(jpegBase64), (c) => c.charCodeAt(0))
  form.append('file', new File([bytes], 'cover.jpg', { type: 'image/jpeg' }))
  const response = await call(`/api/v1/listings/${listingId}/images`, {
    method: 'POST',
    body: form,
    as: seller,
  })
  expect(response.status).toBe(201)
}

async function published(seller: Client, json: Record<string, unknown>) {
  const { body } = await create(seller, { ...draft, ...json })
  await addImage(seller, body.id)
  const response = await call(`/api/v1/listings/${body.id}/publish`, { method: 'POST', as: seller })
  expect(response.status).toBe(200)
  return response.json<Listing>()
}

async function listingCount() {
  const row = await env.DB.prepare('SELECT count(*) AS n FROM listings').first<{ n: number }>()
  return row?.n ?? 0
}

let seller: Client
beforeAll(async () => {
  seller = await signUp({ display_name: 'Ari Moreno' })
  await becomeSeller(seller)
})

describe('creating a listing', () => {
  it('makes a draft for an approved seller', async () => {
    const { response, body } = await create(seller)
    expect(response.status).toBe(201)
    expect(body).toMatchObject({
      title: 'Heron at dawn',
      status: 'draft',
      price_cents: 2500,
      currency: 'usd',
      kind: 'physical',
      quantity: 3,
      shipping_cents: 400,
      category: 'prints',
      tags: ['birds', 'risograph'],
      images: [],
      seller: { id: seller.id, display_name: 'Ari Moreno' },
      buyable: false,
    })
  })

  it('refuses members who are not sellers (403) and visitors (401), writing nothing', async () => {
    const before = await listingCount()
    const member = await signUp()
    await becomeMember(member)
    expect((await create(member)).response.status).toBe(403)
    expect((await call('/api/v1/listings', { method: 'POST', json: draft })).status).toBe(401)
    expect(await listingCount()).toBe(before)
  })

  it.each([
    ['a negative price', { price_cents: -1 }, 'price_cents'],
    ['a fractional price', { price_cents: 12.5 }, 'price_cents'],
    ['a price past 10^9 cents', { price_cents: 1_000_000_001 }, 'price_cents'],
    ['a price as a string', { price_cents: '2500' }, 'price_cents'],
    ['an unknown kind', { kind: 'service' }, 'kind'],
    ['an unknown category', { category: 'weapons' }, 'category'],
    [
      'a digital listing with stock',
      { kind: 'digital', quantity: 5, shipping_cents: 0 },
      'quantity',
    ],
    [
      'a digital listing with shipping',
      { kind: 'digital', quantity: null, shipping_cents: 100 },
      'shipping_cents',
    ],
    ['too many tags', { tags: Array.from({ length: 11 }, (_, i) => `tag${i}`) }, 'tags'],
    ['an unknown field', { status: 'published' }, 'status'],
    ['a title too long', { title: 'x'.repeat(141) }, 'title'],
  ])('answers %s with 400 naming the field, writing nothing', async (_case, change, field) => {
    const before = await listingCount()
    const { response, body } = await create(seller, { ...draft, ...change })
    expect(response.status).toBe(400)
    expect(body.error?.fields[field]).toBeTruthy()
    expect(await listingCount()).toBe(before)
  })
})

describe('drafts, edits and publishing', () => {
  it('shows a draft to its seller only', async () => {
    const { body } = await create(seller)
    expect((await call(`/api/v1/listings/${body.id}`, { as: seller })).status).toBe(200)
    expect((await call(`/api/v1/listings/${body.id}`)).status).toBe(404)
    expect((await call(`/api/v1/listings/${body.id}`, { as: await signUp() })).status).toBe(404)
  })

  it("refuses another seller's changes: 404 for a draft, 403 for a published listing", async () => {
    const other = await signUp()
    await becomeSeller(other)
    const { body } = await create(seller)
    const patch = { method: 'PATCH', json: { title: 'Mine now' }, as: other }
    expect((await call(`/api/v1/listings/${body.id}`, patch)).status).toBe(404)
    const live = await published(seller, { title: 'Kingfisher' })
    expect((await call(`/api/v1/listings/${live.id}`, patch)).status).toBe(403)
    expect(
      (await call(`/api/v1/listings/${live.id}/archive`, { method: 'POST', as: other })).status,
    ).toBe(403)
    const after = await (await call(`/api/v1/listings/${live.id}`)).json<Listing>()
    expect(after).toMatchObject({ title: 'Kingfisher', status: 'published' })
  })

  it('edits fields of a draft and keeps a published listing publishable', async () => {
    const { body } = await create(seller)
    const edited = await call(`/api/v1/listings/${body.id}`, {
      method: 'PATCH',
      json: { title: 'Heron at dusk', price_cents: 3000, category: 'art' },
      as: seller,
    })
    expect(edited.status).toBe(200)
    expect(await edited.json()).toMatchObject({
      title: 'Heron at dusk',
      price_cents: 3000,
      category: 'art',
    })
    const live = await published(seller, { title: 'Egret' })
    const emptied = await call(`/api/v1/listings/${live.id}`, {
      method: 'PATCH',
      json: { title: '' },
      as: seller,
    })
    expect(emptied.status).toBe(400)
  })

  it('publishes only with a title, a price and an image (409 with fields)', async () => {
    const { body } = await create(seller, { ...draft, title: '', price_cents: 0 })
    const response = await call(`/api/v1/listings/${body.id}/publish`, {
      method: 'POST',
      as: seller,
    })
    expect(response.status).toBe(409)
    const error = await response.json<{ error: { code: string; fields: Record<string, string> } }>()
    expect(error.error.code).toBe('not_publishable')
    expect(Object.keys(error.error.fields).sort()).toEqual(['images', 'price_cents', 'title'])
    await addImage(seller, body.id)
    await call(`/api/v1/listings/${body.id}`, {
      method: 'PATCH',
      json: { title: 'Tern', price_cents: 900 },
      as: seller,
    })
    const ok = await call(`/api/v1/listings/${body.id}/publish`, { method: 'POST', as: seller })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toMatchObject({ status: 'published', images: [expect.anything()] })
  })

  it('archives: the listing leaves search and cannot be edited, but can be published again', async () => {
    const live = await published(seller, { title: 'Archivable avocet' })
    const search = async () =>
      (await (await call('/api/v1/listings?q=avocet')).json<{ items: Listing[] }>()).items
    expect((await search()).map((l) => l.id)).toContain(live.id)
    expect(
      (await call(`/api/v1/listings/${live.id}/archive`, { method: 'POST', as: seller })).status,
    ).toBe(200)
    expect((await search()).map((l) => l.id)).not.toContain(live.id)
    expect(
      (
        await call(`/api/v1/listings/${live.id}`, {
          method: 'PATCH',
          json: { title: 'x' },
          as: seller,
        })
      ).status,
    ).toBe(409)
    expect(
      (await call(`/api/v1/listings/${live.id}/publish`, { method: 'POST', as: seller })).status,
    ).toBe(200)
    expect((await search()).map((l) => l.id)).toContain(live.id)
  })

  it('lists the categories as a tree', async () => {
    const response = await call('/api/v1/categories')
    const { items } = await response.json<{
      items: { slug: string; children: { slug: string }[] }[]
    }>()
    expect(items.map((c) => c.slug)).toEqual(['art', 'craft', 'digital'])
    expect(items[0]?.children.map((c) => c.slug)).toContain('prints')
  })
})
