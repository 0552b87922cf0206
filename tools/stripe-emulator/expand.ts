import { invalidParameter } from './errors'
import { paginate } from './list'
import type { EmulatorState } from './state'

/** Stripe refuses to expand deeper than this. */
const MAX_DEPTH = 4

/**
 * Applies `expand[]` paths (`payment_intent.latest_charge.balance_transaction`) to a copy of
 * an object: each id on the path is replaced by the object it names. Stored objects are
 * never changed, so a later plain retrieve still sees ids.
 */
export function expandObject(state: EmulatorState, object: object, paths: string[]) {
  const copy = structuredClone(object) as Record<string, unknown>
  for (const path of paths) {
    const segments = path.split('.')
    if (segments.length > MAX_DEPTH) {
      const message = `You cannot expand more than ${MAX_DEPTH} levels of a property. Property: ${path}`
      throw invalidParameter('expand', message)
    }
    expandPath(state, copy, segments)
  }
  return copy
}

function expandPath(state: EmulatorState, target: Record<string, unknown>, path: string[]) {
  const [field, ...rest] = path
  if (!field) return
  let value = target[field]
  if (field === 'line_items' && target.object === 'checkout.session') {
    value = lineItemList(state, String(target.id))
  } else if (typeof value === 'string' && field !== 'id') {
    const found = state.find(value)
    if (!found) throw cannotExpand(field)
    value = structuredClone(found)
  } else if (value === null) {
    // Stripe leaves a null reference null (e.g. an unpaid session's payment_intent).
    return
  } else if (!value || typeof value !== 'object') {
    throw cannotExpand(field)
  } else if (!('id' in value) && rest.length === 0) {
    // A plain hash (`shipping_cost`) can be passed through on the way to a reference in it.
    throw cannotExpand(field)
  }
  target[field] = value
  if (rest.length > 0) expandPath(state, value as Record<string, unknown>, rest)
}

/** A session's line items as the list object Stripe returns. */
export function lineItemList(state: EmulatorState, sessionId: string) {
  const data = state.lineItems.get(sessionId) ?? []
  // Expanded, Stripe shows the first page (10 items), as the list endpoint does by default.
  return paginate(data, {}, `/v1/checkout/sessions/${sessionId}/line_items`)
}

function cannotExpand(field: string) {
  return invalidParameter('expand', `This property cannot be expanded (${field}).`)
}
