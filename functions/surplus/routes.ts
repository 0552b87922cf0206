/**
 * The surplus API, mounted at /api/v1: the board's years, report and approval (board only; the
 * year's inputs are ./input-routes.ts), and each member's own patronage (signed in). Handlers
 * only parse and answer: ./service.ts does the work.
 */
import { z } from 'zod'

import { viewerOf } from '../access/api.ts'
import { database } from '../lib/db.ts'
import { errorsOf } from '../lib/responses.ts'
import { apiRouter, declareRoute, jsonAnswer } from '../lib/routes.ts'
import { countingDatabase } from './counting-db.ts'
import { patr1099Csv, REPORT_CONTENT_TYPES, reportCsv, reportFilename } from './exports.ts'
import { YEAR, board, inputRoutes, yearPath } from './input-routes.ts'
import { patronageSchema, reportSchema, statementSchema, yearsSchema } from './responses.ts'
import { reportQuery } from './schemas.ts'
import * as surplus from './service.ts'

export const surplusRoutes = apiRouter()
surplusRoutes.route('/', inputRoutes)

const listYearsRoute = declareRoute({
  ...board,
  method: 'get',
  path: '/board/years',
  summary: 'Every fiscal year from the first with activity to the current one, newest first.',
  responses: { 200: jsonAnswer('The years.', yearsSchema), ...errorsOf(401, 403) },
})
surplusRoutes.openapi(listYearsRoute, async (c) => {
  const items = await surplus.listYears(database(c.env.DB), c.env, new Date())
  return c.json({ items }, 200)
})

const reportRoute = declareRoute({
  ...board,
  method: 'get',
  path: `${YEAR}/report`,
  summary:
    'The report (§7): a live preview until approved, then the stored one; `format=csv` or ' +
    '`format=1099-patr` as CSV files. Server-Timing gives the D1 rows read.',
  request: { params: yearPath, query: reportQuery },
  responses: {
    200: {
      description: 'The report, as JSON or CSV.',
      content: {
        'application/json': { schema: reportSchema },
        'text/csv': { schema: z.string() },
      },
    },
    ...errorsOf(400, 401, 403),
  },
})
surplusRoutes.openapi(reportRoute, async (c) => {
  const { year } = c.req.valid('param')
  const format = c.req.valid('query').format ?? 'json'
  const { db, rowsRead } = countingDatabase(c.env.DB)
  const report = await surplus.yearReport(db, c.env, year, new Date())
  c.header('Server-Timing', `d1;desc="rows_read=${rowsRead()}"`)
  if (format === 'json') return c.json(report, 200)
  const csv = format === 'csv' ? reportCsv(report) : patr1099Csv(report)
  return c.body(csv, 200, {
    'content-type': REPORT_CONTENT_TYPES[format],
    'content-disposition': `attachment; filename="${reportFilename(report, format)}"`,
    'cache-control': 'no-store',
  })
})

const approveRoute = declareRoute({
  ...board,
  method: 'post',
  path: `${YEAR}/approve`,
  summary:
    'Approves an ended year: stores its report for good and books the reserve and the ' +
    'allocation; 409 `year_not_ended` or `already_approved`.',
  request: { params: yearPath },
  responses: {
    200: jsonAnswer('The stored report.', reportSchema),
    ...errorsOf(400, 401, 403, 409),
  },
})
surplusRoutes.openapi(approveRoute, async (c) => {
  const { year } = c.req.valid('param')
  const by = viewerOf(c).account.id
  return c.json(await surplus.approveYear(database(c.env.DB), c.env, year, by, new Date()), 200)
})

const mine = { tag: board.tag, permission: 'signedIn', csrf: 'json-api' } as const

const patronageRoute = declareRoute({
  ...mine,
  method: 'get',
  path: '/me/patronage',
  summary: "The viewer's line of every approved year, and this year's estimate so far.",
  responses: { 200: jsonAnswer('Their patronage.', patronageSchema), ...errorsOf(401) },
})
surplusRoutes.openapi(patronageRoute, async (c) => {
  const id = viewerOf(c).account.id
  return c.json(await surplus.memberPatronage(database(c.env.DB), c.env, id, new Date()), 200)
})

const statementRoute = declareRoute({
  ...mine,
  method: 'get',
  path: '/me/patronage/{year}',
  summary: "The viewer's statement of an approved year or of the current one; else 404.",
  request: { params: yearPath },
  responses: { 200: jsonAnswer('The statement.', statementSchema), ...errorsOf(400, 401, 404) },
})
surplusRoutes.openapi(statementRoute, async (c) => {
  const { year } = c.req.valid('param')
  const id = viewerOf(c).account.id
  return c.json(await surplus.memberStatement(database(c.env.DB), c.env, id, year, new Date()), 200)
})
