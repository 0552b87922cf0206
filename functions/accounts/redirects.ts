/** Where a member goes after signing in: back to the page that asked, and never off the site. */

/** Any control character, space or other whitespace, invisible format character or surrogate. */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\p{Z}\s]/u

/** A throwaway origin: a path that resolves against it onto another origin leaves the site. */
const PROBE = 'http://x'

/**
 * `next` when it is a path on this site, else `fallback` (`/`). Browsers drop tabs and line
 * breaks from a URL and read `\` as `/`, so `/\t/evil.example` becomes `//evil.example`,
 * another site; and a CR or LF in a Location header throws. So the path must start with a
 * single `/` (not `//` or `/\`), be printable ASCII with no `\`, hold no control character or
 * whitespace once percent-decoded either, and resolve on the same origin as a probe origin.
 */
export function safeNext(next: string | undefined | null, fallback = '/'): string {
  const path = checkedPath(next)
  return path ?? fallback
}

function checkedPath(next: string | undefined | null): string | null {
  // Printable ASCII only: a Location header cannot carry other characters as they are.
  if (!next || next.length > 2000 || !/^\/[\x21-\x7e]*$/.test(next)) return null
  if (next.startsWith('//') || next.startsWith('/\\')) return null
  let decoded: string
  try {
    decoded = decodeURIComponent(next)
  } catch {
    return null
  }
  if (UNSAFE.test(decoded) || next.includes('\\')) return null
  if (decoded.startsWith('//') || decoded.startsWith('/\\')) return null
  try {
    if (new URL(next, PROBE).origin !== PROBE) return null
  } catch {
    return null
  }
  return next
}
