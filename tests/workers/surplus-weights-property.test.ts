/**
 * The patronage weights as a property: over random members, membership periods (left, rejoined),
 * sales, refunds and instants around a fiscal year, the SQL sums equal a plain model of §3, and
 * the allocation of those weights keeps the §5 invariants.
 */
import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'

import { database } from '../../functions/lib/db.ts'
import { allocate } from '../../functions/surplus/allocation.ts'
import { DEFAULT_RULES } from '../../functions/surplus/rules.ts'
import { patronageWeights } from '../../functions/surplus/weights.ts'
import { daysInclusive, fiscalYear, localDate } from '../../functions/surplus/year.ts'
import { becomeMember, signUp } from './helpers.ts'
import { account, period, refund, sale } from './surplus-weights-rows.ts'

const db = database(env.DB)
const fy = fiscalYear(2025, 1, 'UTC')
const DAY = 86_400_000
const ORIGIN = Date.parse('2024-07-01T00:00:00.000Z')
/** An instant `day` days (and some hours) after 2024-07-01: the window runs into 2026. */
const instant = (day: number, hour = 12) => new Date(ORIGIN + day * DAY + hour * 3_600_000)
/** A withdrawal's effective date: midnight UTC, as the app records it. */
const midnight = (day: number) => new Date(ORIGIN + day * DAY)

interface Case {
  /** Per member: sorted boundaries; pairs are [joined, left), a lone last one stays open. */
  periods: number[][]
  sales: { seller: number; buyer: number; cents: number; day: number; refund: number }[]
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  periods: fc.array(
    fc.uniqueArray(fc.integer({ min: 0, max: 640 }), { minLength: 1, maxLength: 4 }),
    { minLength: 2, maxLength: 4 },
  ),
  sales: fc.array(
    fc.record({
      seller: fc.nat(3),
      buyer: fc.nat(3),
      cents: fc.integer({ min: 1, max: 50_000 }),
      day: fc.integer({ min: 0, max: 640 }),
      refund: fc.integer({ min: -30, max: 200 }),
    }),
    { maxLength: 8 },
  ),
})

type Span = { from: Date; to: Date | null }

const activeAt = (spans: Span[], at: Date) =>
  spans.some((s) => s.from <= at && (s.to === null || at < s.to))

const inYear = (at: Date) => at.toISOString() >= fy.start && at.toISOString() < fy.end

beforeAll(async () => {
  await becomeMember(await signUp({ display_name: 'First Member' }))
})

describe('patronage weights, as a property', () => {
  it('equal a plain model of §3 and allocate within the §5 invariants', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, fc.integer({ min: 1, max: 5_000_000 }), async (c, net) => {
        const members = await Promise.all(c.periods.map((_, i) => account(`Member ${i}`, true)))
        const spans: Span[][] = []
        for (const [m, raw] of c.periods.entries()) {
          const days = [...raw].sort((a, b) => a - b)
          spans[m] = []
          for (let i = 0; i < days.length; i += 2) {
            const from = instant(days[i] as number, 9)
            const end = days[i + 1]
            const to = end === undefined ? null : midnight(end)
            if (to && to <= from) continue
            spans[m]?.push({ from, to })
            await period(members[m] as string, from.toISOString(), to?.toISOString() ?? null)
          }
        }
        const want = members.map(() => ({ sales: 0, purchases: 0 }))
        for (const s of c.sales) {
          const [seller, buyer] = [s.seller % members.length, s.buyer % members.length]
          const paidAt = instant(s.day)
          const line = await sale(members[seller]!, members[buyer]!, s.cents, paidAt.toISOString())
          const count = (who: number, at: Date, cents: number, basis: 'sales' | 'purchases') => {
            if (inYear(at) && activeAt(spans[who] ?? [], at)) want[who]![basis] += cents
          }
          count(seller, paidAt, s.cents, 'sales')
          count(buyer, paidAt, s.cents, 'purchases')
          if (s.refund > 0) {
            const cents = Math.max(1, Math.floor((s.cents * Math.min(s.refund, 100)) / 100))
            const refundedAt = instant(s.day + s.refund)
            await refund(line, cents, refundedAt.toISOString())
            count(seller, refundedAt, -cents, 'sales')
            count(buyer, refundedAt, -cents, 'purchases')
          }
        }
        const got = new Map(
          (await patronageWeights(db, fy, 'usd')).map((p) => [p.member_id, p.weights]),
        )
        for (const [m, id] of members.entries()) {
          const current = (spans[m] ?? []).find(
            (s) =>
              localDate(s.from, 'UTC') <= fy.lastDay &&
              (s.to === null || s.to.toISOString().slice(0, 10) > fy.lastDay),
          )
          const tenure = current ? daysInclusive(localDate(current.from, 'UTC'), fy.lastDay) : 0
          const expected = {
            sales: Math.max(0, want[m]!.sales),
            purchases: Math.max(0, want[m]!.purchases),
            tenure,
            equal: current ? 1 : 0,
          }
          const weights = got.get(id) ?? { sales: 0, purchases: 0, tenure: 0, equal: 0 }
          expect(weights).toMatchObject(expected)
        }
        // The weights the SQL gives allocate exactly (§5): nothing made or lost.
        const patrons = [...got.entries()]
          .filter(([id]) => members.includes(id))
          .map(([member_id, weights]) => ({
            member_id,
            display_name: member_id,
            roles: ['member', 'seller'] as const,
            weights,
          }))
        const result = allocate({ netSurplus: net, rules: DEFAULT_RULES, members: patrons })
        const allocated = result.members.reduce((sum, m) => sum + m.allocation, 0)
        expect(allocated + result.unallocated).toBe(result.distributable)
        expect(result.reserve + result.unallocated + allocated).toBe(net)
      }),
      { numRuns: 15, seed: 20261201 },
    )
  })
})
