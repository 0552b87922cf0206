import { DateText } from '../components/DateText'
import { Layout, type PageProps } from '../components/Layout'
import { type ListingCardData, ListingGrid, NextPageLink } from '../components/ListingGrid'
import { Paragraphs } from '../components/Paragraphs'

/** Props of {@link StorefrontPage}. */
export type StorefrontPageProps = PageProps & {
  seller: { id: string; display_name: string; bio: string; member_since: string | null }
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
        <p class="eyebrow">Stall</p>
        <h1>{seller.display_name}</h1>
        {seller.member_since && (
          <p class="small">
            Member since <DateText iso={seller.member_since} />
          </p>
        )}
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
