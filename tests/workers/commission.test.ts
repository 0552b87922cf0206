import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'

import { newId } from '../../functions/lib/crypto.ts'
import { atomically, database } from '../../functions/lib/db.ts'
import { sale, sellerTransfer } from '../../functions/ledger/builders-sales.ts'
import { balanceOf, recordTransaction } from '../../functions/ledger/repository.ts'
import {
  type CommissionRule,
  commissionReturned,
  lineCommission,
} from '../../functions/orders/commission.ts'
import { orderItemRows, priceCart } from '../../functions/orders/pricing.ts'
import type { CartListing } from '../../functions/orders/repository.ts'
import { payoutsBySeller, saleLinesOf } from '../../functions/orders/transfers.ts'
import { signUp } from './helpers.ts'

/** surplus.md §2 written out independently, in BigInt: round half up, clamp, cap at subtotal. */
function oracle(subtotal: number, rule: CommissionRule): number {
  let c = (2n * BigInt(subtotal) * BigInt(rule.bp) + 10_000n) / 20_000n
  if (rule.minCents !== undefined && c < BigInt(rule.minCents)) c = BigInt(rule.minCents)
  if (rule.maxCents !== undefined && c > BigInt(rule.maxCents)) c = BigInt(rule.maxCents)
  return Number(c > BigInt(subtotal) ? BigInt(subtotal) : c)
}

const rules: fc.Arbitrary<CommissionRule> = fc.record(
  {
    bp: fc.integer({ min: 0, max: 10_000 }),
    minCents: fc.integer({ min: 0, max: 5_000 }),
    maxCents: fc.integer({ min: 0, max: 500_000 }),
  },
  { requiredKeys: ['bp'] },
)

describe('the commission of a line', () => {
  it('is 10 % rounded half up by default: 5 cents of 50, 1 of 5, 0 of 4', () => {
    expect(lineCommission(5000, { bp: 1000 })).toBe(500)
    expect(lineCommission(5, { bp: 1000 })).toBe(1)
    expect(lineCommission(4, { bp: 1000 })).toBe(0)
    expect(lineCommission(1000, { bp: 1000, minCents: 300 })).toBe(300)
    expect(lineCommission(100_000, { bp: 1000, maxCents: 2000 })).toBe(2000)
    // The minimum never takes more than the line itself.
    expect(lineCommission(200, { bp: 1000, minCents: 300 })).toBe(200)
  })

  it('follows surplus.md §2 for any subtotal and settings, and stays within the subtotal', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), rules, (subtotal, rule) => {
        const commission = lineCommission(subtotal, rule)
        expect(commission).toBe(oracle(subtotal, rule))
        expect(commission).toBeGreaterThanOrEqual(0)
        expect(commission).toBeLessThanOrEqual(subtotal)
      }),
    )
  })
})

describe('the commission a refund returns', () => {
  it('is round_half_up(F × R / S): all of it for a full refund, never more than was taken', () => {
    const line = fc
      .integer({ min: 1, max: 10_000_000 })
      .chain((subtotal) =>
        fc.tuple(
          fc.constant(subtotal),
          fc.integer({ min: 0, max: subtotal }),
          fc.integer({ min: 1, max: subtotal }),
        ),
      )
    fc.assert(
      fc.property(line, ([subtotal, commission, refunded]) => {
        const back = commissionReturned(commission, refunded, subtotal)
        const exact =
          (2n * BigInt(commission) * BigInt(refunded) + BigInt(subtotal)) / (2n * BigInt(subtotal))
        expect(back).toBe(Number(exact))
        expect(back).toBeLessThanOrEqual(commission)
        expect(commissionReturned(commission, subtotal, subtotal)).toBe(commission)
      }),
    )
  })
})

const SELLERS = 3
let sellers: string[] = []

beforeAll(async () => {
  sellers = (
    await Promise.all(Array.from({ length: SELLERS }, (_, i) => signUp({ display_name: `S${i}` })))
  ).map((s) => s.id)
})

/** Random carts: 1–6 lines of random listings (price, shipping, quantity) from the sellers. */
const carts = fc.array(
  fc.record({
    seller: fc.integer({ min: 0, max: SELLERS - 1 }),
    price: fc.integer({ min: 1, max: 500_000 }),
    shipping: fc.integer({ min: 0, max: 5_000 }),
    quantity: fc.integer({ min: 1, max: 100 }),
  }),
  { minLength: 1, maxLength: 6 },
)

function priced(
  cart: { seller: number; price: number; shipping: number; quantity: number }[],
  rule: CommissionRule,
) {
  const listings: CartListing[] = cart.map((line, i) => ({
    id: `lst_${i}`,
    seller_id: sellers[line.seller]!,
    title: `Piece ${i}`,
    kind: 'physical',
    status: 'published',
    quantity: 1000,
    price_cents: line.price,
    shipping_cents: line.shipping,
    currency: 'usd',
    payouts_ready: 1,
    stripe_account_id: 'acct_x',
  }))
  const requested = cart.map((line, i) => ({ listing_id: `lst_${i}`, quantity: line.quantity }))
  const result = priceCart(requested, listings, {
    buyerId: 'buyer',
    currency: 'usd',
    commission: rule,
  })
  const items = orderItemRows('ord', result.lines, (position) => `oli_${position}`)
  return { result, items }
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)

describe('splitting a paid cart', () => {
  it('pays sellers and the co-op exactly what the buyer paid, never a negative transfer', () => {
    fc.assert(
      fc.property(carts, rules, (cart, rule) => {
        const { result, items } = priced(cart, rule)
        const payouts = payoutsBySeller(items)
        const paid = sum(cart.map((l) => l.price * l.quantity + l.shipping))
        expect(result.total).toBe(paid)
        expect(sum(payouts.map((p) => p.amount)) + result.commission).toBe(paid)
        for (const payout of payouts) expect(payout.amount).toBeGreaterThanOrEqual(0)
        expect(new Set(payouts.map((p) => p.sellerId)).size).toBe(payouts.length)
      }),
    )
  })

  it('leaves the ledger balanced and every seller settled after the sale and its transfers', async () => {
    const db = database(env.DB)
    await fc.assert(
      fc.asyncProperty(carts, rules, async (cart, rule) => {
        const { result, items } = priced(cart, rule)
        const orderId = newId('ord')
        const meta = () => ({
          id: newId('ltx'),
          currency: 'usd',
          occurredAt: new Date().toISOString(),
        })
        const before = await Promise.all(sellers.map((s) => balanceOf(db, `seller_payable:${s}`)))
        const commissionBefore = await balanceOf(db, 'commission_income')
        const booking = sale(meta(), {
          orderId,
          lines: saleLinesOf(items),
        })
        const transfers = payoutsBySeller(items)
          .filter((p) => p.amount > 0)
          .map((p) =>
            sellerTransfer(meta(), {
              orderId,
              sellerId: p.sellerId,
              amount: p.amount,
              transferId: newId('tr'),
            }),
          )
        await atomically(
          env.DB,
          [booking, ...transfers].flatMap((tx) => recordTransaction(db, tx)),
        )
        const after = await Promise.all(sellers.map((s) => balanceOf(db, `seller_payable:${s}`)))
        expect(after).toEqual(before)
        // Income is a credit balance: it falls (debits − credits) by the commission.
        expect(commissionBefore - (await balanceOf(db, 'commission_income'))).toBe(
          result.commission,
        )
        const row = await env.DB.prepare(
          'SELECT sum(debit_cents) - sum(credit_cents) AS d FROM ledger_entries',
        ).first<{ d: number }>()
        expect(row?.d).toBe(0)
      }),
      { numRuns: 40 },
    )
  })
})
