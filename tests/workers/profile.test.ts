import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'

import { call, type Client, me, signUp } from './helpers.ts'
import { publishedListing } from './order-fixtures.ts'
import { becomeSeller } from './helpers.ts'

interface Account {
  id: string
  display_name: string
  bio: string
  location: string
  avatar_url: string | null
}

const patch = (client: Client | undefined, json: unknown) =>
  call('/api/v1/me', { method: 'PATCH', as: client, json })

/** The seller's profile columns as stored, to show a refused change left them alone. */
const stored = (id: string) =>
  env.DB.prepare('SELECT display_name, bio, location FROM accounts WHERE id = ?')
    .bind(id)
    .first<{ display_name: string; bio: string; location: string }>()

/** Titles of the published listings a search for `q` finds. */
async function found(q: string): Promise<string[]> {
  const response = await call(`/api/v1/listings?q=${encodeURIComponent(q)}`)
  expect(response.status).toBe(200)
  const page = await response.json<{ items: { title: string }[] }>()
  return page.items.map((item) => item.title)
}

/** The storefront as a signed-out visitor sees it (through the public page cache). */
async function storefrontHtml(sellerId: string) {
  const response = await call(`/sellers/${sellerId}`)
  expect(response.status).toBe(200)
  return response.text()
}

describe('PATCH /api/v1/me', () => {
  it('changes name, bio and location and answers the account with them', async () => {
    const member = await signUp({ display_name: 'Ann Artist' })
    const response = await patch(member, {
      display_name: '  Ann of the Marsh ',
      bio: 'I throw pots.\r\n\r\nMostly blue ones.',
      location: 'Wells-next-the-Sea',
    })
    expect(response.status).toBe(200)
    const account = await response.json<Account>()
    expect(account).toMatchObject({
      id: member.id,
      display_name: 'Ann of the Marsh',
      bio: 'I throw pots.\n\nMostly blue ones.',
      location: 'Wells-next-the-Sea',
      avatar_url: null,
    })
    expect(await me(member)).toMatchObject({ location: 'Wells-next-the-Sea' })
  })

  it('changes only the fields sent, and clears a field sent empty', async () => {
    const member = await signUp({ display_name: 'Bea Weaver' })
    await patch(member, { bio: 'Tapestries.', location: 'Leeds' })
    const response = await patch(member, { location: '' })
    expect(response.status).toBe(200)
    expect(await response.json<Account>()).toMatchObject({
      display_name: 'Bea Weaver',
      bio: 'Tapestries.',
      location: '',
    })
  })

  it.each([
    ['no field at all', {}, '_'],
    ['an empty name', { display_name: '   ' }, 'display_name'],
    ['a name of 81 characters', { display_name: 'n'.repeat(81) }, 'display_name'],
    ['a location of 81 characters', { location: 'é'.repeat(81) }, 'location'],
    ['a location on two lines', { location: 'Leeds\nUK' }, 'location'],
    ['a location with a bidi override', { location: 'Leeds \u202e' }, 'location'],
    ['a bio of 2001 characters', { bio: 'b'.repeat(2001) }, 'bio'],
    ['a bio with a NUL', { bio: 'fine\u0000' }, 'bio'],
    ['an unknown field', { display_name: 'Ok', email: 'x@example.coop' }, 'email'],
    ['a number for a name', { display_name: 42 }, 'display_name'],
  ])('refuses %s with 400 naming the field, changing nothing', async (_what, body, field) => {
    const member = await signUp({ display_name: 'Cal Carver' })
    await patch(member, { bio: 'Spoons.', location: 'Hebden Bridge' })
    const before = await stored(member.id)
    const response = await patch(member, body)
    expect(response.status).toBe(400)
    const { error } = await response.json<{ error: { code: string; fields: object } }>()
    expect(error.code).toBe('invalid_input')
    expect(Object.keys(error.fields)).toContain(field)
    expect(await stored(member.id)).toEqual(before)
  })

  it('counts a location in characters as people do: 80 emoji fit', async () => {
    const member = await signUp()
    const response = await patch(member, { location: '🌊'.repeat(80) })
    expect(response.status).toBe(200)
    expect((await response.json<Account>()).location).toBe('🌊'.repeat(80))
  })

  it('never stores a name, bio or location the rules refuse (property)', async () => {
    const member = await signUp({ display_name: 'Dee Dyer' })
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          { display_name: fc.string({ maxLength: 90 }), location: fc.string({ maxLength: 90 }) },
          { requiredKeys: [] },
        ),
        async (body) => {
          const response = await patch(member, body)
          const row = await stored(member.id)
          expect([200, 400]).toContain(response.status)
          // Whatever was accepted or refused, what is stored fits the rules.
          expect([...row!.location].length).toBeLessThanOrEqual(80)
          expect(row!.location).toBe(row!.location.trim())
          expect(row!.location).not.toMatch(/[\u0000-\u001f\u202a-\u202e]/)
          expect(row!.display_name.trim().length).toBeGreaterThan(0)
        },
      ),
      { numRuns: 25 },
    )
  })

  it('is 401 for a visitor', async () => {
    const response = await patch(undefined, { display_name: 'Nobody' })
    expect(response.status).toBe(401)
  })
})

describe('a renamed seller', () => {
  let seller: Client

  beforeAll(async () => {
    seller = await signUp({ display_name: 'Oriel Quillfeather' })
    await becomeSeller(seller)
    await publishedListing(seller, { title: 'Salt-glazed jug', price_cents: 4200 })
    await publishedListing(seller, { title: 'Ash-glazed cup', price_cents: 1800 })
  })

  it('is found in search by the new name, and no longer by the old one', async () => {
    expect((await found('Quillfeather')).sort()).toEqual(['Ash-glazed cup', 'Salt-glazed jug'])
    expect(await found('Brackenwhistle')).toEqual([])
    expect((await patch(seller, { display_name: 'Oriel Brackenwhistle' })).status).toBe(200)
    expect((await found('Brackenwhistle')).sort()).toEqual(['Ash-glazed cup', 'Salt-glazed jug'])
    expect(await found('Quillfeather')).toEqual([])
    // Filters still come from the index's facets after the re-index.
    const bySeller = await call(`/api/v1/listings?q=brackenwhistle&seller=${seller.id}`)
    expect((await bySeller.json<{ items: unknown[] }>()).items).toHaveLength(2)
  })

  it('shows the new name, bio and location on the storefront at once, even signed out', async () => {
    const before = await storefrontHtml(seller.id)
    expect(before).not.toContain('Saltmarsh studio')
    const response = await patch(seller, {
      display_name: 'Oriel of Saltmarsh',
      bio: 'Saltmarsh studio: pots fired with driftwood.',
      location: 'Blakeney, Norfolk',
    })
    expect(response.status).toBe(200)
    const after = await storefrontHtml(seller.id)
    expect(after).toContain('<h1>Oriel of Saltmarsh</h1>')
    expect(after).toContain('Saltmarsh studio: pots fired with driftwood.')
    expect(after).toContain('Blakeney, Norfolk')
  })

  it('shows the location as text, never as markup', async () => {
    await patch(seller, { location: '<b>Cley</b> & "Wiveton"' })
    const page = await storefrontHtml(seller.id)
    expect(page).toContain('&lt;b>Cley&lt;/b> &amp; &quot;Wiveton&quot;')
    expect(page).not.toContain('<b>Cley</b>')
  })
})
