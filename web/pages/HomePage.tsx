import { formatMoney } from '../components/money'
import { Layout, type PageProps } from '../components/Layout'
import { ListingGrid, type ListingCardData } from '../components/ListingGrid'
import { SearchBox } from '../components/SearchForm'

/** Props of {@link HomePage}. */
export type HomePageProps = PageProps & {
  coopName: string
  shareCents: number
  currency: string
  /** The newest published listings. */
  listings?: ListingCardData[]
  /** Listings the co-op picked to feature; the row is left out when there are none. */
  featured?: ListingCardData[]
  canonicalUrl?: string
}

/** The front page: what the co-op is, how it works, and the newest work for sale. */
export function HomePage(props: HomePageProps) {
  const share = formatMoney(props.shareCents, props.currency)
  return (
    <Layout
      title="A marketplace owned by its members"
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
      canonicalUrl={props.canonicalUrl}
    >
      <section class="hero" aria-labelledby="hero-title">
        <div class="hero__text">
          <p class="eyebrow">{props.coopName}</p>
          <h1 id="hero-title">Art from the people who made it, in a shop they own.</h1>
          <p class="lede">
            Fairstall is a marketplace owned by its members: the artists who sell here and the
            people who buy. Each member holds one share of {share}. There are no outside investors,
            so whatever is left at the end of the year goes back to the members, in proportion to
            how much they traded.
          </p>
          <p class="actions">
            {props.viewer ? (
              <a class="button button--primary" href="/account">
                Go to my account
              </a>
            ) : (
              <a class="button button--primary" href="/signup">
                Join the co-op
              </a>
            )}
            <a class="button button--secondary" href="#stalls">
              Browse the stalls
            </a>
          </p>
        </div>
        <aside class="hero__note" aria-label="Where the money goes">
          <h2 class="hero__note-title">Where the money goes</h2>
          <ul class="ticks">
            <li>Artists keep most of every sale.</li>
            <li>A small commission pays for running the place.</li>
            <li>What’s left over returns to members each year.</li>
          </ul>
        </aside>
      </section>

      <section class="section" aria-labelledby="how-title">
        <h2 id="how-title">How it works</h2>
        <ol class="steps">
          <li class="step">
            <h3 class="step__title">Become a member</h3>
            <p>
              Buy one member share of {share}. It is capital, not a fee: the bylaws return it to you
              if you ever leave.
            </p>
          </li>
          <li class="step">
            <h3 class="step__title">Sell or buy</h3>
            <p>
              Artists apply to open a stall and sell their own work. Buyers find things made by
              hand, by the people who are paid for them.
            </p>
          </li>
          <li class="step">
            <h3 class="step__title">Share the surplus</h3>
            <p>
              When the year’s books close, the surplus goes back to members by patronage: the more
              you sold or bought, the larger your part.
            </p>
          </li>
        </ol>
      </section>

      <section class="section home-search" aria-label="Search">
        <SearchBox />
      </section>

      {props.featured && props.featured.length > 0 && (
        <section class="section" aria-labelledby="featured-title">
          <h2 id="featured-title">Featured</h2>
          <ListingGrid listings={props.featured} empty="" />
        </section>
      )}

      <section class="section" id="stalls" aria-labelledby="stalls-title">
        <h2 id="stalls-title">New in the stalls</h2>
        <ListingGrid
          listings={props.listings ?? []}
          empty="The stalls are still being set up. The first pieces from our members will appear here soon."
        />
        <p class="actions">
          <a class="button button--secondary" href="/search?sort=newest">
            See everything for sale
          </a>
        </p>
      </section>
    </Layout>
  )
}
