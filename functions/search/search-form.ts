/**
 * The search page's GET form: the address's parameters (prices in dollars) to the search
 * service's parameters (cents), and back to the address of the next page. Pure: no bindings.
 */
import type { SearchValues } from '../../web/components/SearchForm.tsx'
import { parseDecimalInput } from '../../web/components/money.ts'
import type { SearchParams } from './schemas.ts'

export type { SearchValues }

/** Results per page. */
export const SEARCH_PAGE_SIZE = 24

const sorts = ['relevance', 'newest', 'price_asc', 'price_desc'] as const

/**
 * The form's values from the query. The order defaults to best match when there are words and
 * to newest when there are none, where relevance means nothing.
 */
export function searchValues(query: Record<string, string | undefined>): SearchValues {
  const q = (query.q ?? '').trim()
  const asked = sorts.find((sort) => sort === query.sort)
  const sort = asked && (asked !== 'relevance' || q) ? asked : q ? 'relevance' : 'newest'
  return {
    q,
    category: query.category ?? '',
    kind: query.kind === 'physical' || query.kind === 'digital' ? query.kind : '',
    min_price: (query.min_price ?? '').trim(),
    max_price: (query.max_price ?? '').trim(),
    sort,
  }
}

/** The service's parameters for the values, or the errors to show beside the fields. */
export function searchParams(
  values: SearchValues,
  cursor: string | undefined,
): { ok: true; params: SearchParams } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const price = (name: 'min_price' | 'max_price') => {
    if (values[name] === '') return undefined
    const cents = parseDecimalInput(values[name])
    if (cents === null) errors[name] = 'Enter an amount in dollars, like 20 or 19.99.'
    return cents ?? undefined
  }
  const min = price('min_price')
  const max = price('max_price')
  if (min !== undefined && max !== undefined && min > max) {
    errors.max_price = 'The highest price must be at least the lowest.'
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    params: {
      q: values.q || undefined,
      category: values.category || undefined,
      kind: values.kind === '' ? undefined : (values.kind as 'physical' | 'digital'),
      min_price: min,
      max_price: max,
      sort: values.sort as SearchParams['sort'],
      limit: SEARCH_PAGE_SIZE,
      cursor,
    },
  }
}

/** The address of the next page: the same search, with only the filled-in fields. */
export function nextSearchHref(values: SearchValues, cursor: string | null): string | null {
  if (!cursor) return null
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(values)) if (value) query.set(name, value)
  query.set('cursor', cursor)
  return `/search?${query}`
}
