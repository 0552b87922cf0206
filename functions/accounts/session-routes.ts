/** The member's sessions over the API: `GET/DELETE /me/sessions` and `DELETE /me/sessions/:id`. */
import { z } from 'zod'

import { viewerOf } from '../access/api.ts'
import { errorsOf, idParams, timestamp } from '../lib/responses.ts'
import { apiRouter, declareRoute, jsonAnswer } from '../lib/routes.ts'
import { endOtherSessions, endSession, listSessions } from './session-list.ts'
import { clearSessionCookie } from './sessions.ts'

export const sessionRoutes = apiRouter()

const tag = 'Accounts'

const sessionSchema = z.object({
  id: z.string(),
  created_at: timestamp,
  last_seen_at: timestamp,
  client: z.string().describe('A rough "Firefox on Linux", read from the User-Agent at sign-in.'),
  current: z.boolean().describe('True for the session this request came with.'),
})

const listRoute = declareRoute({
  method: 'get',
  path: '/me/sessions',
  tag,
  summary: "The member's signed-in sessions, this one first.",
  permission: 'signedIn',
  csrf: 'json-api',
  responses: {
    200: jsonAnswer('The sessions.', z.object({ items: z.array(sessionSchema) })),
    ...errorsOf(401),
  },
})

sessionRoutes.openapi(listRoute, async (c) => {
  const items = await listSessions(c.env.DB, viewerOf(c), new Date())
  return c.json({ items }, 200)
})

const endOneRoute = declareRoute({
  method: 'delete',
  path: '/me/sessions/{id}',
  tag,
  summary: 'Ends one of the member’s sessions (this one too: that signs out).',
  permission: 'signedIn',
  csrf: 'json-api',
  request: { params: idParams },
  responses: { 204: { description: 'Ended.' }, ...errorsOf(401, 404) },
})

sessionRoutes.openapi(endOneRoute, async (c) => {
  const { id } = c.req.valid('param')
  const { current } = await endSession(c.env.DB, viewerOf(c), id)
  if (current) clearSessionCookie(c)
  return c.body(null, 204)
})

const endOthersRoute = declareRoute({
  method: 'delete',
  path: '/me/sessions',
  tag,
  summary: 'Signs out everywhere else: ends every session but this one.',
  permission: 'signedIn',
  csrf: 'json-api',
  responses: { 204: { description: 'The other sessions ended.' }, ...errorsOf(401) },
})

sessionRoutes.openapi(endOthersRoute, async (c) => {
  await endOtherSessions(c.env.DB, viewerOf(c))
  return c.body(null, 204)
})
