/**
 * Stripe's `data.previous_attributes`: for each field that changed, its old value; inside a
 * hash only the keys that changed, with `null` for a key that did not exist before.
 */
export function previousAttributes(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, unknown> {
  const previous: Record<string, unknown> = {}
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const old = before[key]
    const now = after[key]
    if (JSON.stringify(old) === JSON.stringify(now)) continue
    previous[key] = isHash(old) && isHash(now) ? previousAttributes(old, now) : (old ?? null)
  }
  return previous
}

function isHash(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
