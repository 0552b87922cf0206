/** A decoded form value: Stripe's bracket notation nests strings in objects and arrays. */
export type FormValue = string | FormValue[] | FormObject

/** A decoded form body or query string. */
export interface FormObject {
  [key: string]: FormValue
}

/** Thrown when two keys disagree about a value's shape (`a=1&a[b]=2`). */
export class FormShapeError extends Error {
  constructor(readonly param: string) {
    super(`Invalid parameter shape: ${param}`)
  }
}

/**
 * Decodes `application/x-www-form-urlencoded` text with Stripe's bracket notation:
 * `line_items[0][price_data][currency]=usd`, `metadata[order]=x`, `expand[]=a` or `expand[0]=a`.
 * Objects whose keys are all indices become arrays, in index order (stripe-node sends
 * `expand[0]=…`; curl users send `expand[]=…`).
 */
export function decodeForm(text: string): FormObject {
  const root: FormObject = {}
  // URLSearchParams also decodes %5B/%5D, so encoded and literal brackets both work, as at Stripe.
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const path = splitKey(rawKey)
    let node: FormObject = root
    for (let i = 0; i < path.length; i++) {
      let segment = path[i] as string
      if (segment === '') segment = String(Object.keys(node).length)
      const last = i === path.length - 1
      if (last) {
        if (typeof node[segment] === 'object') throw new FormShapeError(rawKey)
        node[segment] = value
      } else {
        const child = node[segment] ?? {}
        if (typeof child === 'string') throw new FormShapeError(rawKey)
        node[segment] = child
        node = child as FormObject
      }
    }
  }
  return toArrays(root) as FormObject
}

function splitKey(key: string): string[] {
  const open = key.indexOf('[')
  if (open <= 0) return [key]
  const segments = [key.slice(0, open)]
  for (const match of key.slice(open).matchAll(/\[([^\]]*)\]/g)) segments.push(match[1] ?? '')
  return segments
}

function toArrays(value: FormValue): FormValue {
  if (typeof value === 'string') return value
  const entries = Object.entries(value).map(([k, v]) => [k, toArrays(v)] as const)
  const indexed = entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k))
  if (indexed) return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v)
  return Object.fromEntries(entries)
}
