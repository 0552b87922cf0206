import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import {
  allocate,
  largestRemainder,
  type AllocationInput,
  type PatronInput,
} from '../../functions/surplus/allocation.ts'
import {
  BASES,
  DEFAULT_RULES,
  ROLES,
  surplusRules,
  type SurplusRules,
} from '../../functions/surplus/rules.ts'
import { fieldsFromIssues } from '../../functions/lib/validate.ts'

const keyed = (weights: number[]) => weights.map((weight, i) => ({ key: `m${i}`, weight }))
const partsOf = (map: Map<string, number>) => [...map.values()]

/** Valid rules: shares cut from 10000 at random points; sales/hours pools get their role. */
const rulesArb: fc.Arbitrary<SurplusRules> = fc
  .array(fc.record({ basis: fc.constantFrom(...BASES), role: fc.constantFrom(...ROLES) }), {
    minLength: 1,
    maxLength: 5,
  })
  .chain((pools) =>
    fc.record({
      cuts: fc.uniqueArray(fc.integer({ min: 1, max: 9999 }), {
        minLength: pools.length - 1,
        maxLength: pools.length - 1,
      }),
      reserve_bp: fc.integer({ min: 0, max: 10_000 }),
      cash_bp: fc.integer({ min: 0, max: 10_000 }),
      min_cash_cents: fc.integer({ min: 0, max: 2000 }),
      reportable_cents: fc.integer({ min: 0, max: 5000 }),
      pools: fc.constant(pools),
    }),
  )
  .map(({ cuts, pools, ...rest }) => {
    const edges = [0, ...cuts.sort((a, b) => a - b), 10_000]
    return surplusRules.parse({
      ...rest,
      pools: pools.map((pool, i) => ({
        name: `Pool ${i}`,
        basis: pool.basis,
        role: pool.basis === 'sales' ? 'seller' : pool.basis === 'hours' ? 'worker' : pool.role,
        share_bp: (edges[i + 1] as number) - (edges[i] as number),
      })),
    })
  })

const weightArb = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 1000 }),
  fc.integer({ min: 0, max: 100_000_000_000_000 }),
)
const membersArb: fc.Arbitrary<PatronInput[]> = fc
  .uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 12 })
  .chain((ids) =>
    fc.tuple(
      ...ids.map((id) =>
        fc.record({
          member_id: fc.constant(id),
          display_name: fc.constant(`Member ${id}`),
          roles: fc.subarray(['seller', 'worker'] as const),
          weights: fc.record({
            sales: weightArb,
            purchases: weightArb,
            hours: fc.integer({ min: 0, max: 200_000 }),
            tenure: fc.integer({ min: 0, max: 20_000 }),
            equal: fc.constantFrom(0, 1),
          }),
        }),
      ),
    ),
  )
const inputArb: fc.Arbitrary<AllocationInput> = fc.record({
  netSurplus: fc.integer({ min: -1_000_000, max: 1_000_000_000 }),
  rules: rulesArb,
  members: membersArb,
})

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)

describe('largest remainder (spec §6)', () => {
  it('splits the worked examples exactly', () => {
    expect(partsOf(largestRemainder(5, keyed([70, 30])))).toEqual([4, 1])
    expect(partsOf(largestRemainder(800, keyed([1, 1, 1])))).toEqual([267, 267, 266])
    expect(partsOf(largestRemainder(1_000_000, keyed([1, 1, 1])))).toEqual([
      333_334, 333_333, 333_333,
    ])
  })

  it('gives a tied cent to the smaller key, whatever the input order', () => {
    const parts = largestRemainder(1, [
      { key: 'b', weight: 1 },
      { key: 'a', weight: 1 },
    ])
    expect(parts.get('a')).toBe(1)
    expect(parts.get('b')).toBe(0)
  })

  it('keeps every part within a cent of its exact share, with products past 2^53', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.array(fc.bigInt({ min: 0n, max: 2n ** 60n }), { minLength: 1, maxLength: 8 }),
        (total, weights) => {
          fc.pre(weights.some((w) => w > 0n))
          const parts = largestRemainder(
            total,
            weights.map((weight, i) => ({ key: `k${i}`, weight })),
          )
          const W = weights.reduce((a, b) => a + b, 0n)
          expect(sum([...parts.values()])).toBe(total)
          weights.forEach((w, i) => {
            const scaled = BigInt(parts.get(`k${i}`) as number) * W - BigInt(total) * w
            expect(scaled < W && -scaled < W).toBe(true)
          })
        },
      ),
    )
  })
})

describe('the allocation (spec §5)', () => {
  it('holds every invariant of §5 for any members, weights and rules', () => {
    fc.assert(
      fc.property(inputArb, ({ netSurplus, rules, members }) => {
        const result = allocate({ netSurplus, rules, members })
        const allocations = result.members.map((m) => m.allocation)
        expect(sum(result.pools.map((p) => p.amount))).toBe(result.distributable)
        expect(sum(allocations) + result.unallocated).toBe(result.distributable)
        if (netSurplus > 0) {
          expect(result.reserve + result.unallocated + sum(allocations)).toBe(netSurplus)
        } else {
          expect(result).toMatchObject({ distributable: 0, reserve: netSurplus })
        }
        result.pools.forEach((pool, p) => {
          expect(pool.share_bp).toBe(rules.pools[p]?.share_bp)
          if (pool.members === 0) return
          for (const member of result.members) {
            // |part − amount × w / W| < 1, compared without division.
            const W = BigInt(pool.total_weight)
            const diff =
              BigInt(member.parts[p] as number) * W -
              BigInt(pool.amount) * BigInt(member.weights[p] as number)
            expect(diff < W && -diff < W).toBe(true)
          }
        })
        for (const member of result.members) {
          expect(member.weights.some((w) => w > 0)).toBe(true)
          expect(member.allocation).toBe(sum(member.parts))
          expect(member.cash + member.retained).toBe(member.allocation)
          if (member.allocation >= rules.min_cash_cents) {
            expect(member.cash * 10_000 >= member.allocation * rules.cash_bp).toBe(true)
          } else {
            expect(member.cash).toBe(0)
          }
          expect(member.reportable).toBe(member.allocation >= rules.reportable_cents)
        }
        const ids = result.members.map((m) => m.member_id)
        expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
      }),
    )
  })

  it('does not depend on the order in which members were read', () => {
    fc.assert(
      fc.property(
        inputArb.chain((input) =>
          fc.tuple(
            fc.constant(input),
            fc.shuffledSubarray([...input.members], {
              minLength: input.members.length,
            }),
          ),
        ),
        ([input, shuffled]) => {
          expect(allocate({ ...input, members: shuffled })).toEqual(allocate(input))
        },
      ),
    )
  })
})

const member = (
  id: string,
  weights: PatronInput['weights'],
  roles: PatronInput['roles'] = [],
): PatronInput => ({ member_id: id, display_name: `Member ${id}`, roles, weights })

const onePool = (over: Partial<SurplusRules> = {}): SurplusRules => ({
  ...DEFAULT_RULES,
  reserve_bp: 0,
  pools: [{ name: 'Everyone', role: 'member', share_bp: 10_000, basis: 'equal' }],
  ...over,
})

describe('allocation examples', () => {
  it('splits a Stocksy-style year: 5 % equal, 5 % tenure, 90 % sales', () => {
    const rules = surplusRules.parse({
      ...DEFAULT_RULES,
      pools: [
        { name: 'A', role: 'member', share_bp: 500, basis: 'equal' },
        { name: 'B', role: 'member', share_bp: 500, basis: 'tenure' },
        { name: 'C', role: 'seller', share_bp: 9000, basis: 'sales' },
      ],
    })
    const result = allocate({
      netSurplus: 100_000,
      rules,
      members: [
        member('m2', { equal: 1, tenure: 100, sales: 0 }),
        member('m1', { equal: 1, tenure: 300, sales: 30_000 }, ['seller']),
        // Sales without the seller role count in no pool.
        member('m3', { equal: 1, tenure: 0, sales: 99_999 }),
      ],
    })
    expect(result).toMatchObject({ reserve: 30_000, distributable: 70_000, unallocated: 0 })
    expect(result.pools.map((p) => [p.amount, p.total_weight, p.members])).toEqual([
      [3500, 3, 3],
      [3500, 400, 2],
      [63_000, 30_000, 1],
    ])
    expect(result.members.map((m) => [m.member_id, m.parts, m.allocation])).toEqual([
      ['m1', [1167, 2625, 63_000], 66_792],
      ['m2', [1167, 875, 0], 2042],
      ['m3', [1166, 0, 0], 1166],
    ])
    expect(result.members[2]?.weights).toEqual([1, 0, 0])
    expect(result.members[0]).toMatchObject({ cash: 13_359, retained: 53_433, reportable: true })
  })

  it('charges a loss year to reserves and allocates nothing', () => {
    const result = allocate({
      netSurplus: -4200,
      rules: onePool(),
      members: [member('a', { equal: 1 })],
    })
    expect(result).toMatchObject({ reserve: -4200, distributable: 0, unallocated: 0 })
    expect(result.members[0]).toMatchObject({ parts: [0], allocation: 0, cash: 0 })
  })

  it('leaves a pool with no eligible member unallocated, for reserves', () => {
    const result = allocate({
      netSurplus: 10_000,
      rules: DEFAULT_RULES,
      // Hours without the worker role and no sellers: only the buyers' pool has members.
      members: [member('b', { purchases: 500, hours: 1200 })],
    })
    expect(result).toMatchObject({ reserve: 3000, distributable: 7000, unallocated: 5250 })
    expect(result.pools.map((p) => p.members)).toEqual([0, 1, 0])
    expect(result.members).toEqual([
      {
        ...{ member_id: 'b', display_name: 'Member b', weights: [0, 500, 0] },
        ...{ parts: [0, 1750, 0], allocation: 1750, cash: 350, retained: 1400, reportable: true },
      },
    ])
  })

  it('rounds cash up (7 cents at 20 % pays 2) and pays none below the least cash payment', () => {
    const cashOf = (netSurplus: number, min_cash_cents: number) =>
      allocate({
        netSurplus,
        rules: onePool({ cash_bp: 2000, min_cash_cents }),
        members: [member('a', { equal: 1 })],
      }).members[0]
    expect(cashOf(7, 0)).toMatchObject({ allocation: 7, cash: 2, retained: 5 })
    expect(cashOf(499, 500)).toMatchObject({ allocation: 499, cash: 0, retained: 499 })
    expect(cashOf(500, 500)).toMatchObject({ allocation: 500, cash: 100, retained: 400 })
  })

  it('flags a member reportable from the threshold up, counting cash and retained', () => {
    const flag = (netSurplus: number) =>
      allocate({
        netSurplus,
        rules: onePool({ reportable_cents: 1000 }),
        members: [member('a', { equal: 1 })],
      }).members[0]?.reportable
    expect([flag(999), flag(1000)]).toEqual([false, true])
  })

  it('gives a tied cent to the earlier pool in the rules', () => {
    const result = allocate({
      netSurplus: 1,
      rules: onePool({
        pools: [
          { name: 'Z first', role: 'member', share_bp: 5000, basis: 'equal' },
          { name: 'A second', role: 'member', share_bp: 5000, basis: 'equal' },
        ],
      }),
      members: [member('a', { equal: 1 })],
    })
    expect(result.pools.map((p) => p.amount)).toEqual([1, 0])
  })

  it('lists only members with a weight in some pool', () => {
    const result = allocate({
      netSurplus: 100,
      rules: onePool(),
      members: [member('a', { equal: 1 }), member('z', { equal: 0, sales: 5 })],
    })
    expect(result.members.map((m) => m.member_id)).toEqual(['a'])
  })
})

describe('the rules schema (spec §4)', () => {
  const refusal = (change: (rules: Record<string, unknown>) => void) => {
    const rules = structuredClone(DEFAULT_RULES) as unknown as Record<string, unknown>
    change(rules)
    const result = surplusRules.safeParse(rules)
    expect(result.success).toBe(false)
    return result.success ? {} : fieldsFromIssues(result.error.issues)
  }
  type Pools = Record<string, unknown>[]
  const pool = (rules: Record<string, unknown>, i: number) => (rules.pools as Pools)[i] ?? {}

  it('accepts the defaults', () => {
    expect(surplusRules.parse(DEFAULT_RULES)).toEqual(DEFAULT_RULES)
  })

  it('refuses each invalid case with a field a form can show, in words', () => {
    expect(refusal((r) => (pool(r, 0).share_bp = 6999))).toEqual({
      pools:
        "The pools' shares add up to 9999 basis points; they must add up to exactly 10000 (100 %).",
    })
    expect(refusal((r) => (pool(r, 1).basis = 'likes'))).toEqual({
      'pools.1.basis': 'Choose what the pool counts: sales, purchases, hours, tenure or equal.',
    })
    expect(refusal((r) => (pool(r, 1).role = 'admin'))).toEqual({
      'pools.1.role': 'Choose who takes part: member, seller or worker.',
    })
    expect(refusal((r) => (pool(r, 0).role = 'member'))).toEqual({
      'pools.0.basis': 'A pool counting sales must be for the role seller.',
    })
    expect(refusal((r) => (pool(r, 2).role = 'seller'))).toEqual({
      'pools.2.basis': 'A pool counting hours must be for the role worker.',
    })
    expect(refusal((r) => (r.reserve_bp = 30.5))).toHaveProperty('reserve_bp')
    expect(refusal((r) => (r.cash_bp = 10_001))).toHaveProperty('cash_bp')
    expect(refusal((r) => (r.min_cash_cents = -1))).toEqual({
      min_cash_cents:
        'Enter the least cash payment in cents as a whole number from 0 to 1000000000.',
    })
    expect(refusal((r) => (r.reportable_cents = '1000'))).toHaveProperty('reportable_cents')
    expect(refusal((r) => (r.pools = []))).toEqual({ pools: 'Add at least one pool.' })
    expect(refusal((r) => (pool(r, 1).name = pool(r, 0).name))).toEqual({
      'pools.1.name': 'Another pool already has this name.',
    })
    expect(refusal((r) => (pool(r, 2).name = '  '))).toEqual({
      'pools.2.name': 'Give the pool a name.',
    })
    expect(refusal((r) => (r.bonus_bp = 1))).toEqual({ bonus_bp: 'Unknown field.' })
  })
})
