import { Avatar } from '../components/Avatar'
import { DateText } from '../components/DateText'
import { Layout, type PageProps } from '../components/Layout'
import { type ListingCardData, ListingGrid, NextPageLink } from '../components/ListingGrid'
import { Paragraphs } from '../components/Paragraphs'

/** Props of {@link StorefrontPage}. */
export type StorefrontPageProps = PageProps & {
  seller: {
    id: string
    display_name: string
    bio: string
    location: string
    avatar_url: string | null
    member_since: string | null
  }
  listings: ListingCardData[]
  nextHref: string | null
  canonicalUrl: string
  ogImage?: string
}

/** A seller's stall: who they are and what they sell. */
export function StorefrontPage(props: StorefrontPageProps) {
  const { seller } = props
  const bio = seller.bio.trim()
  return (
    <Layout
      title={`${seller.display_name}’s stall`}
      description={
        bio ? bio.slice(0, 200) : `Work by ${seller.display_name}, a member of the Fairstall co-op.`
      }
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
      canonicalUrl={props.canonicalUrl}
      ogImage={props.ogImage}
    >
      <header class="storefront">
        <div class="storefront__who">
          <Avatar url={seller.avatar_url} name={seller.display_name} />
          <div>
            <p class="eyebrow">Stall</p>
            <h1>{seller.display_name}</h1>
            {seller.location && <p class="storefront__location">{seller.location}</p>}
            {seller.member_since && (
              <p class="small">
                Member since <DateText iso={seller.member_since} />
              </p>
            )}
          </div>
        </div>
        <Paragraphs text={bio} empty="This artist has not written about themselves yet." />
      </header>
      <section class="section" aria-labelledby="storefront-listings">
        <h2 id="storefront-listings">For sale</h2>
        <ListingGrid
          listings={props.listings}
          empty={`${seller.display_name} has nothing for sale right now.`}
        />
        <NextPageLink href={props.nextHref} />
      </section>
    </Layout>
  )
}
