import { describe, expect, it } from 'vitest'

import {
  KEY_BYTES,
  PBKDF2_ITERATIONS,
  SALT_BYTES,
  hashPassword,
  verifyPassword,
} from '../../functions/accounts/password.ts'
import { fromBase64url } from '../../functions/lib/crypto.ts'

describe('password hashing', () => {
  it('uses PBKDF2-SHA256 at 100,000 iterations: the most production Workers allow per call', () => {
    // wrangler dev accepts more, production refuses: this figure must not creep up.
    expect(PBKDF2_ITERATIONS).toBe(100_000)
    expect(SALT_BYTES).toBe(16)
    expect(KEY_BYTES).toBe(32)
  })

  it('stores its parameters with a fresh salt, and verifies only the right password', async () => {
    const stored = await hashPassword('correct horse battery')
    const [scheme, iterations, salt, hash] = stored.split('$')
    expect(scheme).toBe('pbkdf2-sha256')
    expect(Number(iterations)).toBe(100_000)
    expect(fromBase64url(salt ?? '')).toHaveLength(16)
    expect(fromBase64url(hash ?? '')).toHaveLength(32)
    expect(await hashPassword('correct horse battery')).not.toBe(stored)
    expect(await verifyPassword('correct horse battery', stored)).toBe(true)
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false)
  })

  it('refuses malformed hashes and iteration counts above the limit', async () => {
    const stored = await hashPassword('pw-pw-pw-pw')
    expect(await verifyPassword('pw-pw-pw-pw', stored.replace('$100000$', '$100001$'))).toBe(false)
    expect(await verifyPassword('pw-pw-pw-pw', 'md5$1$x$y')).toBe(false)
    expect(await verifyPassword('pw-pw-pw-pw', '')).toBe(false)
  })
})
