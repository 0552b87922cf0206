import { ErrorSummary } from '../components/forms'
import { Layout, type PageProps } from '../components/Layout'
import { type ListingCardData, ListingGrid, NextPageLink } from '../components/ListingGrid'
import { type CategoryOption, SearchFilters, type SearchValues } from '../components/SearchForm'

/** Props of {@link SearchPage}. */
export type SearchPageProps = PageProps & {
  values: SearchValues
  categories: CategoryOption[]
  errors: Record<string, string>
  listings: ListingCardData[]
  nextHref: string | null
  canonicalUrl: string
}

/** Search and browse: words, filters and sort in a GET form, results a keyset page at a time. */
export function SearchPage(props: SearchPageProps) {
  const q = props.values.q.trim()
  const title = q ? `Search: ${q}` : 'Browse the stalls'
  const failed = Object.keys(props.errors).length > 0
  return (
    <Layout
      title={failed ? `Error: ${title}` : title}
      description="Search handmade work, prints and downloads by the artists of the Fairstall co-op."
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
      canonicalUrl={props.canonicalUrl}
    >
      <h1>{q ? <>Results for “{q}”</> : 'Browse the stalls'}</h1>
      <div class="search-layout">
        <aside class="search-layout__filters" aria-label="Search and filters">
          <ErrorSummary errors={props.errors} />
          <SearchFilters
            values={props.values}
            categories={props.categories}
            errors={props.errors}
          />
        </aside>
        <section class="search-layout__results" aria-labelledby="results-title">
          <h2 id="results-title" class="visually-hidden">
            Results
          </h2>
          {failed ? (
            <p class="empty-state">Fix the filters to see results.</p>
          ) : (
            <ListingGrid
              listings={props.listings}
              empty={
                q
                  ? 'Nothing matches those words and filters. Try fewer words or a wider price range.'
                  : 'Nothing matches those filters yet.'
              }
            />
          )}
          <NextPageLink href={props.nextHref} />
        </section>
      </div>
    </Layout>
  )
}
