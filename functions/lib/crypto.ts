/** Small WebCrypto helpers shared by sessions, passwords and ids. */

const encoder = new TextEncoder()

/** Base64url without padding. */
export function base64url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** Decodes base64url (with or without padding); throws on anything else. */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url')
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0))
}

/** `length` random bytes from the platform CSPRNG. */
export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length))
}

/** A random, URL-safe token carrying `bits` bits of entropy (128 by default). */
export function randomToken(bits = 128): string {
  return base64url(randomBytes(bits / 8))
}

/** Hex SHA-256 of a string. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** Compares two byte arrays in time that does not depend on where they differ. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number)
  return diff === 0
}

/**
 * A new opaque id: a short prefix naming the kind, the creation time in milliseconds (hex, so
 * ids sort by age and keyset pages stay in order), then 72 random bits.
 */
export function newId(prefix: string, now = Date.now()): string {
  return `${prefix}_${now.toString(16).padStart(12, '0')}${base64url(randomBytes(9))}`
}
