import fc from 'fast-check'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'

import { cartView } from '../../functions/cart/lines.ts'
import type { CartRow } from '../../functions/cart/repository.ts'
import { cartOf, cartPage, orderedBy, post } from './cart-helpers.ts'
import { becomeSeller, call, type Client, form, signUp } from './helpers.ts'
import { payOrder, publishedListing, readySeller } from './order-fixtures.ts'

let potter: Client
let weaver: Client
let buyer: Client
/** Potter's jug: $18.00, $5.00 shipping, 3 in stock. */
let jug: string
/** Weaver's scarf: $25.00, free shipping, 5 in stock. */
let scarf: string

beforeAll(async () => {
  potter = await readySeller('Pia Potter')
  weaver = await readySeller('Wil Weaver')
  jug = await publishedListing(potter, {
    title: 'Salt jug',
    price_cents: 1800,
    shipping_cents: 500,
    quantity: 3,
  })
  scarf = await publishedListing(weaver, { title: 'Wool scarf', price_cents: 2500, quantity: 5 })
}, 120_000)

/** A new buyer with an empty cart (any signed-in account may have one). */
const newBuyer = () => signUp({ display_name: 'Bea Buyer' })

describe('the cart page', () => {
  it('sends a visitor to sign in and back', async () => {
    const response = await call('/cart')
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/signin?next=%2Fcart')
  })

  it('groups lines by seller, with shipping once per line, subtotals and a total', async () => {
    buyer = await newBuyer()
    const added = await post(buyer, '/cart/items', { listing_id: jug, quantity: '2' })
    expect(added.status).toBe(303)
    expect(added.headers.get('location')).toBe('/cart?done=added')
    await post(buyer, '/cart/items', { listing_id: scarf })
    const html = await cartPage(buyer, '/cart?done=added')
    expect(html).toContain('Added to your cart.')
    expect(html).toMatch(/From\s*<a href="\/sellers\/[^"]+">Pia Potter<\/a>/)
    expect(html).toMatch(/From\s*<a href="\/sellers\/[^"]+">Wil Weaver<\/a>/)
    expect(html).toContain('$18.00 each')
    expect(html).toContain('$36.00 for 2')
    // Shipping is the listing's price once per line, not per unit.
    expect(html).toContain('Shipping $5.00 for this line, whatever the quantity')
    // Potter: 36.00 + 5.00; Weaver: 25.00, free shipping; the total: 61.00 + 5.00.
    expect(html).toMatch(/<dt>From Pia Potter<\/dt><dd>\$41\.00<\/dd>/)
    expect(html).toMatch(/<dt>From Wil Weaver<\/dt><dd>\$25\.00<\/dd>/)
    expect(html).toMatch(/<dt>Total<\/dt><dd>\$66\.00<\/dd>/)
    expect(html).toContain('action="/cart/checkout"')
  })

  it('adds to a line already there, clamping to the stock with a notice', async () => {
    const client = await newBuyer()
    await post(client, '/cart/items', { listing_id: jug, quantity: '2' })
    const more = await post(client, '/cart/items', { listing_id: jug, quantity: '2' })
    expect(more.headers.get('location')).toBe('/cart?done=clamped')
    expect(await cartOf(client)).toEqual({ [jug]: 3 })
    expect(await cartPage(client, '/cart?done=clamped')).toContain('There are not that many left')
  })

  it('changes a quantity and removes a line, redirecting back with a notice', async () => {
    const client = await newBuyer()
    await post(client, '/cart/items', { listing_id: scarf, quantity: '1' })
    const changed = await post(client, '/cart/items/quantity', { listing_id: scarf, quantity: '4' })
    expect(changed.headers.get('location')).toBe('/cart?done=updated')
    expect(await cartOf(client)).toEqual({ [scarf]: 4 })
    const removed = await post(client, '/cart/items/remove', { listing_id: scarf })
    expect(removed.headers.get('location')).toBe('/cart?done=removed')
    expect(await cartOf(client)).toEqual({})
    expect(await cartPage(client)).toContain('Your cart is empty.')
  })

  it('answers the header’s count as JSON', async () => {
    const client = await newBuyer()
    await post(client, '/cart/items', { listing_id: scarf, quantity: '3' })
    const response = await call('/api/v1/cart/count', { as: client })
    expect(await response.json()).toEqual({ count: 3 })
  })
})

describe('what may go in a cart', () => {
  it('refuses the seller’s own listing and a seller who cannot be paid yet', async () => {
    const own = await post(potter, '/cart/items', { listing_id: jug })
    expect(own.headers.get('location')).toBe('/cart?done=refused-own')
    expect(await cartOf(potter)).toEqual({})
    const unready = await signUp({ display_name: 'Una Unready' })
    await becomeSeller(unready)
    const mug = await publishedListing(unready, { title: 'Mug', price_cents: 900, quantity: 2 })
    const client = await newBuyer()
    const refused = await post(client, '/cart/items', { listing_id: mug })
    expect(refused.headers.get('location')).toBe('/cart?done=refused-payouts_not_ready')
    const page = await cartPage(client, refused.headers.get('location') ?? '')
    expect(page).toContain('That artist is still setting up payouts')
    expect(await cartOf(client)).toEqual({})
  })

  it('shows a line that stopped being buyable, leaves it out of the totals and of checkout', async () => {
    const seller = await readySeller('Ada Archiver')
    const bowl = await publishedListing(seller, { title: 'Bowl', price_cents: 4000, quantity: 1 })
    const client = await newBuyer()
    await post(client, '/cart/items', { listing_id: bowl })
    const archive = await call(`/api/v1/listings/${bowl}/archive`, { method: 'POST', as: seller })
    expect(archive.status).toBe(200)
    const html = await cartPage(client)
    expect(html).toContain('No longer for sale: checkout leaves it out.')
    expect(html).toMatch(/<dt>Total<\/dt><dd>\$0\.00<\/dd>/)
    const checkout = await post(client, '/cart/checkout')
    expect(checkout.headers.get('location')).toBe('/cart?done=empty')
    // Adding it again is refused: archived pieces are not for sale.
    const again = await post(client, '/cart/items', { listing_id: bowl })
    expect(again.headers.get('location')).toBe('/cart?done=refused-archived')
  })

  it('holds checkout back while a line asks for more than is left', async () => {
    const client = await newBuyer()
    await post(client, '/cart/items', { listing_id: scarf, quantity: '5' })
    const patch = { quantity: 2 }
    const edited = await call(`/api/v1/listings/${scarf}`, {
      method: 'PATCH',
      json: patch,
      as: weaver,
    })
    expect(edited.status).toBe(200)
    expect(await cartPage(client)).toContain('Only 2 left: lower the quantity to check out.')
    const checkout = await post(client, '/cart/checkout')
    expect(checkout.headers.get('location')).toBe('/cart?done=short')
    await call(`/api/v1/listings/${scarf}`, { method: 'PATCH', json: { quantity: 5 }, as: weaver })
  })
})

describe('hostile cart forms', () => {
  const quantities = fc.oneof(
    fc.constantFrom('0', '-1', '101', '1000000', '1e2', '1.5', 'two', '', ' ', '0x10', '١'),
    fc.string().filter((s) => !/^\s*\d{1,4}\s*$/.test(s) || Number(s) < 1 || Number(s) > 100),
  )

  it('answers 400 to a bad quantity or id, and changes nothing', async () => {
    const client = await newBuyer()
    await post(client, '/cart/items', { listing_id: jug, quantity: '1' })
    await fc.assert(
      fc.asyncProperty(
        quantities,
        fc.constantFrom('/cart/items', '/cart/items/quantity', '/cart/buy-now'),
        async (quantity, path) => {
          const response = await post(client, path, { listing_id: jug, quantity })
          expect(response.status).toBe(400)
        },
      ),
      { numRuns: 40 },
    )
    for (const id of ['', 'x', 'lst_<script>', "lst_' OR 1=1", 'a'.repeat(500)]) {
      expect((await post(client, '/cart/items', { listing_id: id })).status).toBe(400)
      expect((await post(client, '/cart/items/remove', { listing_id: id })).status).toBe(400)
    }
    expect((await post(client, '/cart/items', { listing_id: 'lst_nosuchlisting' })).status).toBe(
      404,
    )
    expect(await cartOf(client)).toEqual({ [jug]: 1 })
  })

  it('refuses a form without the session’s CSRF token', async () => {
    const client = await newBuyer()
    const response = await call('/cart/items', { ...form({ listing_id: jug }), as: client })
    expect(response.status).toBe(403)
    expect(await cartOf(client)).toEqual({})
  })
})

describe('someone else’s cart', () => {
  it('is never visible or changeable', async () => {
    const owner = await newBuyer()
    const other = await newBuyer()
    await post(owner, '/cart/items', { listing_id: jug, quantity: '2' })
    expect(await cartPage(other)).toContain('Your cart is empty.')
    const change = await post(other, '/cart/items/quantity', { listing_id: jug, quantity: '1' })
    expect(change.status).toBe(404)
    await post(other, '/cart/items/remove', { listing_id: jug })
    expect(await cartOf(owner)).toEqual({ [jug]: 2 })
  })
})

describe('buying from the listing page', () => {
  it('offers Add to cart and Buy now to a member, and sign-in to a visitor', async () => {
    const client = await newBuyer()
    const html = await (await call(`/listings/${jug}`, { as: client })).text()
    expect(html).toContain('action="/cart/items"')
    expect(html).toContain('formaction="/cart/buy-now"')
    expect(html).toContain('<label class="field__label" for="buy-quantity">Quantity</label>')
    const visitor = await (await call(`/listings/${jug}`)).text()
    expect(visitor).toContain('action="/signin"')
    expect(visitor).toContain(`name="next" value="/listings/${jug}"`)
    expect(visitor).not.toContain('Buying through Fairstall opens soon')
  })

  it('says in words why a piece cannot be bought', async () => {
    const own = await (await call(`/listings/${jug}`, { as: potter })).text()
    expect(own).toContain('This is your own listing: you cannot buy it.')
    expect(own).not.toContain('action="/cart/items"')
    const seller = await readySeller('Sol Soldout')
    const cup = await publishedListing(seller, { title: 'Cup', price_cents: 1200, quantity: 1 })
    await call(`/api/v1/listings/${cup}`, { method: 'PATCH', json: { quantity: 0 }, as: seller })
    const soldOut = await (await call(`/listings/${cup}`, { as: buyer })).text()
    expect(soldOut).toContain('Sold out: the artist has none left.')
    await call(`/api/v1/listings/${cup}/archive`, { method: 'POST', as: seller })
    const archived = await (await call(`/listings/${cup}`, { as: buyer })).text()
    expect(archived).toContain('This piece is no longer for sale.')
    expect(archived).not.toContain('action="/cart/items"')
  })

  it('Buy now puts exactly the chosen quantity in the cart and checks out that listing alone', async () => {
    const client = await newBuyer()
    await post(client, '/cart/items', { listing_id: scarf, quantity: '3' })
    await post(client, '/cart/items', { listing_id: jug, quantity: '1' })
    const response = await post(client, '/cart/buy-now', { listing_id: scarf, quantity: '1' })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')?.startsWith(env.STRIPE_EMULATOR_URL)).toBe(true)
    expect(await cartOf(client)).toEqual({ [jug]: 1, [scarf]: 1 })
    expect(await orderedBy(client)).toEqual([{ listing_id: scarf, quantity: 1 }])
  })
})

describe('checkout from the cart', () => {
  it('sends every buyable line to Stripe and leaves the others out', async () => {
    const seller = await readySeller('Cy Closer')
    const vase = await publishedListing(seller, { title: 'Vase', price_cents: 3000, quantity: 2 })
    const client = await newBuyer()
    await post(client, '/cart/items', { listing_id: jug, quantity: '2' })
    await post(client, '/cart/items', { listing_id: vase })
    await call(`/api/v1/listings/${vase}/archive`, { method: 'POST', as: seller })
    const response = await post(client, '/cart/checkout')
    expect(response.status).toBe(303)
    expect(response.headers.get('location')?.startsWith(env.STRIPE_EMULATOR_URL)).toBe(true)
    expect(await orderedBy(client)).toEqual([{ listing_id: jug, quantity: 2 }])
    // Paid: the bought piece leaves the cart, the one that could not be bought stays.
    expect(await cartOf(client)).toEqual({ [jug]: 2, [vase]: 1 })
    await payOrder(response.headers.get('location') ?? '')
    expect(await cartOf(client)).toEqual({ [vase]: 1 })
  })
})

describe('the cart’s arithmetic', () => {
  const row = fc.record({
    quantity: fc.integer({ min: 1, max: 100 }),
    price_cents: fc.integer({ min: 1, max: 1_000_000_000 }),
    shipping_cents: fc.integer({ min: 0, max: 1_000_000_000 }),
    stock: fc.integer({ min: 0, max: 100_000 }),
    seller_id: fc.constantFrom('acc_a', 'acc_b', 'acc_c'),
    payouts_ready: fc.constantFrom(0 as const, 1 as const),
    status: fc.constantFrom('published' as const, 'archived' as const, 'sold_out' as const),
  })

  it('totals only the buyable lines, each line’s shipping once, exactly', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), (picked) => {
        const rows: CartRow[] = picked.map((r, i) => ({
          ...r,
          listing_id: `lst_${i}`,
          title: `Piece ${i}`,
          currency: 'usd',
          kind: 'physical',
          seller_name: r.seller_id,
          thumb_url: null,
        }))
        const view = cartView(rows, 'acc_buyer', 'usd')
        const ok = rows.filter(
          (r) =>
            r.status === 'published' &&
            r.payouts_ready === 1 &&
            (r.stock ?? 0) >= r.quantity &&
            (r.stock ?? 0) > 0,
        )
        const big = (n: number) => BigInt(n)
        const items = ok.reduce((sum, r) => sum + big(r.price_cents) * big(r.quantity), 0n)
        const shipping = ok.reduce((sum, r) => sum + big(r.shipping_cents), 0n)
        expect(big(view.subtotal_cents)).toBe(items)
        expect(big(view.shipping_cents)).toBe(shipping)
        expect(big(view.total_cents)).toBe(items + shipping)
        expect(view.groups.map((g) => g.seller.id)).toEqual([
          ...new Set(rows.map((r) => r.seller_id)),
        ])
      }),
    )
  })
})
