/**
 * The seller's sales API: `GET /api/v1/sales`, a page of their sold lines as JSON, or with
 * `?format=csv` every line of the date range as a CSV download for their books.
 */
import { z } from 'zod'

import { viewerOf } from '../access/api.ts'
import { errorsOf } from '../lib/responses.ts'
import { apiRouter, declareRoute } from '../lib/routes.ts'
import { csvFileName, salesCsv } from './csv.ts'
import { salePageSchema } from './responses.ts'
import { salesQuery } from './schemas.ts'
import { allSales, salesPage } from './service.ts'

export const salesRoutes = apiRouter()

const salesRoute = declareRoute({
  method: 'get',
  path: '/sales',
  tag: 'Orders',
  summary:
    "The seller's sold lines of paid orders (newest first), with payout and transfer; " +
    '`format=csv` answers the whole date range as a CSV file (UTF-8 with BOM, CRLF).',
  permission: 'approvedSeller',
  csrf: 'json-api',
  request: { query: salesQuery },
  responses: {
    200: {
      description: 'A page of sales, or with `format=csv` the range as CSV.',
      content: {
        'application/json': { schema: salePageSchema },
        'text/csv': { schema: z.string() },
      },
    },
    ...errorsOf(400, 401, 403),
  },
})

salesRoutes.openapi(salesRoute, async (c) => {
  const { from, to, limit, cursor, format } = c.req.valid('query')
  const range = { from, to }
  if (format !== 'csv')
    return c.json(await salesPage(c.env, viewerOf(c), range, limit, cursor), 200)
  const csv = salesCsv(await allSales(c.env, viewerOf(c), range))
  const name = csvFileName(range, new Date().toISOString().slice(0, 10))
  return c.body(csv, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'no-store',
  })
})
