import { invalidParameter, resourceMissing } from './errors'
import type { FormObject } from './form'
import { integer, parseParams, string, type Schema } from './params'
import type { StripeObject } from './state'

/** The pagination parameters every list endpoint takes, as Stripe names them. */
export const pageParams = {
  limit: integer(1),
  starting_after: string(),
  ending_before: string(),
} satisfies Schema

/** Stripe's list object: one page, newest first. */
export interface StripeList {
  object: 'list'
  data: unknown[]
  has_more: boolean
  url: string
}

/** Stripe's default and largest page sizes. */
const DEFAULT_LIMIT = 10
const MAX_LIMIT = 100

/**
 * One page of `items` (already newest first) the way Stripe pages: `limit` (1–100, default 10),
 * then either the items after `starting_after` or the ones just before `ending_before`.
 * `has_more` says whether more lie beyond the page in the direction of travel.
 */
export function paginate(
  items: StripeObject[],
  params: { limit?: number; starting_after?: string; ending_before?: string },
  url: string,
): StripeList {
  const limit = params.limit ?? DEFAULT_LIMIT
  if (limit > MAX_LIMIT) {
    const message = 'This value must be less than or equal to 100.'
    throw invalidParameter('limit', message, 'parameter_invalid_integer')
  }
  if (params.starting_after && params.ending_before) {
    const message = 'You may only specify one of these parameters: ending_before, starting_after.'
    throw invalidParameter('starting_after', message)
  }
  const cursorAt = (id: string, param: string) => {
    const index = items.findIndex((item) => item.id === id)
    if (index < 0) throw resourceMissing(kindName(items, id), id, param)
    return index
  }
  let data: StripeObject[]
  let hasMore: boolean
  if (params.ending_before) {
    const end = cursorAt(params.ending_before, 'ending_before')
    const start = Math.max(0, end - limit)
    data = items.slice(start, end)
    hasMore = start > 0
  } else {
    const start = params.starting_after ? cursorAt(params.starting_after, 'starting_after') + 1 : 0
    data = items.slice(start, start + limit)
    hasMore = start + limit < items.length
  }
  return { object: 'list', data: structuredClone(data), has_more: hasMore, url }
}

function kindName(items: StripeObject[], id: string): string {
  return items[0]?.object.replaceAll('_', ' ') ?? id.split('_')[0] ?? 'object'
}

/**
 * A list endpoint's handler: the stored objects of one type, newest first, narrowed by the
 * filters the endpoint accepts (`payment_intent`, `charge`, …: equality on that field).
 */
export function listHandler(objectType: string, url: string, filters: readonly string[] = []) {
  const schema: Schema = { ...pageParams }
  for (const filter of filters) schema[filter] = string()
  return (ctx: { state: { objects: Map<string, StripeObject> } }, form: FormObject) => {
    const params = parseParams(form, schema) as Record<string, string | number | undefined>
    const items = newestFirst(ctx.state.objects, objectType).filter((item) =>
      filters.every((filter) => params[filter] === undefined || item[filter] === params[filter]),
    )
    return paginate(items, params, url)
  }
}

/** Every stored object of a type, newest first (creation order breaks ties within a second). */
export function newestFirst(objects: Map<string, StripeObject>, objectType: string) {
  return [...objects.values()].filter((o) => o.object === objectType).reverse()
}
