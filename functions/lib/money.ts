/**
 * The one module for money arithmetic. Every amount is an integer count of the currency's minor
 * unit (cents). Products that may pass 2^53 go through BigInt; nothing here uses floating point.
 */

/** An integer amount of minor units (cents). The brand is documentation, not enforcement. */
export type Cents = number

/** Largest amount we accept anywhere (10^9 cents = ten million units): far below 2^53. */
export const MAX_CENTS = 1_000_000_000

/** True for a safe, non-negative integer amount within {@link MAX_CENTS}. */
export function isCents(value: unknown): value is Cents {
  return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_CENTS
}

function toBig(value: number | bigint): bigint {
  if (typeof value === 'bigint') return value
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`)
  return BigInt(value)
}

function fromBig(value: bigint): number {
  const n = Number(value)
  if (!Number.isSafeInteger(n)) throw new RangeError(`amount out of range: ${value}`)
  return n
}

function floorDiv(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new RangeError('divisor must be positive')
  // BigInt division truncates toward zero; step down for negative quotients with a remainder.
  const q = n / d
  return n % d !== 0n && n < 0n ? q - 1n : q
}

/** floor(a × b / c) for c > 0, exact for any integer inputs. */
export function mulDivFloor(a: number | bigint, b: number | bigint, c: number | bigint): number {
  return fromBig(floorDiv(toBig(a) * toBig(b), toBig(c)))
}

/** ceil(a × b / c) for c > 0. */
export function mulDivCeil(a: number | bigint, b: number | bigint, c: number | bigint): number {
  return fromBig(-floorDiv(-toBig(a) * toBig(b), toBig(c)))
}

/** round_half_up(a × b / c) for c > 0: exact halves round toward +∞. */
export function mulDivRoundHalfUp(
  a: number | bigint,
  b: number | bigint,
  c: number | bigint,
): number {
  const d = toBig(c)
  // floor((2ab + c) / 2c) rounds x.5 up.
  return fromBig(floorDiv(2n * toBig(a) * toBig(b) + d, 2n * d))
}

/** An amount in basis points of a base: round_half_up(base × bp / 10000). */
export function basisPoints(base: Cents, bp: number): Cents {
  return mulDivRoundHalfUp(base, bp, 10_000)
}

/** A unit amount times a whole quantity (an order line's subtotal), exact. */
export function timesQuantity(unit: Cents, quantity: number): Cents {
  return fromBig(toBig(unit) * toBig(quantity))
}

/** Sum of integer amounts, refusing anything that is not a safe integer. */
export function sumCents(amounts: Iterable<Cents>): Cents {
  let total = 0n
  for (const amount of amounts) total += toBig(amount)
  return fromBig(total)
}

/**
 * Splits `total` cents by integer `weights` with the largest-remainder (Hamilton) method:
 * each part is floor(total × w / W); the cents left over go one each to the largest remainders,
 * ties to the earlier index (callers order their rows by key first). See spec/surplus.md §6.
 */
export function largestRemainder(total: Cents, weights: readonly (number | bigint)[]): Cents[] {
  const T = toBig(total)
  const W = weights.reduce<bigint>((sum, w) => sum + toBig(w), 0n)
  if (T < 0n) throw new RangeError('total must not be negative')
  if (W <= 0n) throw new RangeError('weights must sum above zero')
  const parts = weights.map((w) => (T * toBig(w)) / W)
  const remainders = weights.map((w, index) => ({ index, rem: (T * toBig(w)) % W }))
  let left = T - parts.reduce((sum, p) => sum + p, 0n)
  remainders.sort((a, b) => (a.rem === b.rem ? a.index - b.index : a.rem > b.rem ? -1 : 1))
  for (const { index } of remainders) {
    if (left === 0n) break
    parts[index] = (parts[index] as bigint) + 1n
    left -= 1n
  }
  return parts.map(fromBig)
}
