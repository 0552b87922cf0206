import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import {
  basisPoints,
  largestRemainder,
  mulDivCeil,
  mulDivFloor,
  mulDivRoundHalfUp,
} from '../../functions/lib/money.ts'
import { formatDecimalInput, formatMoney, parseDecimalInput } from '../../web/components/money.ts'

const cents = fc.integer({ min: 0, max: 1_000_000_000 })

describe('money arithmetic', () => {
  it('rounds half up, floors and ceils exactly, even past 2^53 in the product', () => {
    fc.assert(
      fc.property(
        cents,
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (a, b, c) => {
          const exact = BigInt(a) * BigInt(b)
          const floor = mulDivFloor(a, b, c)
          expect(BigInt(floor) * BigInt(c) <= exact && exact < BigInt(floor + 1) * BigInt(c)).toBe(
            true,
          )
          const ceil = mulDivCeil(a, b, c)
          expect(ceil - floor).toBe(exact % BigInt(c) === 0n ? 0 : 1)
          const rounded = mulDivRoundHalfUp(a, b, c)
          // rounded − exact/c lies in (−1/2, 1/2]: an exact half rounds up.
          const twice = 2n * (BigInt(rounded) * BigInt(c) - exact)
          expect(twice > -BigInt(c) && twice <= BigInt(c)).toBe(true)
        },
      ),
    )
  })

  it('takes basis points as the spec rounds commission', () => {
    expect(basisPoints(1050, 1000)).toBe(105)
    expect(basisPoints(5, 1000)).toBe(1) // 0.5 rounds up
    expect(basisPoints(4, 1000)).toBe(0)
    expect(basisPoints(1000, 290)).toBe(29)
  })
})

describe('largest remainder (surplus.md §6)', () => {
  it('matches the examples of the spec', () => {
    expect(largestRemainder(5, [70, 30])).toEqual([4, 1])
    expect(largestRemainder(800, [1, 1, 1])).toEqual([267, 267, 266])
    expect(largestRemainder(1_000_000, [1, 1, 1])).toEqual([333_334, 333_333, 333_333])
  })

  it('always sums to the total, keeps each part within a cent of its share, and favours earlier ties', () => {
    fc.assert(
      fc.property(
        cents,
        fc
          .array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 1, maxLength: 30 })
          .filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const parts = largestRemainder(total, weights)
          expect(parts.reduce((s, p) => s + p, 0)).toBe(total)
          const W = weights.reduce((s, w) => s + BigInt(w), 0n)
          parts.forEach((part, i) => {
            const exactTimesW = BigInt(total) * BigInt(weights[i] as number)
            const floor = exactTimesW / W
            expect(BigInt(part) === floor || BigInt(part) === floor + 1n).toBe(true)
            if (weights[i] === 0) expect(part).toBe(0)
          })
        },
      ),
    )
  })
})

describe('money as people read and type it', () => {
  it('formats amounts in each currency’s own minor unit', () => {
    expect(formatMoney(1000, 'usd')).toBe('$10.00')
    expect(formatMoney(123456789, 'eur')).toBe('€1,234,567.89')
    expect(formatMoney(-5, 'usd')).toBe('−$0.05')
    expect(formatMoney(1250, 'jpy')).toBe('¥1,250')
    expect(formatMoney(1234, 'bhd')).toBe('BHD\u00a01.234') // Intl puts a no-break space after a code
  })

  it('reads back exactly what it writes for an editor, in any currency', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999_999 }),
        fc.constantFrom('usd', 'eur', 'jpy', 'bhd'),
        (amount, currency) => {
          expect(parseDecimalInput(formatDecimalInput(amount, currency), currency)).toBe(amount)
        },
      ),
    )
  })

  it('refuses more decimals than the currency has', () => {
    expect(parseDecimalInput('12.50', 'usd')).toBe(1250)
    expect(parseDecimalInput('12.505', 'usd')).toBeNull()
    expect(parseDecimalInput('1250', 'jpy')).toBe(1250)
    expect(parseDecimalInput('12.5', 'jpy')).toBeNull()
  })
})
