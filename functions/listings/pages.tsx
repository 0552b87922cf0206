/** A listing's public page; the seller's own pages are seller-pages.tsx. */
import { ListingPage } from '../../web/pages/ListingPage.tsx'
import { pageRouter } from '../pages/declare.ts'
import { absoluteUrl } from '../pages/helpers.tsx'
import { html, pageBase } from '../pages/render.tsx'
import { categoryTree, findCategory } from './categories.ts'
import type { ListingView } from './repository.ts'
import { getListing } from './service.ts'

export const listingPageRoutes = pageRouter()

const shop = { tag: 'Shop', method: 'get', permission: 'anonymous', csrf: 'none' } as const

/** A sentence for the meta description: the start of the description, or who made it. */
function summary(listing: ListingView): string {
  const text = listing.description.replace(/\s+/g, ' ').trim()
  if (!text) return `${listing.title} by ${listing.seller.display_name}, on Fairstall.`
  return text.length > 200 ? `${text.slice(0, 197).trimEnd()}…` : text
}

listingPageRoutes.page(
  { ...shop, path: '/listings/:id', summary: 'A listing’s page.' },
  async (c) => {
    const viewer = c.get('viewer')
    const listing = await getListing(c.env, viewer, c.req.param('id'))
    const found = listing.category
      ? findCategory(await categoryTree(c.env), listing.category)
      : null
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
  },
)
