import { formatMoney } from './money'

/** What a listing card shows: a subset of the API's card view, so that view fits as it is. */
export type ListingCardData = {
  id: string
  title: string
  price_cents: number
  currency: string
  kind?: 'physical' | 'digital'
  thumb_url?: string | null
  seller: { display_name: string }
}

/** A responsive grid of listing cards, or the `empty` text when there are none. */
export function ListingGrid({ listings, empty }: { listings: ListingCardData[]; empty: string }) {
  if (listings.length === 0) return <p class="empty-state">{empty}</p>
  return (
    <ul class="listing-grid">
      {listings.map((listing) => (
        <li key={listing.id} class="listing-card">
          {listing.thumb_url ? (
            // The title beside it names the piece, so the picture itself is decorative here.
            <img class="listing-card__image" src={listing.thumb_url} alt="" loading="lazy" />
          ) : (
            <div class="listing-card__image listing-card__image--none" aria-hidden="true" />
          )}
          <div class="listing-card__body">
            <h3 class="listing-card__title">
              <a class="listing-card__link" href={`/listings/${encodeURIComponent(listing.id)}`}>
                {listing.title || 'Untitled'}
              </a>
            </h3>
            <p class="listing-card__seller">by {listing.seller.display_name}</p>
            <p class="listing-card__price">
              {formatMoney(listing.price_cents, listing.currency)}
              {listing.kind === 'digital' && <span class="listing-card__kind"> · Download</span>}
            </p>
          </div>
        </li>
      ))}
    </ul>
  )
}

/** "Next page" after a keyset page; nothing on the last page. */
export function NextPageLink({ href }: { href: string | null }) {
  if (!href) return null
  return (
    <nav class="pager" aria-label="More listings">
      <a class="button button--secondary" href={href} rel="next">
        Next page
      </a>
    </nav>
  )
}
