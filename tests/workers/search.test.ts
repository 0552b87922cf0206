import { beforeAll, describe, expect, it } from 'vitest'

import { jpegBase64 } from './fixtures/images.ts'
import { becomeSeller, call, type Client, signUp } from './helpers.ts'

interface Card {
  id: string
  title: string
  price_cents: number
  kind: string
  category: string
  seller: { id: string }
}
interface Page {
  items: Card[]
  next_cursor: string | null
}

const image = Uint8Array.from(atob(jpegBase64), (c) => c.charCodeAt(0))

/** Creates, illustrates and publishes a listing through the API. */
async function publish(seller: Client, fields: Record<string, unknown>): Promise<string> {
  const created = await call('/api/v1/listings', {
    method: 'POST',
    as: seller,
    json: { kind: 'physical', quantity: 2, price_cents: 1000, description: '', ...fields },
  })
  expect(created.status).toBe(201)
  const { id } = await created.json<{ id: string }>()
  const form = new FormData()
  form.append('file', new File([image], 'art.jpg', { type: 'image/jpeg' }))
  expect(
    (await call(`/api/v1/listings/${id}/images`, { method: 'POST', body: form, as: seller }))
      .status,
  ).toBe(201)
  expect(
    (await call(`/api/v1/listings/${id}/publish`, { method: 'POST', as: seller })).status,
  ).toBe(200)
  return id
}

async function search(query: string): Promise<Page> {
  const response = await call(`/api/v1/listings?${query}`)
  expect(response.status, query).toBe(200)
  return response.json<Page>()
}

const titles = (page: Page) => page.items.map((i) => i.title)

/** Follows next_cursor to the end, running `between` after each page. */
async function allPages(query: string, between: () => Promise<unknown> = async () => {}) {
  const seen: Card[] = []
  let cursor: string | null = null
  do {
    const page: Page = await search(
      `${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    )
    seen.push(...page.items)
    cursor = page.next_cursor
    await between()
  } while (cursor)
  return seen
}

let ari: Client
let bo: Client
const ids: Record<string, string> = {}

beforeAll(async () => {
  ari = await signUp({ display_name: 'Ari Moreno' })
  bo = await signUp({ display_name: 'Bo Lindqvist' })
  await becomeSeller(ari)
  await becomeSeller(bo)
  ids.heronPrint = await publish(ari, {
    title: 'Grey heron print',
    category: 'prints',
    price_cents: 2500,
    tags: ['birds'],
  })
  ids.heronMug = await publish(bo, {
    title: 'Speckled mug',
    description: 'A mug with a small heron painted by the handle.',
    category: 'ceramics',
    price_cents: 1800,
  })
  ids.kingfisher = await publish(ari, {
    title: 'Kingfisher linocut',
    category: 'prints',
    price_cents: 4000,
    tags: ['birds', 'river'],
  })
  ids.bowl = await publish(bo, { title: 'Stoneware bowl', category: 'ceramics', price_cents: 3200 })
  ids.pattern = await publish(ari, {
    title: 'Fern pattern download',
    kind: 'digital',
    quantity: null,
    category: 'patterns',
    price_cents: 600,
  })
  ids.photo = await publish(bo, {
    title: 'Estuary at low tide',
    category: 'photography',
    price_cents: 9900,
  })
}, 120_000)

describe('search', () => {
  it('ranks a title match above a description match', async () => {
    expect(titles(await search('q=heron'))).toEqual(['Grey heron print', 'Speckled mug'])
  })

  it('gives each card its cover thumbnail and its real size', async () => {
    const [card] = (await search('q=kingfisher')).items as (Card & {
      thumb_url: string
      thumb_width: number
      thumb_height: number
    })[]
    expect(card?.thumb_url).toMatch(/^\/media\/listings\/.+\/thumb\.webp$/)
    expect(Math.max(card?.thumb_width ?? 0, card?.thumb_height ?? 0)).toBeLessThanOrEqual(480)
    const thumb = await call(card?.thumb_url ?? '')
    expect(thumb.headers.get('content-type')).toBe('image/webp')
  })

  it('matches word prefixes, accents and case aside', async () => {
    expect(titles(await search('q=KINGF'))).toEqual(['Kingfisher linocut'])
    expect(titles(await search('q=linocut%20king'))).toEqual(['Kingfisher linocut'])
    expect((await search('q=zebra')).items).toEqual([])
  })

  it('finds by tag and by seller name', async () => {
    expect(titles(await search('q=birds')).sort()).toEqual([
      'Grey heron print',
      'Kingfisher linocut',
    ])
    expect(titles(await search('q=lindqvist')).length).toBe(3)
  })

  it('filters by category (a parent includes its children), seller, kind and price', async () => {
    expect(titles(await search('category=prints&sort=price_asc'))).toEqual([
      'Grey heron print',
      'Kingfisher linocut',
    ])
    expect(titles(await search('category=art&sort=price_asc'))).toEqual([
      'Grey heron print',
      'Kingfisher linocut',
      'Estuary at low tide',
    ])
    expect(titles(await search(`seller=${bo.id}&sort=price_asc`))).toEqual([
      'Speckled mug',
      'Stoneware bowl',
      'Estuary at low tide',
    ])
    expect(titles(await search('kind=digital'))).toEqual(['Fern pattern download'])
    expect(titles(await search('min_price=1800&max_price=3200&sort=price_asc'))).toEqual([
      'Speckled mug',
      'Grey heron print',
      'Stoneware bowl',
    ])
    expect(titles(await search('q=heron&category=ceramics'))).toEqual(['Speckled mug'])
    expect(titles(await search('q=heron&max_price=2000'))).toEqual(['Speckled mug'])
  })

  it('sorts newest first, and by price both ways', async () => {
    const newest = titles(await search('sort=newest'))
    expect(newest.slice(0, 3)).toEqual([
      'Estuary at low tide',
      'Fern pattern download',
      'Stoneware bowl',
    ])
    const asc = (await search('sort=price_asc')).items.map((i) => i.price_cents)
    expect(asc).toEqual([...asc].sort((a, b) => a - b))
    const desc = (await search('sort=price_desc')).items.map((i) => i.price_cents)
    expect(desc).toEqual([...desc].sort((a, b) => b - a))
  })

  it.each([
    'sort=newest',
    'sort=price_asc',
    'sort=price_desc',
    'q=e&sort=relevance',
    'q=e&sort=newest',
    'category=art',
  ])('pages through %s with no gap and no repeat while listings are added', async (query) => {
    const before = await allPages(`${query}&limit=100`)
    let added = 0
    const paged = await allPages(`${query}&limit=2`, async () => {
      added += 1
      if (added <= 2)
        await publish(bo, {
          title: `Late etching ${added}`,
          category: 'prints',
          price_cents: 1000 + added,
        })
    })
    const ids = paged.map((c) => c.id)
    expect(new Set(ids).size).toBe(ids.length)
    // Everything there when paging began is seen once, in the same order.
    const beforeIds = before.map((c) => c.id)
    expect(ids.filter((id) => beforeIds.includes(id))).toEqual(beforeIds)
  })

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['sort=cheapest', 'sort'],
    ['min_price=-5', 'min_price'],
    ['min_price=1.5', 'min_price'],
    ['min_price=500&max_price=100', 'max_price'],
    ['category=weapons', 'category'],
    ['kind=service', 'kind'],
    ['colour=red', 'colour'],
    ['cursor=garbage!', 'cursor'],
  ])('answers %s with 400 naming the parameter', async (query, field) => {
    const response = await call(`/api/v1/listings?${query}`)
    expect(response.status).toBe(400)
    const body = await response.json<{ error: { fields: Record<string, string> } }>()
    expect(body.error.fields[field]).toBeTruthy()
  })
})
