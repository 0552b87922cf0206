import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'

import { atomically, database } from '../../functions/lib/db.ts'
import {
  MAX_STOCK,
  commitSale,
  editStock,
  isSettledHold,
  releaseStock,
  reserveStock,
  soldOutRule,
  stockConflict,
} from '../../functions/listings/stock.ts'
import { jpegBase64 } from './fixtures/images.ts'
import { becomeSeller, call, type Client, signUp, csrfIn } from './helpers.ts'

const db = database(env.DB)
let seller: Client
let made = 0

beforeAll(async () => {
  seller = await signUp({ display_name: 'Stock Keeper' })
  await becomeSeller(seller)
})

/** A published physical listing with `quantity` in stock, made through the API. */
async function listing(quantity: number): Promise<{ id: string; word: string }> {
  made += 1
  const word = `stockword${made}x${crypto.randomUUID().slice(0, 6)}`
  const json = { title: `Jug ${word}`, price_cents: 1800, kind: 'physical', quantity }
  const created = await call('/api/v1/listings', { method: 'POST', json, as: seller })
  const { id } = await created.json<{ id: string }>()
  const form = new FormData()
  const bytes = Uint8Array.from(atob(jpegBase64), (c) => c.charCodeAt(0))
  form.append('file', new File([bytes], 'cover.jpg', { type: 'image/jpeg' }))
  await call(`/api/v1/listings/${id}/images`, { method: 'POST', body: form, as: seller })
  const published = await call(`/api/v1/listings/${id}/publish`, { method: 'POST', as: seller })
  expect(published.status).toBe(200)
  return { id, word }
}

/** A hold request: `n` units of the listing for a fresh order line. */
const hold = (listingId: string, n: number) => ({
  id: `hold_${crypto.randomUUID()}`,
  listingId,
  holder: `line_${crypto.randomUUID()}`,
  quantity: n,
  now: new Date().toISOString(),
})

/** Runs statements as one batch; the error it failed with, if any. */
async function run(statements: Parameters<typeof atomically>[1]): Promise<unknown> {
  try {
    await atomically(env.DB, statements)
    return undefined
  } catch (error) {
    return error
  }
}

/** What the listing API says about stock, and the holds' units by status. */
async function stockOf(id: string) {
  const response = await call(`/api/v1/listings/${id}`, { as: seller })
  const { quantity, status } = await response.json<{ quantity: number; status: string }>()
  const rows = await db
    .selectFrom('stock_holds')
    .select(['status', db.fn.sum<number>('quantity').as('units')])
    .where('listing_id', '=', id)
    .groupBy('status')
    .execute()
  const units = (s: string) => Number(rows.find((r) => r.status === s)?.units ?? 0)
  return { quantity, status, held: units('held'), sold: units('sold') }
}

async function searchFinds(word: string): Promise<boolean> {
  const response = await call(`/api/v1/listings?q=${word}`)
  const { items } = await response.json<{ items: unknown[] }>()
  return items.length > 0
}

describe('holding stock', () => {
  it('holds units while they last and answers sold_out for the rest, all at once', async () => {
    const { id, word } = await listing(3)
    const errors = await Promise.all(
      Array.from({ length: 10 }, () => run(reserveStock(db, hold(id, 1)))),
    )
    const refused = errors.filter((e) => e !== undefined)
    expect(refused).toHaveLength(7)
    for (const error of refused) expect(stockConflict(error)).toMatchObject({ status: 409 })
    expect(await stockOf(id)).toEqual({ quantity: 0, status: 'sold_out', held: 3, sold: 0 })
    expect(await searchFinds(word)).toBe(false)
  })

  it('refuses a hold larger than the stock, and the whole batch with it', async () => {
    const { id } = await listing(2)
    const marker = hold(id, 1)
    // A hold that fits, then one that does not: neither may stay.
    const error = await run([...reserveStock(db, marker), ...reserveStock(db, hold(id, 2))])
    expect(stockConflict(error)?.code).toBe('sold_out')
    expect(await stockOf(id)).toEqual({ quantity: 2, status: 'published', held: 0, sold: 0 })
  })

  it('gives units back once, however often a release is repeated', async () => {
    const { id, word } = await listing(2)
    const taken = hold(id, 2)
    expect(await run(reserveStock(db, taken))).toBeUndefined()
    const now = new Date().toISOString()
    for (let i = 0; i < 3; i += 1)
      expect(await run(releaseStock(db, taken.id, now))).toBeUndefined()
    expect(await stockOf(id)).toEqual({ quantity: 2, status: 'published', held: 0, sold: 0 })
    expect(await searchFinds(word)).toBe(true)
  })

  it('keeps sold units sold, and never sells a released hold', async () => {
    const { id } = await listing(3)
    const [sold, released] = [hold(id, 1), hold(id, 1)]
    await run([...reserveStock(db, sold), ...reserveStock(db, released)])
    const now = new Date().toISOString()
    expect(await run([...commitSale(db, sold.id, now), ...commitSale(db, sold.id, now)])).toBe(
      undefined,
    )
    expect(await run(releaseStock(db, sold.id, now))).toBeUndefined()
    expect(await run(releaseStock(db, released.id, now))).toBeUndefined()
    expect(isSettledHold(await run(commitSale(db, released.id, now)))).toBe(true)
    expect(await stockOf(id)).toEqual({ quantity: 2, status: 'published', held: 0, sold: 1 })
  })
})

describe('a seller editing stock that buyers hold', () => {
  it('keeps the hold through an edit of other fields, and restocks on top of it', async () => {
    const { id } = await listing(3)
    await run(reserveStock(db, hold(id, 1)))
    const patch = (json: object) =>
      call(`/api/v1/listings/${id}`, { method: 'PATCH', json, as: seller })
    expect((await patch({ title: 'Jug, renamed' })).status).toBe(200)
    expect(await stockOf(id)).toMatchObject({ quantity: 2, held: 1 })
    expect((await patch({ quantity: 5 })).status).toBe(200)
    expect(await stockOf(id)).toMatchObject({ quantity: 5, held: 1 })
    // The buyer walks away: their unit comes back on top of the seller's 5.
    const [held] = await db
      .selectFrom('stock_holds')
      .select('id')
      .where('listing_id', '=', id)
      .execute()
    await run(releaseStock(db, held?.id ?? '', new Date().toISOString()))
    expect(await stockOf(id)).toMatchObject({ quantity: 6, held: 0 })
  })

  it('applies an edit read before a hold on top of that hold', async () => {
    const { id } = await listing(3)
    const read = 3
    await run(reserveStock(db, hold(id, 1)))
    const now = new Date().toISOString()
    await editStock(db, id, read, 5, now).execute()
    // The seller added 2 to the 3 they saw; the buyer's unit stays theirs.
    expect(await stockOf(id)).toMatchObject({ quantity: 4, held: 1 })
  })

  it('counts an edit from the stock the editor showed, through the API', async () => {
    const { id } = await listing(3)
    // The seller's app showed 3; a buyer then takes 1 into checkout; the seller types 5.
    await run(reserveStock(db, hold(id, 1)))
    const json = { quantity: 5, quantity_seen: 3 }
    const patched = await call(`/api/v1/listings/${id}`, { method: 'PATCH', json, as: seller })
    expect(patched.status).toBe(200)
    expect(await stockOf(id)).toMatchObject({ quantity: 4, held: 1 })
  })

  it('counts an edit from the stock the editor page showed, without JavaScript', async () => {
    const { id } = await listing(3)
    const editor = await (await call(`/sell/listings/${id}`, { as: seller })).text()
    expect(editor).toContain('name="quantity_seen" value="3"')
    const _csrf = csrfIn(editor)
    await run(reserveStock(db, hold(id, 1)))
    // The seller leaves the stock field as it showed and only renames the piece.
    const fields = {
      _csrf,
      title: 'Jug, renamed on the page',
      price: '18',
      quantity: '3',
      quantity_seen: '3',
      shipping: '4',
    }
    const saved = await call(`/sell/listings/${id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
      as: seller,
    })
    expect(saved.status).toBe(303)
    expect(await stockOf(id)).toMatchObject({ quantity: 2, held: 1 })
  })

  it('changes nothing when holds took the units a seller is removing', async () => {
    const { id } = await listing(3)
    await run(reserveStock(db, hold(id, 3)))
    const result = await editStock(db, id, 3, 1, new Date().toISOString()).executeTakeFirst()
    expect(result.numUpdatedRows).toBe(0n)
    expect(await stockOf(id)).toEqual({ quantity: 0, status: 'sold_out', held: 3, sold: 0 })
  })
})

describe('the search index and stock', () => {
  it('is not rewritten when only the stock changes', async () => {
    const { id, word } = await listing(5)
    const [, write] = await atomically(env.DB, reserveStock(db, hold(id, 1)))
    // Only the listing row: the full-text index would add several rows per rewrite.
    expect(write?.meta.rows_written).toBe(1)
    expect(await searchFinds(word)).toBe(true)
    const [retitle] = await atomically(env.DB, [
      db
        .updateTable('listings')
        .set({ title: `Big jug ${word}` })
        .where('id', '=', id),
    ])
    expect(retitle?.meta.rows_written).toBeGreaterThan(1)
  })

  it('drops a listing that sells out, and brings it back when restocked', async () => {
    const { id, word } = await listing(1)
    await run(reserveStock(db, hold(id, 1)))
    expect(await searchFinds(word)).toBe(false)
    const patch = await call(`/api/v1/listings/${id}`, {
      method: 'PATCH',
      json: { quantity: 2 },
      as: seller,
    })
    expect(patch.status).toBe(200)
    expect(await stockOf(id)).toMatchObject({ quantity: 2, status: 'published' })
    expect(await searchFinds(word)).toBe(true)
  })
})

type Op =
  | { kind: 'reserve'; n: number }
  | { kind: 'burst'; ns: number[] }
  | { kind: 'release'; pick: number }
  | { kind: 'sell'; pick: number }
  | { kind: 'read' }
  | { kind: 'edit'; to: number }
  | { kind: 'patch'; to: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('reserve' as const), n: fc.integer({ min: 1, max: 4 }) }),
  fc.record({
    kind: fc.constant('burst' as const),
    ns: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 5 }),
  }),
  fc.record({ kind: fc.constant('release' as const), pick: fc.nat(20) }),
  fc.record({ kind: fc.constant('sell' as const), pick: fc.nat(20) }),
  fc.record({ kind: fc.constant('read' as const) }),
  fc.record({ kind: fc.constant('edit' as const), to: fc.nat(8) }),
  fc.record({ kind: fc.constant('patch' as const), to: fc.nat(8) }),
)

interface Model {
  /** Stock the seller put in: the first quantity and every accepted edit's difference. */
  put: number
  available: number
  sold: number
  holds: { id: string; n: number; status: 'held' | 'released' | 'sold' }[]
  /** The quantity a seller's stale edit was read from. */
  read: number
}

/** Applies one step to the database and to the model, checking every outcome it can predict. */
async function step(id: string, model: Model, action: Op): Promise<void> {
  const now = new Date().toISOString()
  const held = () => model.holds.filter((h) => h.status === 'held').reduce((s, h) => s + h.n, 0)
  if (action.kind === 'reserve' || action.kind === 'burst') {
    const ns = action.kind === 'reserve' ? [action.n] : action.ns
    const requests = ns.map((n) => hold(id, n))
    const errors = await Promise.all(requests.map((r) => run(reserveStock(db, r))))
    const taken = requests.filter((_, i) => errors[i] === undefined)
    for (const error of errors) if (error) expect(stockConflict(error)?.code).toBe('sold_out')
    if (action.kind === 'reserve') expect(taken.length).toBe(action.n <= model.available ? 1 : 0)
    for (const r of taken) model.holds.push({ id: r.id, n: r.quantity, status: 'held' })
    model.available -= taken.reduce((s, r) => s + r.quantity, 0)
    // Every refused request would not have fitted in what was left after the ones taken.
    for (const [i, r] of requests.entries()) {
      if (errors[i] !== undefined) expect(r.quantity).toBeGreaterThan(model.available)
    }
  } else if (action.kind === 'release' || action.kind === 'sell') {
    const target = model.holds[action.pick % Math.max(model.holds.length, 1)]
    if (!target) return
    const statements = (action.kind === 'release' ? releaseStock : commitSale)(db, target.id, now)
    const error = await run(statements)
    if (action.kind === 'sell' && target.status === 'released') {
      expect(isSettledHold(error)).toBe(true)
    } else {
      expect(error).toBeUndefined()
    }
    if (target.status === 'held' && action.kind === 'release') model.available += target.n
    if (target.status === 'held' && action.kind === 'sell') model.sold += target.n
    if (target.status === 'held') target.status = action.kind === 'release' ? 'released' : 'sold'
  } else if (action.kind === 'read') {
    model.read = model.available
  } else if (action.kind === 'edit') {
    const delta = action.to - model.read
    const edit = editStock(db, id, model.read, action.to, now)
    const [result] = await atomically(env.DB, [edit, soldOutRule(db, id)])
    const fits = model.available + delta >= 0 && model.available + delta + held() <= MAX_STOCK
    expect(result?.meta.changes).toBe(fits ? 1 : 0)
    if (fits) [model.available, model.put] = [model.available + delta, model.put + delta]
  } else {
    const json = { quantity: action.to }
    const response = await call(`/api/v1/listings/${id}`, { method: 'PATCH', json, as: seller })
    expect(response.status).toBe(200)
    model.put += action.to - model.available
    model.available = action.to
  }
}

describe('stock under any interleaving', () => {
  it('never goes below 0 and never loses a unit: put in = available + held + sold', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.array(op, { minLength: 1, maxLength: 12 }),
        async (initial, actions) => {
          const { id } = await listing(initial)
          const model: Model = {
            put: initial,
            available: initial,
            sold: 0,
            holds: [],
            read: initial,
          }
          for (const action of actions) {
            await step(id, model, action)
            const stock = await stockOf(id)
            const held = model.holds.filter((h) => h.status === 'held').reduce((s, h) => s + h.n, 0)
            expect(stock.quantity).toBeGreaterThanOrEqual(0)
            expect(stock).toEqual({
              quantity: model.available,
              status: model.available > 0 ? 'published' : 'sold_out',
              held,
              sold: model.sold,
            })
            expect(stock.quantity + stock.held + stock.sold).toBe(model.put)
          }
        },
      ),
      { numRuns: 30 },
    )
  }, 120_000)
})
