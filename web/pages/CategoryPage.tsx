import { Layout, type PageProps } from '../components/Layout'
import { type ListingCardData, ListingGrid, NextPageLink } from '../components/ListingGrid'

type CategoryLink = { slug: string; name: string }

/** Props of {@link CategoryPage}. */
export type CategoryPageProps = PageProps & {
  category: CategoryLink
  parent: CategoryLink | null
  children: CategoryLink[]
  listings: ListingCardData[]
  nextHref: string | null
  canonicalUrl: string
}

/** One category: its sub-categories, then its newest listings (its children's included). */
export function CategoryPage(props: CategoryPageProps) {
  const { category } = props
  return (
    <Layout
      title={category.name}
      description={`${category.name} made and sold by the artists of the Fairstall co-op.`}
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
      canonicalUrl={props.canonicalUrl}
    >
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <ol>
          <li>
            <a href="/search">All</a>
          </li>
          {props.parent && (
            <li>
              <a href={`/categories/${props.parent.slug}`}>{props.parent.name}</a>
            </li>
          )}
        </ol>
      </nav>
      <h1>{category.name}</h1>
      {props.children.length > 0 && (
        <nav class="chips" aria-label={`Kinds of ${category.name}`}>
          <ul class="tag-list">
            {props.children.map((child) => (
              <li key={child.slug}>
                <a class="tag" href={`/categories/${child.slug}`}>
                  {child.name}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <section class="section" aria-labelledby="category-listings">
        <h2 id="category-listings">Newest</h2>
        <ListingGrid
          listings={props.listings}
          empty={`Nothing in ${category.name} yet. Have a look around the other stalls.`}
        />
        <NextPageLink href={props.nextHref} />
      </section>
    </Layout>
  )
}
