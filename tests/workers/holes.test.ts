/**
 * Holes found by hand (issue 6), each pinned by a test that failed before its fix: redirects
 * after sign-in, client input that made a 500, names that were not names, forged cursors, a GET
 * with a side effect, and a blank shipping price that meant "free".
 */
import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'

import { safeNext } from '../../functions/accounts/redirects.ts'
import { base64url } from '../../functions/lib/crypto.ts'
import { publicVariant } from '../../functions/media/image-checks.ts'
import { sniffImage } from '../../functions/media/images.ts'
import { bytesOf, jpegBase64, webpAlphaBase64 } from './fixtures/images.ts'
import {
  becomeMember,
  becomeSeller,
  call,
  type Client,
  me,
  signUp,
  uniqueEmail,
  form,
  csrfOf,
} from './helpers.ts'

const text = (value: string) => new TextEncoder().encode(value)

/** Where a browser would go for a Location: it drops tabs and line breaks and reads \ as /. */
const browserTarget = (location: string) =>
  new URL(location.replace(/[\t\n\r]/g, '').replace(/\\/g, '/'), 'https://coop.example')

describe('the page after sign-in', () => {
  it('is always on this site, however `next` is written', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.webPath()), (next) => {
        const target = safeNext(next)
        expect(target.startsWith('/')).toBe(true)
        expect(browserTarget(target).origin).toBe('https://coop.example')
        expect(target).not.toMatch(/[\u0000-\u0020\u007f-\uffff]/)
      }),
      { numRuns: 500 },
    )
  })

  it.each([
    '/\t/evil.example',
    '/%09/evil.example',
    '/\n/evil.example',
    '/%0d%0aSet-Cookie:%20x=1',
    '/\\evil.example',
    '/%5C%5Cevil.example',
    '//evil.example',
    '/%2F/evil.example',
    'https://evil.example',
    ' /account',
    '/\u0000',
  ])('refuses %j', (next) => {
    expect(safeNext(next)).toBe('/')
  })

  it.each(['/sell/apply', '/listings/lst_1?image=img_2', '/search?q=blue+mug'])(
    'follows %s',
    (next) => expect(safeNext(next)).toBe(next),
  )

  it('does not follow a tab off the site, and a CR, LF or NUL is no 500', async () => {
    const client = await signUp({ password: 'long enough password' })
    for (const next of ['/\t/evil.example', '/account\r\nSet-Cookie: x=1', '/a\nb', '/\u0000x']) {
      const response = await call(
        '/signin',
        form({ email: client.email, password: 'long enough password', next }),
      )
      expect(response.status, JSON.stringify(next)).toBe(303)
      expect(response.headers.get('location')).toBe('/account')
      const cookie = /(fairstall_session=[^;]*)/.exec(response.headers.get('set-cookie') ?? '')
      expect((await call('/api/v1/me', { as: cookie?.[1] ?? '' })).status).toBe(200)
    }
    const page = await (await call('/signin?next=/%09/evil.example')).text()
    expect(page).not.toContain('evil.example')
  })
})

describe('display names', () => {
  const signUpAs = (display_name: string) =>
    call('/api/v1/accounts', {
      method: 'POST',
      json: { email: uniqueEmail('name'), password: 'long enough pw', display_name },
    })

  it.each([
    ['a lone surrogate', `${'A'.repeat(79)}\ud800`],
    ['a lone low surrogate', 'Ann\udc00'],
    ['only invisible characters', '\u200b\u200d\u2060'],
    ['only a bidi override', '\u202e\u202e'],
    ['a bidi isolate around letters', '\u2066Ann\u2069'],
    ['an override before letters', 'Ann \u202egnirts'],
    ['only spaces of other scripts', '\u00a0\u3000'],
    ['81 characters', '😀'.repeat(81)],
    ['a control character', 'Ann\u0085Artist'],
  ])('refuses %s with a 400 naming the field', async (_what, name) => {
    const response = await signUpAs(name)
    expect(response.status).toBe(400)
    const body = await response.json<{ error: { fields: Record<string, string> } }>()
    expect(body.error.fields.display_name).toBeTruthy()
  })

  it('counts characters as people do, after normalising them', async () => {
    const emoji = await signUpAs('😀'.repeat(80))
    expect(emoji.status).toBe(201)
    expect([...(await emoji.json<{ display_name: string }>()).display_name]).toHaveLength(80)
    // "é" typed as e + combining accent is one character, stored composed.
    const composed = await signUpAs('e\u0301'.repeat(80))
    expect(composed.status).toBe(201)
    expect((await composed.json<{ display_name: string }>()).display_name).toBe('é'.repeat(80))
  })
})

const FORBIDDEN = ['\u0000', '\u0001', '\u001b', '\u007f', '\u0085', '\u009f', '\ud800', '\udfff']
const listingCount = async () =>
  (await env.DB.prepare('SELECT count(*) AS n FROM listings').first<{ n: number }>())?.n

let seller: Client
let publishedId: string

beforeAll(async () => {
  seller = await signUp({ display_name: 'Hana Holes' })
  await becomeSeller(seller)
  const created = await call('/api/v1/listings', {
    method: 'POST',
    as: seller,
    json: { title: 'Tidewater jug', price_cents: 4200, kind: 'physical', quantity: 2 },
  })
  publishedId = (await created.json<{ id: string }>()).id
  const upload = new FormData()
  const jpeg = Uint8Array.from(atob(jpegBase64), (ch) => ch.charCodeAt(0))
  upload.append('file', new File([jpeg], 'jug.jpg', { type: 'image/jpeg' }))
  await call(`/api/v1/listings/${publishedId}/images`, { method: 'POST', body: upload, as: seller })
  const published = await call(`/api/v1/listings/${publishedId}/publish`, {
    method: 'POST',
    as: seller,
  })
  expect(published.status).toBe(200)
})

describe('control characters in text fields', () => {
  it('refuses a title that starts with NUL when creating, editing and on the form', async () => {
    const before = await listingCount()
    const created = await call('/api/v1/listings', {
      method: 'POST',
      as: seller,
      json: { title: '\u0000Mug', price_cents: 1000, kind: 'physical', quantity: 1 },
    })
    expect(created.status).toBe(400)
    expect(await created.json()).toMatchObject({ error: { fields: { title: expect.any(String) } } })
    const edited = await call(`/api/v1/listings/${publishedId}`, {
      method: 'PATCH',
      as: seller,
      json: { title: '\u0000Mug' },
    })
    expect(edited.status).toBe(400)
    const _csrf = await csrfOf('/sell/listings/new', seller)
    const page = await call('/sell/listings', {
      ...form({ _csrf, title: '\u0000Mug', price: '10', kind: 'digital' }),
      as: seller,
    })
    expect(page.status).toBe(400)
    expect(await listingCount()).toBe(before)
    const listing = await (await call(`/api/v1/listings/${publishedId}`)).json<{ title: string }>()
    expect(listing.title).toBe('Tidewater jug')
  })

  it('refuses any control character or lone surrogate in a title or description', async () => {
    const before = await listingCount()
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('title', 'description'),
        fc.constantFrom(...FORBIDDEN),
        fc.string({ maxLength: 20 }),
        fc.string({ maxLength: 20 }),
        async (field, bad, head, tail) => {
          const response = await call('/api/v1/listings', {
            method: 'POST',
            as: seller,
            json: { title: 'Jug', kind: 'digital', [field]: `${head}${bad}${tail}` },
          })
          expect(response.status).toBe(400)
          const body = await response.json<{ error: { fields: Record<string, string> } }>()
          expect(Object.keys(body.error.fields)).toContain(field)
        },
      ),
      { numRuns: 25 },
    )
    expect(await listingCount()).toBe(before)
  })

  it('keeps line breaks and tabs in a description, and refuses them in a title', async () => {
    const ok = await call('/api/v1/listings', {
      method: 'POST',
      as: seller,
      json: { title: 'Jug', kind: 'digital', description: 'Glazed.\r\n\r\n\tDishwasher safe.' },
    })
    expect(ok.status).toBe(201)
    expect((await ok.json<{ description: string }>()).description).toBe(
      'Glazed.\n\n\tDishwasher safe.',
    )
    const bad = await call('/api/v1/listings', {
      method: 'POST',
      as: seller,
      json: { title: 'Blue\nJug', kind: 'digital' },
    })
    expect(bad.status).toBe(400)
  })

  it('refuses them in a seller statement and in a search', async () => {
    const member = await signUp()
    await becomeMember(member)
    const applied = await call('/api/v1/seller-applications', {
      method: 'POST',
      as: member,
      json: {
        statement: 'I throw pots\u0000 and fire them in a wood kiln.',
        portfolio_url: 'https://pots.example',
      },
    })
    expect(applied.status).toBe(400)
    expect((await me(member)).seller.status).toBe('none')
    const search = await call(`/api/v1/listings?q=${encodeURIComponent('jug\u0000')}`)
    expect(search.status).toBe(400)
  })
})

const cursorOf = (value: unknown) =>
  base64url(new TextEncoder().encode(JSON.stringify(value) ?? 'undefined'))
const SORTS = ['newest', 'price_asc', 'price_desc', 'relevance'] as const

describe('forged search cursors', () => {
  it.each(SORTS)('are a 400 invalid_cursor on the API, sorted by %s', async (sort) => {
    for (const q of ['', 'jug']) {
      for (const forged of [['x', 'y'], [1e308, 1e308], ['x'], [1e308], [-1, -1], [1.5, 2], {}]) {
        const response = await call(
          `/api/v1/listings?sort=${sort}&q=${q}&cursor=${cursorOf(forged)}`,
        )
        expect(response.status, `${sort} ${q} ${JSON.stringify(forged)}`).toBe(400)
        expect(await response.json()).toMatchObject({ error: { code: 'invalid_cursor' } })
      }
      const garbage = await call(`/api/v1/listings?sort=${sort}&q=${q}&cursor=%FF%FE`)
      expect(garbage.status).toBe(400)
    }
  })

  it('are never a 500, whatever JSON they hold', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...SORTS), fc.jsonValue(), async (sort, value) => {
        const response = await call(`/api/v1/listings?sort=${sort}&q=jug&cursor=${cursorOf(value)}`)
        expect([200, 400]).toContain(response.status)
      }),
      { numRuns: 40 },
    )
  })

  it('are ignored by the search page, which shows the first page', async () => {
    for (const forged of [
      ['x', 'y'],
      [1e308, 1e308],
    ]) {
      for (const query of ['', 'q=jug&', 'sort=price_asc&']) {
        const response = await call(`/search?${query}cursor=${cursorOf(forged)}`)
        expect(response.status, query).toBe(200)
        expect(await response.text()).toContain('Tidewater jug')
      }
    }
    const category = await call(`/categories/ceramics?cursor=${cursorOf(['x'])}`)
    expect(category.status).toBe(200)
  })
})

describe('a very long media key', () => {
  it('is a 404, never a 500', async () => {
    const response = await call(`/media/listings/${'a'.repeat(5000)}/thumb.webp`)
    expect(response.status).toBe(404)
    expect((await call(`/media/${'%2e'.repeat(2000)}`)).status).toBe(404)
  })
})

describe('GET /sell/payouts', () => {
  it('creates no Stripe account when another site sends the seller there', async () => {
    const artist = await signUp()
    await becomeSeller(artist)
    const response = await call('/sell/payouts', {
      as: artist,
      headers: { 'sec-fetch-site': 'cross-site', referer: 'https://evil.example/' },
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/sell?done=payouts-expired')
    const row = await env.DB.prepare('SELECT stripe_account_id FROM accounts WHERE id = ?')
      .bind(artist.id)
      .first<{ stripe_account_id: string | null }>()
    expect(row?.stripe_account_id).toBeNull()
    const dashboard = await (await call('/sell?done=payouts-expired', { as: artist })).text()
    expect(dashboard).toContain('That Stripe link has expired')
    expect(dashboard).toMatch(/<form[^>]+action="\/sell\/payouts"/)
  })
})

describe('the shipping price of a physical piece', () => {
  const fields = (overrides: Record<string, string>) => ({
    title: 'Salt-glazed bowl',
    price: '30',
    kind: 'physical',
    quantity: '1',
    ...overrides,
  })

  async function post(overrides: Record<string, string>) {
    const _csrf = await csrfOf('/sell/listings/new', seller)
    return call('/sell/listings', { ...form({ _csrf, ...fields(overrides) }), as: seller })
  }

  it('is not free when the field is left blank: the form asks', async () => {
    const before = await listingCount()
    const response = await post({ shipping: '' })
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('Enter the shipping price, or tick “Free shipping”.')
    expect(await listingCount()).toBe(before)
    expect((await post({ shipping: '5', free_shipping: 'on' })).status).toBe(400)
  })

  it('is free when the seller ticks the box, and the editor shows it ticked', async () => {
    const response = await post({ shipping: '', free_shipping: 'on' })
    expect(response.status).toBe(303)
    const id = /\/sell\/listings\/([^/?]+)/.exec(response.headers.get('location') ?? '')?.[1]
    const listing = await (
      await call(`/api/v1/listings/${id}`, { as: seller })
    ).json<{
      shipping_cents: number
    }>()
    expect(listing.shipping_cents).toBe(0)
    const editor = await (await call(`/sell/listings/${id}`, { as: seller })).text()
    expect(editor).toMatch(/<input[^>]*name="free_shipping"[^>]*checked/)
  })

  it('takes a price, 0 included', async () => {
    expect((await post({ shipping: '4.50' })).status).toBe(303)
    expect((await post({ shipping: '0' })).status).toBe(303)
  })
})

describe('public image variants', () => {
  it('lose any EXIF or XMP chunk a WebP carries, and stay whole images', () => {
    const webp = bytesOf(webpAlphaBase64)
    const address = text('1 Secret Street')
    const chunk = (fourcc: string, data: Uint8Array) => {
      const header = new Uint8Array(8)
      header.set(text(fourcc))
      new DataView(header.buffer).setUint32(4, data.length, true)
      return [...header, ...data, ...(data.length % 2 ? [0] : [])]
    }
    const tagged = new Uint8Array([...webp, ...chunk('EXIF', address), ...chunk('XMP ', address)])
    const view = new DataView(tagged.buffer)
    view.setUint32(4, tagged.length - 8, true)
    tagged[20] = (tagged[20] as number) | 0x0c
    expect(sniffImage(tagged)?.type).toBe('image/webp')
    const cleaned = publicVariant(tagged)
    expect(cleaned).not.toBeNull()
    expect(new TextDecoder().decode(cleaned!)).not.toContain('Secret')
    expect(cleaned).toEqual(webp.slice().fill(webp[20]! & ~0x0c, 20, 21))
    expect(publicVariant(new Uint8Array(0))).toBeNull()
  })
})
