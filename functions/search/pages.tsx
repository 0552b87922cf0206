/**
 * The shop's browsing pages: the home page, search, a category, a seller's storefront. All are
 * GET pages that work without JavaScript.
 */
import type { Context } from 'hono'

import { CategoryPage } from '../../web/pages/CategoryPage.tsx'
import { HomePage } from '../../web/pages/HomePage.tsx'
import { SearchPage } from '../../web/pages/SearchPage.tsx'
import { StorefrontPage } from '../../web/pages/StorefrontPage.tsx'
import type { AppEnv } from '../app.ts'
import { pageRouter } from '../pages/declare.ts'
import { currency, memberShareCents } from '../lib/config.ts'
import { AppError, notFound } from '../lib/errors.ts'
import { parseWith } from '../lib/validate.ts'
import { categoryTree, findCategory } from '../listings/categories.ts'
import type { ListingCardView } from '../listings/repository.ts'
import { absoluteUrl } from '../pages/helpers.tsx'
import { html, pageBase } from '../pages/render.tsx'
import { featuredListings, storefront } from './catalogue.ts'
import { type SearchParams, searchQuery } from './schemas.ts'
import { searchListings } from './search.ts'
import { nextSearchHref, SEARCH_PAGE_SIZE, searchParams, searchValues } from './search-form.ts'

export const searchPageRoutes = pageRouter()

const shop = { tag: 'Shop', method: 'get', permission: 'anonymous', csrf: 'none' } as const

type Ctx = Context<AppEnv>

/**
 * A page of results for a browser. A cursor that is not one this server gave out (edited by
 * hand, or from an older version) is ignored: the visitor gets the first page, not an error.
 */
async function pageOfResults(env: AppEnv['Bindings'], params: SearchParams) {
  try {
    return await searchListings(env, params)
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'invalid_cursor')) throw error
    return searchListings(env, { ...params, cursor: undefined })
  }
}

/** This page's address with only `cursor` changed: the "Next page" link of a browse page. */
function withCursor(c: Ctx, cursor: string | null): string | null {
  return cursor ? `${c.req.path}?cursor=${encodeURIComponent(cursor)}` : null
}

searchPageRoutes.page(
  { ...shop, path: '/', summary: 'The home page: newest and featured listings.' },
  async (c) => {
    const [newest, featured] = await Promise.all([
      searchListings(c.env, { sort: 'newest', limit: 12 }),
      featuredListings(c.env, 4),
    ])
    return html(
      c,
      <HomePage
        {...pageBase(c)}
        coopName={c.env.COOP_NAME || 'Fairstall'}
        shareCents={memberShareCents(c.env)}
        currency={currency(c.env)}
        listings={newest.items}
        featured={featured}
        canonicalUrl={absoluteUrl(c, '/')}
      />,
    )
  },
)

searchPageRoutes.page(
  { ...shop, path: '/search', summary: 'Search, with filters and pages.' },
  async (c) => {
    const values = searchValues(c.req.query())
    const input = searchParams(values, c.req.query('cursor'))
    const categories = await categoryTree(c.env)
    let errors = input.ok ? {} : input.errors
    let items: ListingCardView[] = []
    let next: string | null = null
    if (input.ok) {
      try {
        const found = await pageOfResults(c.env, input.params)
        items = found.items
        next = found.next_cursor
      } catch (error) {
        // An unknown category: say so beside the form, not as an error page.
        if (!(error instanceof AppError && error.status === 400 && error.fields)) throw error
        errors = error.fields
      }
    }
    const failed = Object.keys(errors).length > 0
    return html(
      c,
      <SearchPage
        {...pageBase(c)}
        values={values}
        categories={categories}
        errors={errors}
        listings={items}
        nextHref={nextSearchHref(values, next)}
        canonicalUrl={absoluteUrl(
          c,
          values.q ? `/search?q=${encodeURIComponent(values.q)}` : '/search',
        )}
      />,
      failed ? 400 : 200,
    )
  },
)

searchPageRoutes.page(
  { ...shop, path: '/categories/:slug', summary: 'A category’s listings.' },
  async (c) => {
    const slug = c.req.param('slug')
    const found = findCategory(await categoryTree(c.env), slug)
    if (!found) throw notFound('That category')
    const page = await pageOfResults(
      c.env,
      parseWith(searchQuery, {
        category: slug,
        sort: 'newest',
        limit: String(SEARCH_PAGE_SIZE),
        cursor: c.req.query('cursor'),
      }),
    )
    return html(
      c,
      <CategoryPage
        {...pageBase(c)}
        category={{ slug: found.category.slug, name: found.category.name }}
        parent={found.parent && { slug: found.parent.slug, name: found.parent.name }}
        children={found.children}
        listings={page.items}
        nextHref={withCursor(c, page.next_cursor)}
        canonicalUrl={absoluteUrl(c, `/categories/${slug}`)}
      />,
    )
  },
)

searchPageRoutes.page(
  { ...shop, path: '/sellers/:id', summary: 'A seller’s storefront.' },
  async (c) => {
    const id = c.req.param('id')
    const { seller, listings } = await storefront(c.env, id, c.req.query('cursor'))
    const cover = listings.items.find((item) => item.thumb_url)?.thumb_url
    return html(
      c,
      <StorefrontPage
        {...pageBase(c)}
        seller={seller}
        listings={listings.items}
        nextHref={withCursor(c, listings.next_cursor)}
        canonicalUrl={absoluteUrl(c, `/sellers/${encodeURIComponent(seller.id)}`)}
        ogImage={cover ? absoluteUrl(c, cover) : undefined}
      />,
    )
  },
)
