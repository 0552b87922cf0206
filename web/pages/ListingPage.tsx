import { BuyBox } from '../components/BuyBox'
import { formatMoney } from '../components/money'
import { DateText } from '../components/DateText'
import { Island } from '../components/Island'
import { Layout, type PageProps } from '../components/Layout'
import { Paragraphs } from '../components/Paragraphs'
import { Gallery, type GalleryImage, type GalleryProps } from '../islands/Gallery'

/** The listing as its page shows it: the API's listing shape (spec/api.md). */
export type ListingPageData = {
  id: string
  title: string
  description: string
  price_cents: number
  currency: string
  kind: 'physical' | 'digital'
  quantity: number | null
  shipping_cents: number
  category: string | null
  tags: string[]
  status: 'draft' | 'published' | 'archived' | 'sold_out'
  images: GalleryImage[]
  seller: { id: string; display_name: string }
  buyable: boolean
  published_at: string | null
}

/** Props of {@link ListingPage}. */
export type ListingPageProps = PageProps & {
  listing: ListingPageData
  /** The listing's category and its parent, for the breadcrumb; null when it has none. */
  category: { slug: string; name: string; parent?: { slug: string; name: string } } | null
  /** True when the viewer is the listing's seller. */
  own: boolean
  /** Index of the picture shown large (`?image=`). */
  selectedImage: number
  description: string
  canonicalUrl: string
  ogImage?: string
}

/** One listing: its pictures, price, delivery, stock and who made it. */
export function ListingPage(props: ListingPageProps) {
  const { listing } = props
  const title = listing.title || 'Untitled listing'
  const gallery: GalleryProps = {
    title,
    images: listing.images,
    selected: props.selectedImage,
  }
  return (
    <Layout
      title={title}
      description={props.description}
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
      canonicalUrl={props.canonicalUrl}
      ogImage={props.ogImage}
    >
      {props.own && <OwnerBar listing={listing} />}
      {props.category && <Breadcrumb category={props.category} />}
      <article class="listing" aria-labelledby="listing-title">
        <section class="listing__gallery" id="gallery" aria-label="Pictures">
          <Island name="Gallery" props={gallery}>
            <Gallery {...gallery} />
          </Island>
        </section>
        <div class="listing__info">
          <h1 id="listing-title" class="listing__title">
            {title}
          </h1>
          <p class="listing__seller">
            by{' '}
            <a href={`/sellers/${encodeURIComponent(listing.seller.id)}`}>
              {listing.seller.display_name}
            </a>
          </p>
          <p class="listing__price">{formatMoney(listing.price_cents, listing.currency)}</p>
          <ul class="listing__facts">
            <li>{delivery(listing)}</li>
            <li>{stock(listing)}</li>
          </ul>
          <BuyBox
            listing={listing}
            own={props.own}
            signedIn={props.viewer !== null}
            csrfToken={props.csrfToken}
          />
          {listing.tags.length > 0 && (
            <div class="listing__tags">
              <h2 class="visually-hidden">Tags</h2>
              <ul class="tag-list">
                {listing.tags.map((tag) => (
                  <li key={tag}>
                    <a class="tag" href={`/search?q=${encodeURIComponent(tag)}`}>
                      {tag}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
        <section class="listing__description" aria-labelledby="description-title">
          <h2 id="description-title">About this piece</h2>
          <Paragraphs text={listing.description} empty="No description yet." />
          {listing.published_at && (
            <p class="small">
              Listed on <DateText iso={listing.published_at} />
            </p>
          )}
        </section>
      </article>
    </Layout>
  )
}

function delivery(listing: ListingPageData): string {
  if (listing.kind === 'digital') return 'Instant download'
  return listing.shipping_cents === 0
    ? 'Free shipping'
    : `Shipping ${formatMoney(listing.shipping_cents, listing.currency)}`
}

function stock(listing: ListingPageData): string {
  if (listing.status === 'archived') return 'No longer for sale'
  if (listing.kind === 'digital') return 'Always in stock'
  const left = listing.quantity ?? 0
  if (listing.status === 'sold_out' || left === 0) return 'Sold out'
  return `${left} left`
}

/** The seller's own view: a draft warning and the way to the editor. */
function OwnerBar({ listing }: { listing: ListingPageData }) {
  return (
    <div class={listing.status === 'draft' ? 'owner-bar owner-bar--draft' : 'owner-bar'}>
      <p>
        {listing.status === 'draft'
          ? 'Draft — only you can see this.'
          : listing.status === 'archived'
            ? 'Archived — it is no longer in the shop or in search.'
            : 'This is your listing.'}
      </p>
      <a class="button button--secondary" href={`/sell/listings/${encodeURIComponent(listing.id)}`}>
        Edit<span class="visually-hidden"> this listing</span>
      </a>
    </div>
  )
}

function Breadcrumb({ category }: { category: NonNullable<ListingPageProps['category']> }) {
  return (
    <nav class="breadcrumb" aria-label="Breadcrumb">
      <ol>
        <li>
          <a href="/search">All</a>
        </li>
        {category.parent && (
          <li>
            <a href={`/categories/${category.parent.slug}`}>{category.parent.name}</a>
          </li>
        )}
        <li>
          <a href={`/categories/${category.slug}`}>{category.name}</a>
        </li>
      </ol>
    </nav>
  )
}
