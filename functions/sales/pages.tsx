/**
 * The seller's "My sales" page (`/sell/sales`): the same lines as `GET /api/v1/sales`, read
 * through the same service, with a date-range form (a GET, so it works without JavaScript) and
 * a link to the range's CSV.
 */
import { SalesPage } from '../../web/pages/SalesPage.tsx'
import { pageRouter } from '../pages/declare.ts'
import { html, pageBase } from '../pages/render.tsx'
import { fieldsFromIssues } from '../lib/validate.ts'
import { salesPageQuery } from './schemas.ts'
import { salesPage } from './service.ts'

export const salesPageRoutes = pageRouter()

/** Sales per page: a seller's month fits on one or two. */
const PAGE_SIZE = 50

salesPageRoutes.page(
  {
    tag: 'Orders',
    method: 'get',
    path: '/sell/sales',
    summary: "The seller's sales: buyer, ship-to, commission, payout and status of each line.",
    permission: 'approvedSeller',
    csrf: 'none',
  },
  async (c, { viewer }) => {
    const query = c.req.query()
    const range = { from: query.from ?? '', to: query.to ?? '' }
    // An empty date box means "no bound", as the form sends it.
    const parsed = salesPageQuery.safeParse({
      from: range.from || undefined,
      to: range.to || undefined,
      cursor: query.cursor || undefined,
    })
    if (!parsed.success) {
      const errors = fieldsFromIssues(parsed.error.issues)
      const page = (
        <SalesPage {...pageBase(c)} sales={[]} range={range} errors={errors} nextCursor={null} />
      )
      return html(c, page, 400)
    }
    const { from, to, cursor } = parsed.data
    const sales = await salesPage(c.env, viewer, { from, to }, PAGE_SIZE, cursor)
    // Back from a refund form (functions/refunds/pages.tsx): the refund job takes it to Stripe.
    const flash =
      query.refund === 'requested'
        ? ({ kind: 'success', message: 'The refund is on its way to Stripe.' } as const)
        : query.shipped
          ? ({
              kind: 'success',
              message: 'Marked shipped: the buyer is emailed the tracking.',
            } as const)
          : undefined
    return html(
      c,
      <SalesPage
        {...pageBase(c)}
        flash={flash}
        sales={sales.items}
        range={range}
        errors={{}}
        nextCursor={sales.next_cursor}
      />,
    )
  },
)
