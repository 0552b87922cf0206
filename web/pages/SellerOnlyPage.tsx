import { Layout, type PageProps } from '../components/Layout'

/** Props of {@link SellerOnlyPage}. */
export type SellerOnlyPageProps = PageProps & {
  /** Where the viewer stands: their seller application's status, if any. */
  sellerStatus: 'none' | 'pending' | 'approved' | 'rejected'
}

/** What someone who is not (yet) an approved seller sees at the seller pages. */
export function SellerOnlyPage(props: SellerOnlyPageProps) {
  return (
    <Layout
      title="Selling on Fairstall"
      description="How members of the Fairstall co-op open a stall and sell their own work."
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <div class="narrow">
        <h1>Selling on Fairstall</h1>
        {props.sellerStatus === 'pending' ? (
          <p class="lede">
            Your application to sell is with the co-op. Once it is approved, your stall opens here
            and you can list your work. You will see the decision on{' '}
            <a href="/account">your account page</a>.
          </p>
        ) : (
          <>
            <p class="lede">
              Stalls are for members of the co-op who sell their own work. Once a member’s
              application is approved, this is where they list their pieces and manage their stall.
            </p>
            <ol class="steps-list">
              <li>Become a member: one share, bought once and returned if you leave.</li>
              <li>Apply to sell: tell us what you make and show us where to see it.</li>
              <li>A co-op member reviews your application, usually within a few days.</li>
            </ol>
            <p class="actions">
              <a class="button button--primary" href="/sell/apply">
                Apply to sell
              </a>
            </p>
          </>
        )}
      </div>
    </Layout>
  )
}
