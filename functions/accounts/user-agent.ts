/**
 * A rough, human name for the client behind a User-Agent ("Firefox on Linux"), shown in the
 * member's session list and the new sign-in email. Only the common browsers and systems are
 * told apart: enough for a member to recognise their own devices, never used for decisions.
 */

// Order matters: Edge and Opera also claim Chrome; Chrome also claims Safari.
const BROWSERS: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\b(OPR|Opera)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(Firefox|FxiOS)\//, 'Firefox'],
  [/\b(Chrome|CriOS|Chromium)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
  [/\bcurl\//, 'curl'],
]

const SYSTEMS: [RegExp, string][] = [
  [/\b(iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
]

/** The longest User-Agent read: real ones are a few hundred characters. */
const MAX_USER_AGENT = 512

/** "Firefox on Linux", "Safari on iOS", "Chrome", "Unknown browser". */
export function clientOf(userAgent: string | undefined | null): string {
  const ua = (userAgent ?? '').slice(0, MAX_USER_AGENT)
  const browser = BROWSERS.find(([pattern]) => pattern.test(ua))?.[1]
  const system = SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1]
  if (browser && system) return `${browser} on ${system}`
  if (browser) return browser
  if (system) return `A browser on ${system}`
  return 'Unknown browser'
}
