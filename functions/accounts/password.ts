/**
 * Password hashing with PBKDF2-SHA256 through WebCrypto. Production Workers refuse more than
 * 100,000 iterations per deriveBits call (wrangler dev does not), so that is the figure; the
 * stored string names its parameters so they can be raised later without breaking old hashes.
 */
import { base64url, fromBase64url, randomBytes, timingSafeEqual } from '../lib/crypto.ts'

export const PBKDF2_ITERATIONS = 100_000
export const SALT_BYTES = 16
export const KEY_BYTES = 32

const encoder = new TextEncoder()

async function derive(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
  bytes: number,
) {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, [
    'deriveBits',
  ])
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    bytes * 8,
  )
  return new Uint8Array(bits)
}

/** Hashes a password as `pbkdf2-sha256$<iterations>$<salt>$<hash>` (base64url parts). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const hash = await derive(password, salt, PBKDF2_ITERATIONS, KEY_BYTES)
  return `pbkdf2-sha256$${PBKDF2_ITERATIONS}$${base64url(salt)}$${base64url(hash)}`
}

/** True when `password` matches `stored`; false for a wrong password or a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iterationsText, saltText, hashText] = stored.split('$')
  const iterations = Number(iterationsText)
  if (scheme !== 'pbkdf2-sha256' || !saltText || !hashText) return false
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > PBKDF2_ITERATIONS)
    return false
  const expected = fromBase64url(hashText)
  const actual = await derive(password, fromBase64url(saltText), iterations, expected.length)
  return timingSafeEqual(actual, expected)
}

/**
 * A hash of a random password, verified against when an email is unknown so that a wrong email
 * costs as long as a wrong password and sign-in gives no hint which half was wrong.
 */
export const DUMMY_HASH = `pbkdf2-sha256$${PBKDF2_ITERATIONS}$AAAAAAAAAAAAAAAAAAAAAA$${'A'.repeat(43)}`
