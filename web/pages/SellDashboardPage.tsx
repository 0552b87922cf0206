import { formatMoney } from '../components/money'
import { Layout, type PageProps } from '../components/Layout'
import { PostButton } from '../components/PostButton'
import { StatusBadge } from '../components/StatusBadge'

type Status = 'draft' | 'published' | 'sold_out' | 'archived'

/** A row of the dashboard: the API's card view of one of the seller's listings. */
export type OwnListing = {
  id: string
  title: string
  price_cents: number
  currency: string
  status: Status
  thumb_url: string | null
}

/** Props of {@link SellDashboardPage}. */
export type SellDashboardPageProps = PageProps & { listings: OwnListing[]; payoutsReady: boolean }

const groups: { status: Status; title: string; empty: string }[] = [
  { status: 'draft', title: 'Drafts', empty: 'No drafts.' },
  { status: 'published', title: 'In the shop', empty: 'Nothing in the shop yet.' },
  { status: 'sold_out', title: 'Sold out', empty: 'Nothing sold out.' },
  { status: 'archived', title: 'Archived', empty: 'Nothing archived.' },
]

/** The seller's stall from behind the counter: every listing by status, with its actions. */
export function SellDashboardPage(props: SellDashboardPageProps) {
  return (
    <Layout
      title="Your stall"
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <div class="page-head">
        <h1>Your stall</h1>
        <p class="actions">
          <a class="button button--primary" href="/sell/listings/new">
            New listing
          </a>
          <a class="button button--secondary" href="/sell/sales">
            My sales
          </a>
          {props.viewer && (
            <a class="button button--secondary" href={`/sellers/${props.viewer.id}`}>
              See your storefront
            </a>
          )}
        </p>
      </div>
      {!props.payoutsReady && (
        <section class="card payouts-callout" aria-labelledby="payouts-title">
          <h2 id="payouts-title">Set up payouts</h2>
          <p>
            Buyers can buy from you once Stripe can pay you. It takes a few minutes on Stripe’s own
            pages; your listings stay in the shop meanwhile, marked “setting up payouts”.
          </p>
          <PostButton action="/sell/payouts" csrfToken={props.csrfToken} variant="primary">
            Set up payouts with Stripe
          </PostButton>
        </section>
      )}
      {props.listings.length === 0 ? (
        <p class="empty-state">
          You have no listings yet. Start with <a href="/sell/listings/new">a new listing</a>: save
          it as a draft, add pictures, then publish it.
        </p>
      ) : (
        groups.map((group) => {
          const listings = props.listings.filter((listing) => listing.status === group.status)
          if (listings.length === 0 && group.status !== 'draft' && group.status !== 'published')
            return null
          return (
            <section key={group.status} class="section" aria-labelledby={`group-${group.status}`}>
              <h2 id={`group-${group.status}`}>
                {group.title} <span class="count">({listings.length})</span>
              </h2>
              {listings.length === 0 ? (
                <p class="small">{group.empty}</p>
              ) : (
                <ul class="own-listings">
                  {listings.map((listing) => (
                    <OwnListingRow key={listing.id} listing={listing} csrfToken={props.csrfToken} />
                  ))}
                </ul>
              )}
            </section>
          )
        })
      )}
    </Layout>
  )
}

const badges: Record<Status, { tone: 'neutral' | 'pending' | 'good' | 'bad'; text: string }> = {
  draft: { tone: 'pending', text: 'Draft' },
  published: { tone: 'good', text: 'Published' },
  sold_out: { tone: 'bad', text: 'Sold out' },
  archived: { tone: 'neutral', text: 'Archived' },
}

function OwnListingRow({ listing, csrfToken }: { listing: OwnListing; csrfToken?: string }) {
  const title = listing.title || 'Untitled'
  const id = encodeURIComponent(listing.id)
  return (
    <li class="own-listing">
      {listing.thumb_url ? (
        <img class="own-listing__thumb" src={listing.thumb_url} alt="" loading="lazy" />
      ) : (
        <div class="own-listing__thumb own-listing__thumb--none" aria-hidden="true" />
      )}
      <div class="own-listing__body">
        <p class="own-listing__title">
          <a href={`/listings/${id}`}>{title}</a>
        </p>
        <p class="own-listing__meta">
          {formatMoney(listing.price_cents, listing.currency)}{' '}
          <StatusBadge tone={badges[listing.status].tone}>
            {badges[listing.status].text}
          </StatusBadge>
        </p>
      </div>
      <div class="own-listing__actions">
        <a class="button button--secondary" href={`/sell/listings/${id}`}>
          Edit<span class="visually-hidden"> {title}</span>
        </a>
        {(listing.status === 'draft' || listing.status === 'archived') && (
          <PostButton
            action={`/sell/listings/${id}/publish`}
            csrfToken={csrfToken}
            fields={{ back: 'dashboard' }}
            variant="primary"
          >
            Publish<span class="visually-hidden"> {title}</span>
          </PostButton>
        )}
        {(listing.status === 'published' || listing.status === 'sold_out') && (
          <PostButton
            action={`/sell/listings/${id}/archive`}
            csrfToken={csrfToken}
            fields={{ back: 'dashboard' }}
            variant="danger"
          >
            Archive<span class="visually-hidden"> {title}</span>
          </PostButton>
        )}
      </div>
    </li>
  )
}
