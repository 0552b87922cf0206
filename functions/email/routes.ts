/** The email preferences API: `GET/PUT /api/v1/me/email-preferences`. */
import { viewerOf } from '../access/api.ts'
import { errorsOf } from '../lib/responses.ts'
import { apiRouter, declareRoute, jsonAnswer, jsonBody } from '../lib/routes.ts'
import { preferencesSchema, readPreferences, savePreferences } from './preferences.ts'

export const emailRoutes = apiRouter()

const tag = 'Accounts'

const readRoute = declareRoute({
  method: 'get',
  path: '/me/email-preferences',
  tag,
  summary: 'Which optional emails you get (the others are always sent).',
  permission: 'signedIn',
  csrf: 'json-api',
  responses: { 200: jsonAnswer('Your choices.', preferencesSchema), ...errorsOf(401) },
})

emailRoutes.openapi(readRoute, async (c) => {
  return c.json(await readPreferences(c.env, viewerOf(c).account.id), 200)
})

const saveRoute = declareRoute({
  method: 'put',
  path: '/me/email-preferences',
  tag,
  summary: 'Chooses which optional emails you get: all three categories, each on or off.',
  permission: 'signedIn',
  csrf: 'json-api',
  request: { body: jsonBody(preferencesSchema) },
  responses: {
    200: jsonAnswer('Your choices.', preferencesSchema),
    ...errorsOf(400, 401, 413, 415),
  },
})

emailRoutes.openapi(saveRoute, async (c) => {
  const account = viewerOf(c).account.id
  return c.json(await savePreferences(c.env, account, c.req.valid('json'), new Date()), 200)
})
