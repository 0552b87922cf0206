import { ErrorSummary } from '../components/forms'
import { Layout, type PageProps } from '../components/Layout'
import { SalesRangeForm, rangeQuery } from '../components/sales/SalesRangeForm'
import { SalesTable } from '../components/sales/SalesTable'
import type { SaleLine, SalesRangeValues } from '../components/sales/types'

/** Props of {@link SalesPage}. */
export type SalesPageProps = PageProps & {
  sales: SaleLine[]
  range: SalesRangeValues
  /** The range's problems, by field; the table is empty while there are any. */
  errors: Record<string, string>
  nextCursor: string | null
}

/** "My sales": the seller's sold lines with buyer, ship-to and payout, and their CSV. */
export function SalesPage(props: SalesPageProps) {
  const filtered = Boolean(props.range.from || props.range.to)
  return (
    <Layout
      title="My sales"
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <div class="page-head">
        <h1>My sales</h1>
        <p class="actions">
          <a href="/sell">Back to your stall</a>
        </p>
      </div>
      <p class="small">
        Each piece sold, newest payment first. Your payout is the price and shipping, less the
        co-op’s commission, less refunds (a refund gives back its share of the commission). Dates
        are in UTC.
      </p>
      <ErrorSummary errors={props.errors} />
      <SalesRangeForm range={props.range} errors={props.errors} />
      {props.sales.length === 0 ? (
        <p class="empty-state">
          {filtered ? 'No sales were paid in these dates.' : 'No sales yet.'}
        </p>
      ) : (
        <SalesTable
          sales={props.sales}
          csrfToken={props.csrfToken}
          back={`/sell/sales${rangeQuery(props.range)}`}
        />
      )}
      {props.nextCursor && (
        <p class="pager">
          <a
            class="button button--secondary"
            href={`/sell/sales${rangeQuery(props.range, { cursor: props.nextCursor })}`}
          >
            Older sales
          </a>
        </p>
      )}
    </Layout>
  )
}
