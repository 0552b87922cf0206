import { formatMoney } from '../../functions/lib/money'

/** What a listing card shows. */
export type ListingCardData = {
  id: string
  title: string
  price_cents: number
  currency: string
  thumb_url?: string
  seller_name: string
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
                {listing.title}
              </a>
            </h3>
            <p class="listing-card__seller">by {listing.seller_name}</p>
            <p class="listing-card__price">{formatMoney(listing.price_cents, listing.currency)}</p>
          </div>
        </li>
      ))}
    </ul>
  )
}
