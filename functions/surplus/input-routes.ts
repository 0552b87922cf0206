/**
 * The board's inputs of a year, mounted by ./routes.ts: its rules (and a preview under draft
 * rules), its income and expense entries, and its workers' hours. Board only.
 */
import { z } from 'zod'

import { viewerOf } from '../access/api.ts'
import { database } from '../lib/db.ts'
import { errorsOf } from '../lib/responses.ts'
import { apiRouter, declareRoute, jsonAnswer, jsonBody } from '../lib/routes.ts'
import { entrySchema, hoursSchema, reportSchema, rulesAnswer } from './responses.ts'
import { surplusRules } from './rules.ts'
import { entryInput, hoursInput, toHundredths, yearParam } from './schemas.ts'
import * as surplus from './service.ts'

export const inputRoutes = apiRouter()

/** What every board route declares. */
export const board = { tag: 'Surplus', permission: 'board', csrf: 'json-api' } as const
/** The path of a year's routes, and its parameter. */
export const YEAR = '/board/years/{year}'
export const yearPath = z.object({ year: yearParam })

const getRulesRoute = declareRoute({
  ...board,
  method: 'get',
  path: `${YEAR}/rules`,
  summary: "The year's rules, or the defaults when the board has set none.",
  request: { params: yearPath },
  responses: { 200: jsonAnswer('The rules.', rulesAnswer), ...errorsOf(400, 401, 403) },
})
inputRoutes.openapi(getRulesRoute, async (c) => {
  const { year } = c.req.valid('param')
  return c.json(await surplus.yearRules(database(c.env.DB), c.env, year), 200)
})

const putRulesRoute = declareRoute({
  ...board,
  method: 'put',
  path: `${YEAR}/rules`,
  summary: "Sets the year's rules (§4); 409 `year_approved` once the year is approved.",
  request: { params: yearPath, body: jsonBody(surplusRules) },
  responses: { 200: jsonAnswer('The rules as stored.', rulesAnswer), ...errorsOf(401, 403, 409) },
})
inputRoutes.openapi(putRulesRoute, async (c) => {
  const { year } = c.req.valid('param')
  const db = database(c.env.DB)
  await surplus.saveRules(db, c.env, year, c.req.valid('json'), viewerOf(c).account.id, new Date())
  return c.json(await surplus.yearRules(db, c.env, year), 200)
})

const previewRoute = declareRoute({
  ...board,
  method: 'post',
  path: `${YEAR}/preview`,
  summary: 'The report under the given rules, nothing stored (the stored report once approved).',
  request: { params: yearPath, body: jsonBody(z.strictObject({ rules: surplusRules })) },
  responses: { 200: jsonAnswer('The report.', reportSchema), ...errorsOf(401, 403) },
})
inputRoutes.openapi(previewRoute, async (c) => {
  const { year } = c.req.valid('param')
  const { rules } = c.req.valid('json')
  return c.json(await surplus.yearReport(database(c.env.DB), c.env, year, new Date(), rules), 200)
})

const listEntriesRoute = declareRoute({
  ...board,
  method: 'get',
  path: `${YEAR}/entries`,
  summary: "The board's income and expense lines of the year, by date.",
  request: { params: yearPath },
  responses: {
    200: jsonAnswer('The entries.', z.object({ items: z.array(entrySchema) })),
    ...errorsOf(400, 401, 403),
  },
})
inputRoutes.openapi(listEntriesRoute, async (c) => {
  const { year } = c.req.valid('param')
  return c.json({ items: await surplus.listEntries(database(c.env.DB), c.env, year) }, 200)
})

const addEntryRoute = declareRoute({
  ...board,
  method: 'post',
  path: `${YEAR}/entries`,
  summary: 'Adds an income or expense line dated in the year, booked in the ledger.',
  request: { params: yearPath, body: jsonBody(entryInput) },
  responses: { 201: jsonAnswer('The entry.', entrySchema), ...errorsOf(401, 403, 409) },
})
inputRoutes.openapi(addEntryRoute, async (c) => {
  const { year } = c.req.valid('param')
  const by = viewerOf(c).account.id
  const entry = await surplus.addEntry(
    database(c.env.DB),
    c.env,
    year,
    c.req.valid('json'),
    by,
    new Date(),
  )
  return c.json(entry, 201)
})

const withHours = (row: { member_id: string; display_name: string; hundredths: number }) => ({
  ...row,
  hours: row.hundredths / 100,
})

const listHoursRoute = declareRoute({
  ...board,
  method: 'get',
  path: `${YEAR}/hours`,
  summary: 'Every current worker and anyone with hours recorded for the year, by name.',
  request: { params: yearPath },
  responses: {
    200: jsonAnswer('The hours.', z.object({ items: z.array(hoursSchema) })),
    ...errorsOf(400, 401, 403),
  },
})
inputRoutes.openapi(listHoursRoute, async (c) => {
  const { year } = c.req.valid('param')
  const rows = await surplus.listHours(database(c.env.DB), c.env, year)
  return c.json({ items: rows.map(withHours) }, 200)
})

const setHoursRoute = declareRoute({
  ...board,
  method: 'put',
  path: `${YEAR}/hours/{member_id}`,
  summary: "A worker's hours for the year (at most two decimals), stored as hundredths.",
  request: {
    params: z.object({ year: yearParam, member_id: z.string().max(100) }),
    body: jsonBody(hoursInput),
  },
  responses: { 200: jsonAnswer('The hours.', hoursSchema), ...errorsOf(401, 403, 404, 409) },
})
inputRoutes.openapi(setHoursRoute, async (c) => {
  const { year, member_id } = c.req.valid('param')
  const hundredths = toHundredths(c.req.valid('json').hours)
  const by = viewerOf(c).account.id
  const db = database(c.env.DB)
  const row = await surplus.setHours(db, c.env, year, member_id, hundredths, by, new Date())
  return c.json(withHours(row), 200)
})
