/**
 * The board's rules for one fiscal year (spec/surplus.md §4): the reserve, the pools with their
 * shares, bases and roles, the cash share and the two thresholds. One zod schema validates the
 * rules editor's body and the stored copy, with messages a form can show beside each field.
 */
import { z } from 'zod'

import { MAX_CENTS } from '../lib/money.ts'
import { text } from '../lib/validate.ts'

/** What a pool measures a member's patronage by (§3). */
export const BASES = ['sales', 'purchases', 'hours', 'tenure', 'equal'] as const
/** Who may take part in a pool: `member` is every member. */
export const ROLES = ['member', 'seller', 'worker'] as const

export type Basis = (typeof BASES)[number]
export type Role = (typeof ROLES)[number]

/** All shares are basis points of a whole: 10000 = 100 %. */
export const WHOLE_BP = 10_000
/** A year's rules are edited by hand: a couple of dozen pools is more than any board needs. */
export const MAX_POOLS = 20

/** The role a basis needs, where it needs one: only sellers sell, only workers log hours. */
const ROLE_FOR_BASIS: Partial<Record<Basis, Role>> = { sales: 'seller', hours: 'worker' }

function wholeNumber(label: string, max: number, min = 0) {
  const message = `Enter ${label} as a whole number from ${min} to ${max}.`
  return z.number({ error: message }).int(message).min(min, message).max(max, message)
}

const basisPoints = (label: string, min = 0) => wholeNumber(label, WHOLE_BP, min)

/** One pool of the rules. */
export const poolRules = z.strictObject({
  name: text({ max: 60, min: 1, name: true, required: 'Give the pool a name.' }),
  role: z.enum(ROLES, { error: 'Choose who takes part: member, seller or worker.' }),
  share_bp: basisPoints('the share in basis points', 1),
  basis: z.enum(BASES, {
    error: 'Choose what the pool counts: sales, purchases, hours, tenure or equal.',
  }),
})

/** The rules of a year, §4. Errors are keyed by path, e.g. `pools.1.basis`. */
export const surplusRules = z
  .strictObject({
    reserve_bp: basisPoints('the reserve in basis points'),
    pools: z
      .array(poolRules, { error: 'Add at least one pool.' })
      .min(1, 'Add at least one pool.')
      .max(MAX_POOLS, `Use at most ${MAX_POOLS} pools.`),
    cash_bp: basisPoints('the cash share in basis points'),
    min_cash_cents: wholeNumber('the least cash payment in cents', MAX_CENTS),
    reportable_cents: wholeNumber('the reporting threshold in cents', MAX_CENTS),
  })
  .superRefine((rules, ctx) => {
    const seen = new Set<string>()
    rules.pools.forEach((pool, index) => {
      const needed = ROLE_FOR_BASIS[pool.basis]
      if (needed && pool.role !== needed) {
        ctx.addIssue({
          code: 'custom',
          path: ['pools', index, 'basis'],
          message: `A pool counting ${pool.basis} must be for the role ${needed}.`,
        })
      }
      // Pools are named in the report, the statements and the 1099 listing: names must differ.
      if (seen.has(pool.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['pools', index, 'name'],
          message: 'Another pool already has this name.',
        })
      }
      seen.add(pool.name)
    })
    const total = rules.pools.reduce((sum, pool) => sum + pool.share_bp, 0)
    if (total !== WHOLE_BP) {
      ctx.addIssue({
        code: 'custom',
        path: ['pools'],
        message: `The pools' shares add up to ${total} basis points; they must add up to exactly ${WHOLE_BP} (100 %).`,
      })
    }
  })

export type PoolRules = z.output<typeof poolRules>
export type SurplusRules = z.output<typeof surplusRules>

/** The rules of a year whose board has set none (§4). */
export const DEFAULT_RULES: SurplusRules = Object.freeze({
  reserve_bp: 3000,
  pools: Object.freeze([
    Object.freeze({ name: 'Artists', role: 'seller', share_bp: 7000, basis: 'sales' }),
    Object.freeze({ name: 'Buyers', role: 'member', share_bp: 2500, basis: 'purchases' }),
    Object.freeze({ name: 'Staff', role: 'worker', share_bp: 500, basis: 'hours' }),
  ]) as PoolRules[],
  cash_bp: 2000,
  min_cash_cents: 500,
  reportable_cents: 1000,
})
