import { beforeAll, describe, expect, it } from 'vitest'

import { formatDecimalInput, parseDecimalInput } from '../../web/components/money.ts'
import { formValues, parseListingForm } from '../../functions/listings/listing-form.ts'
import { nextSearchHref, searchValues } from '../../functions/search/search-form.ts'
import { bytesOf, htmlDecoy, pngBase64 } from './fixtures/images.ts'
import { becomeSeller, call, type Client, signUp, form, csrfOf } from './helpers.ts'

/** The listing id a create or edit redirect names. */
const idFrom = (response: Response) =>
  /\/sell\/listings\/([^/?]+)/.exec(response.headers.get('location') ?? '')?.[1] as string

/** A filled-in new-listing form; `overrides` change single fields. */
const listingFields = (overrides: Record<string, string> = {}) => ({
  title: 'Blue stoneware mug',
  description: 'Thrown by hand.\n\nDishwasher safe.',
  price: '24.50',
  kind: 'physical',
  quantity: '3',
  shipping: '4',
  category: 'ceramics',
  tags: 'mug, stoneware',
  ...overrides,
})

async function createDraft(seller: Client, overrides: Record<string, string> = {}) {
  const _csrf = await csrfOf('/sell/listings/new', seller)
  const response = await call('/sell/listings', {
    ...form({ _csrf, ...listingFields(overrides) }),
    as: seller,
  })
  expect(response.status).toBe(303)
  return idFrom(response)
}

/** Posts a picture through the editor's plain upload form (no JavaScript). */
async function uploadPicture(seller: Client, id: string, bytes: Uint8Array<ArrayBuffer>) {
  const body = new FormData()
  body.append('_csrf', await csrfOf(`/sell/listings/${id}`, seller))
  body.append('file', new File([bytes], 'picture.png', { type: 'image/png' }))
  return call(`/sell/listings/${id}/images`, { method: 'POST', body, as: seller })
}

async function postAction(seller: Client, path: string, fields: Record<string, string> = {}) {
  const _csrf = await csrfOf('/sell', seller)
  return call(path, { ...form({ _csrf, ...fields }), as: seller })
}

const ownCount = async (seller: Client) => {
  const response = await call('/api/v1/seller/listings', { as: seller })
  return (await response.json<{ items: unknown[] }>()).items.length
}

/** The content of a `<meta property=…>` tag. */
const meta = (html: string, property: string) =>
  new RegExp(`<meta property="${property}" content="([^"]*)"`).exec(html)?.[1]

describe('listing pages', () => {
  let seller: Client
  let published: string
  const word = `quokka${crypto.randomUUID().slice(0, 6)}`

  beforeAll(async () => {
    seller = await signUp({ display_name: 'Mara Potter' })
    await becomeSeller(seller)
    published = await createDraft(seller, { title: `Published ${word} bowl` })
    expect((await uploadPicture(seller, published, bytesOf(pngBase64))).status).toBe(303)
    const response = await postAction(seller, `/sell/listings/${published}/publish`)
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/sell?done=published')
  })

  it('renders each buying page with its title, description and Open Graph tags', async () => {
    const pages: [string, string][] = [
      ['/', 'A marketplace owned by its members'],
      [`/search?q=${word}`, `Search: ${word}`],
      ['/categories/ceramics', 'Ceramics'],
      [`/listings/${published}`, `Published ${word} bowl`],
      [`/sellers/${seller.id}`, 'Mara Potter’s stall'],
    ]
    for (const [path, title] of pages) {
      const response = await call(path)
      expect(response.status, path).toBe(200)
      const html = await response.text()
      expect(html, path).toContain(`<title>${title} · Fairstall</title>`)
      expect(html, path).toMatch(/<meta name="description" content="[^"]+"/)
      expect(meta(html, 'og:title'), path).toBe(title)
      expect(meta(html, 'og:url'), path).toMatch(/^http:\/\/localhost:8787\//)
      expect(html, path).toContain('<link rel="canonical" href="http://localhost:8787/')
    }
  })

  it('shows a listing with its price, shipping, stock, seller and an absolute cover image', async () => {
    const html = await (await call(`/listings/${published}`)).text()
    expect(html).toContain('$24.50')
    expect(html).toContain('Shipping $4.00')
    expect(html).toContain('3 left')
    expect(html).toContain(`href="/sellers/${seller.id}"`)
    expect(html).toContain('<p>Thrown by hand.</p><p>Dishwasher safe.</p>')
    // The seller has not set up payouts, so it cannot be bought yet.
    expect(html).toContain('This artist is still setting up payouts; you can buy soon.')
    expect(meta(html, 'og:image')).toMatch(/^http:\/\/localhost:8787\/media\/listings\//)
  })

  it('lists published work on the home page, in search, its category and the storefront', async () => {
    for (const path of ['/', `/search?q=${word}`, '/categories/craft', `/sellers/${seller.id}`]) {
      expect(await (await call(path)).text(), path).toContain(`/listings/${published}`)
    }
    const filtered = await call(`/search?q=${word}&kind=physical&min_price=20&max_price=25`)
    expect(await filtered.text()).toContain(`/listings/${published}`)
    const tooCheap = await call(`/search?q=${word}&max_price=20`)
    expect(await tooCheap.text()).not.toContain(`/listings/${published}`)
  })

  it('explains a bad price filter beside the field', async () => {
    const response = await call('/search?min_price=ten')
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('Enter an amount in dollars')
    expect(html).toContain('aria-invalid="true"')
  })

  it('answers 404 for an unknown category', async () => {
    const response = await call('/categories/no-such-thing')
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('<title>Page not found · Fairstall</title>')
  })

  it('shows a draft only to its seller, with a banner and an Edit link', async () => {
    const draft = await createDraft(seller, { title: 'Secret draft' })
    const own = await call(`/listings/${draft}`, { as: seller })
    expect(own.status).toBe(200)
    const html = await own.text()
    expect(html).toContain('Draft — only you can see this.')
    expect(html).toContain(`href="/sell/listings/${draft}"`)
    expect((await call(`/listings/${draft}`)).status).toBe(404)
    const stranger = await signUp()
    expect((await call(`/listings/${draft}`, { as: stranger })).status).toBe(404)
    expect((await call(`/sell/listings/${draft}`, { as: stranger })).status).toBe(403)
  })

  it('sends signed-out visitors to sign in and explains selling to non-sellers', async () => {
    const signedOut = await call('/sell')
    expect(signedOut.status).toBe(303)
    expect(signedOut.headers.get('location')).toBe('/signin?next=%2Fsell')
    const member = await signUp()
    for (const path of ['/sell', '/sell/listings/new']) {
      const response = await call(path, { as: member })
      expect(response.status, path).toBe(403)
      const html = await response.text()
      expect(html).toContain('<title>Selling on Fairstall · Fairstall</title>')
      expect(html).toContain('href="/sell/apply"')
    }
  })

  it('creates a draft from the plain form, without JavaScript', async () => {
    const before = await ownCount(seller)
    const id = await createDraft(seller, { title: 'Linen tea towel', kind: 'physical' })
    const editor = await call(`/sell/listings/${id}?done=created`, { as: seller })
    expect(editor.status).toBe(200)
    const html = await editor.text()
    expect(html).toContain('Draft saved.')
    expect(html).toContain('value="Linen tea towel"')
    expect(html).toContain('value="24.50"')
    expect(await ownCount(seller)).toBe(before + 1)
    const dashboard = await (await call('/sell', { as: seller })).text()
    expect(dashboard).toContain('Linen tea towel')
  })

  it('refuses a price with three decimals beside the field and creates nothing', async () => {
    const before = await ownCount(seller)
    const _csrf = await csrfOf('/sell/listings/new', seller)
    const response = await call('/sell/listings', {
      ...form({ _csrf, ...listingFields({ title: 'Kept title', price: '12.345' }) }),
      as: seller,
    })
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('Enter the price in dollars')
    expect(html).toContain('href="#field-price"')
    expect(html).toContain('value="Kept title"')
    expect(await ownCount(seller)).toBe(before)
  })

  it('refuses a form post without the CSRF token', async () => {
    const before = await ownCount(seller)
    const response = await call('/sell/listings', { ...form(listingFields()), as: seller })
    expect(response.status).toBe(403)
    expect(await ownCount(seller)).toBe(before)
  })

  it('renders HTML typed into a title as text', async () => {
    const id = await createDraft(seller, { title: '<script>alert(1)</script>' })
    for (const path of [`/listings/${id}`, `/sell/listings/${id}`, '/sell']) {
      const html = await (await call(path, { as: seller })).text()
      expect(html, path).not.toContain('<script>alert(1)</script>')
      expect(html, path).toContain('&lt;script>alert(1)&lt;/script>')
    }
  })

  it('says why a listing cannot be published yet, in an error summary', async () => {
    const id = await createDraft(seller, { title: 'No pictures yet' })
    const response = await postAction(seller, `/sell/listings/${id}/publish`, { back: 'editor' })
    expect(response.status).toBe(409)
    const html = await response.text()
    expect(html).toContain('There is a problem')
    expect(html).toContain('Add at least one image.')
  })

  it('edits, reorders and deletes pictures, and refuses a decoy, all without JavaScript', async () => {
    const id = await createDraft(seller, { title: 'Two pictures' })
    for (let i = 0; i < 2; i += 1) {
      expect((await uploadPicture(seller, id, bytesOf(pngBase64))).status).toBe(303)
    }
    const decoy = await uploadPicture(seller, id, new TextEncoder().encode(htmlDecoy))
    expect(decoy.status).toBe(415)
    const images = async () =>
      (
        await (
          await call(`/api/v1/listings/${id}`, { as: seller })
        ).json<{ images: { id: string }[] }>()
      ).images.map((image) => image.id)
    const [first, second] = await images()
    const moved = await postAction(seller, `/sell/listings/${id}/images/${second}/move`, {
      direction: 'up',
    })
    expect(moved.status).toBe(303)
    expect(await images()).toEqual([second, first])
    const deleted = await postAction(seller, `/sell/listings/${id}/images/${first}/delete`)
    expect(deleted.status).toBe(303)
    expect(await images()).toEqual([second])

    const _csrf = await csrfOf(`/sell/listings/${id}`, seller)
    const saved = await call(`/sell/listings/${id}`, {
      ...form({ _csrf, ...listingFields({ title: 'Renamed', price: '30' }) }),
      as: seller,
    })
    expect(saved.headers.get('location')).toBe(`/sell/listings/${id}?done=saved`)
    const listing = await (
      await call(`/api/v1/listings/${id}`, { as: seller })
    ).json<{
      title: string
      price_cents: number
    }>()
    expect(listing).toMatchObject({ title: 'Renamed', price_cents: 3000 })
  })
})

describe('the listing form, in dollars', () => {
  it('turns typed amounts into cents without floating point', () => {
    expect(parseDecimalInput('12.50')).toBe(1250)
    expect(parseDecimalInput('12.5')).toBe(1250)
    expect(parseDecimalInput(' 0.10 ')).toBe(10)
    expect(parseDecimalInput('9999999.99')).toBe(999_999_999)
    for (const bad of ['12.345', '-1', '1e3', '12,50', '', '.5', '12.', '10000000']) {
      expect(parseDecimalInput(bad), bad).toBeNull()
    }
    expect(formatDecimalInput(5)).toBe('0.05')
    expect(formatDecimalInput(123456)).toBe('1234.56')
  })

  it('maps the form to the API input, splitting tags and dropping stock for downloads', () => {
    const result = parseListingForm({
      ...formValues({}),
      title: 'Pattern',
      price: '8',
      kind: 'digital',
      quantity: '5',
      shipping: '3',
      tags: ' knitting,, Wool ',
    })
    expect(result).toEqual({
      ok: true,
      data: expect.objectContaining({
        price_cents: 800,
        kind: 'digital',
        quantity: null,
        shipping_cents: 0,
        tags: ['knitting', 'wool'],
      }),
    })
  })

  it('names each bad field by its form name', () => {
    const result = parseListingForm({
      ...formValues({}),
      price: '1.234',
      kind: 'physical',
      quantity: 'lots',
      shipping: '3',
      tags: '<b>',
    })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(Object.keys(result.errors).sort()).toEqual(['price', 'quantity', 'tags', 'title'])
  })

  it('keeps the search in the next page’s address', () => {
    const values = searchValues({ q: 'mug', min_price: '5', sort: 'relevance' })
    expect(nextSearchHref(values, 'abc')).toBe(
      '/search?q=mug&min_price=5&sort=relevance&cursor=abc',
    )
    expect(nextSearchHref(values, null)).toBeNull()
    expect(searchValues({ sort: 'relevance' }).sort).toBe('newest')
  })
})
