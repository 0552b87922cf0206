/**
 * The buying side's pages: search, categories, a listing, a seller's storefront. All are GET
 * pages that work without JavaScript; the seller's pages are in selling.tsx, mounted here.
 */
import type { Context } from 'hono'

import { CategoryPage } from '../../web/pages/CategoryPage.tsx'
import { ListingPage } from '../../web/pages/ListingPage.tsx'
import { SearchPage } from '../../web/pages/SearchPage.tsx'
import { StorefrontPage } from '../../web/pages/StorefrontPage.tsx'
import { type AppEnv, router } from '../app.ts'
import { AppError, notFound } from '../lib/errors.ts'
import { parseWith } from '../lib/validate.ts'
import type { ListingCardView, ListingView } from '../listings/repository.ts'
import { type SearchParams, searchQuery } from '../listings/schemas.ts'
import { storefront } from '../listings/catalogue.ts'
import { type CategoryNode, categoryTree } from '../listings/categories.ts'
import { searchListings } from '../listings/search.ts'
import { getListing } from '../listings/service.ts'
import { absoluteUrl } from './helpers.tsx'
import { html, pageBase } from './render.tsx'
import { nextSearchHref, SEARCH_PAGE_SIZE, searchParams, searchValues } from './search-form.ts'
import { sellingPageRoutes } from './selling.tsx'

export const listingPageRoutes = router()

type Ctx = Context<AppEnv>

/** Where a category sits in the tree: itself, its parent and its children. */
function findCategory(tree: CategoryNode[], slug: string) {
  for (const root of tree) {
    if (root.slug === slug) return { category: root, parent: null, children: root.children }
    const child = root.children.find((candidate) => candidate.slug === slug)
    if (child) return { category: child, parent: root, children: [] }
  }
  return null
}

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

listingPageRoutes.get('/search', async (c) => {
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
})

listingPageRoutes.get('/categories/:slug', async (c) => {
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
})

/** A sentence for the meta description: the start of the description, or who made it. */
function summary(listing: ListingView): string {
  const text = listing.description.replace(/\s+/g, ' ').trim()
  if (!text) return `${listing.title} by ${listing.seller.display_name}, on Fairstall.`
  return text.length > 200 ? `${text.slice(0, 197).trimEnd()}…` : text
}

listingPageRoutes.get('/listings/:id', async (c) => {
  const viewer = c.get('viewer')
  const listing = await getListing(c.env, viewer, c.req.param('id'))
  const found = listing.category ? findCategory(await categoryTree(c.env), listing.category) : null
  const chosen = listing.images.findIndex((image) => image.id === c.req.query('image'))
  const cover = listing.images[0]
  return html(
    c,
    <ListingPage
      {...pageBase(c)}
      listing={listing}
      category={
        found && {
          slug: found.category.slug,
          name: found.category.name,
          parent: found.parent ? { slug: found.parent.slug, name: found.parent.name } : undefined,
        }
      }
      own={viewer?.account.id === listing.seller.id}
      selectedImage={Math.max(0, chosen)}
      description={summary(listing)}
      canonicalUrl={absoluteUrl(c, `/listings/${encodeURIComponent(listing.id)}`)}
      ogImage={cover && absoluteUrl(c, cover.url)}
    />,
  )
})

listingPageRoutes.get('/sellers/:id', async (c) => {
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
})

listingPageRoutes.route('/', sellingPageRoutes)
