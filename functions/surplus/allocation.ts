/**
 * The allocation of a year's net surplus to its members (spec/surplus.md §5–§6): reserve,
 * pools, each member's parts, cash and retained. Pure: plain data in, the report's figures out,
 * no bindings and no I/O. Every amount is integer cents; weights may be BigInt, since a year's
 * sales times an amount passes 2^53. Rounding goes through functions/lib/money.ts only.
 */
import {
  largestRemainder as splitByIndex,
  mulDivCeil,
  mulDivFloor,
  sumCents,
  type Cents,
} from '../lib/money.ts'
import { WHOLE_BP, type Basis, type PoolRules, type Role, type SurplusRules } from './rules.ts'

/** A weight of patronage: sales in cents, hours in hundredths, days of tenure, or 1. */
export type Weight = number | bigint

/** One member as the allocation sees them: who they are, their roles and their weights (§3). */
export interface PatronInput {
  member_id: string
  display_name: string
  /** `member` is implied: every member takes part in a `member` pool. */
  roles: readonly Role[]
  /** Weight in each basis; a missing basis weighs 0. Never negative. */
  weights: Partial<Record<Basis, Weight>>
}

/** What {@link allocate} needs. */
export interface AllocationInput {
  netSurplus: Cents
  rules: SurplusRules
  members: readonly PatronInput[]
}

/** A pool in the report (§7). */
export interface PoolResult {
  name: string
  role: Role
  basis: Basis
  share_bp: number
  amount: Cents
  total_weight: number
  /** How many members share the pool. */
  members: number
}

/** A member's line of the report (§7): `weights` and `parts` in the order of the pools. */
export interface MemberResult {
  member_id: string
  display_name: string
  weights: number[]
  parts: Cents[]
  allocation: Cents
  cash: Cents
  retained: Cents
  reportable: boolean
}

/** The computed part of the report (§7). */
export interface AllocationResult {
  reserve: Cents
  distributable: Cents
  unallocated: Cents
  pools: PoolResult[]
  members: MemberResult[]
}

/** Compares ids as strings, by code unit, the same way on every run and in every locale. */
export const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Splits `total` cents by keyed weights with the largest-remainder method (§6); leftover cents
 * go to the largest remainders, ties to the smaller key. Keys must be distinct and the weights
 * must sum above 0. The answer does not depend on the order of `weights`.
 */
export function largestRemainder(
  total: Cents,
  weights: readonly { key: string; weight: Weight }[],
): Map<string, Cents> {
  const sorted = [...weights].sort((a, b) => compareKeys(a.key, b.key))
  sorted.forEach((row, index) => {
    if (index > 0 && sorted[index - 1]?.key === row.key) {
      throw new RangeError(`duplicate key: ${row.key}`)
    }
  })
  // money.ts breaks ties by index; sorting by key first makes that the smaller key.
  const parts = splitByIndex(
    total,
    sorted.map((row) => row.weight),
  )
  return new Map(sorted.map((row, index) => [row.key, parts[index] as Cents]))
}

/** A member's weight in a pool: 0 unless they hold its role. */
function weightIn(pool: PoolRules, member: PatronInput): bigint {
  if (pool.role !== 'member' && !member.roles.includes(pool.role)) return 0n
  const raw = member.weights[pool.basis] ?? 0
  if (typeof raw === 'number' && !Number.isSafeInteger(raw)) {
    throw new RangeError(`weight is not an integer: ${raw}`)
  }
  const weight = BigInt(raw)
  if (weight < 0n) throw new RangeError(`negative weight for ${member.member_id}`)
  return weight
}

function toSafeNumber(value: bigint): number {
  const n = Number(value)
  if (!Number.isSafeInteger(n)) throw new RangeError(`weight out of range: ${value}`)
  return n
}

/** §5.1: the reserve and what is left to distribute; a loss is all charged to reserves. */
export function splitReserve(netSurplus: Cents, reserveBp: number) {
  if (netSurplus <= 0) return { reserve: netSurplus, distributable: 0 }
  const distributable = mulDivFloor(netSurplus, WHOLE_BP - reserveBp, WHOLE_BP)
  return { reserve: sumCents([netSurplus, -distributable]), distributable }
}

/** §5.5: the cash part, rounded up so nobody gets less than the cash share; none below the floor. */
export function cashPart(allocation: Cents, rules: SurplusRules): Cents {
  if (allocation < rules.min_cash_cents) return 0
  return mulDivCeil(allocation, rules.cash_bp, WHOLE_BP)
}

/**
 * Allocates a year's net surplus (§5): the reserve, each pool's amount, each member's parts,
 * allocation, cash and retained, and the reportable flag. Members come out ordered by
 * `member_id`, and only those with a weight above 0 in at least one pool; the result does not
 * depend on the order of `members`.
 */
export function allocate(input: AllocationInput): AllocationResult {
  const { rules } = input
  const members = [...input.members].sort((a, b) => compareKeys(a.member_id, b.member_id))
  const { reserve, distributable } = splitReserve(input.netSurplus, rules.reserve_bp)
  // Pools tie by their order in the rules: money.ts breaks ties by index.
  const poolAmounts = splitByIndex(
    distributable,
    rules.pools.map((pool) => pool.share_bp),
  )
  const weights = members.map((member) => rules.pools.map((pool) => weightIn(pool, member)))
  const unallocated: Cents[] = []
  const partsByPool: Map<string, Cents>[] = []
  const pools = rules.pools.map((pool, p): PoolResult => {
    const amount = poolAmounts[p] as Cents
    const eligible = members
      .map((member, m) => ({ key: member.member_id, weight: weights[m]?.[p] ?? 0n }))
      .filter((row) => row.weight > 0n)
    const totalWeight = eligible.reduce((sum, row) => sum + row.weight, 0n)
    // §5.3: nobody to share the pool; its amount goes to reserves as `unallocated`.
    if (eligible.length === 0) unallocated.push(amount)
    partsByPool.push(eligible.length ? largestRemainder(amount, eligible) : new Map())
    const { name, role, basis, share_bp } = pool
    return {
      ...{ name, role, basis, share_bp, amount },
      total_weight: toSafeNumber(totalWeight),
      members: eligible.length,
    }
  })
  const results = members.flatMap((member, m): MemberResult[] => {
    const own = weights[m] ?? []
    if (!own.some((weight) => weight > 0n)) return []
    const parts = partsByPool.map((parts) => parts.get(member.member_id) ?? 0)
    const allocation = sumCents(parts)
    const cash = cashPart(allocation, rules)
    const retained = sumCents([allocation, -cash])
    return [
      {
        ...{ member_id: member.member_id, display_name: member.display_name },
        ...{ weights: own.map(toSafeNumber), parts, allocation, cash, retained },
        // §5.6: box 1 of Form 1099-PATR holds cash plus qualified written notices.
        reportable: allocation >= rules.reportable_cents,
      },
    ]
  })
  return { reserve, distributable, unallocated: sumCents(unallocated), pools, members: results }
}
