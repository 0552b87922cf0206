import { randomBytes } from 'node:crypto'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/**
 * A Stripe-looking id: the prefix, an underscore and 24 base-62 characters (`pi_3Nc…`).
 * Checkout Session ids carry the mode too (`cs_test_…`), so pass `cs_test` as the prefix.
 */
export function newId(prefix: string, length = 24): string {
  const bytes = randomBytes(length)
  let tail = ''
  // 256 % 62 leaves a small bias; ids only need to be unique and look right, not uniform.
  for (const byte of bytes) tail += ALPHABET[byte % ALPHABET.length]
  return `${prefix}_${tail}`
}

/** Current time in unix seconds, the unit of every Stripe timestamp. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000)
}
