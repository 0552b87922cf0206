/** The accounts API: sign up, sign in and out, `/me`, and the admin's role setting. */
import { database } from '../lib/db.ts'
import { AppError, notFound } from '../lib/errors.ts'
import { atomically } from '../lib/db.ts'
import { errorsOf, idParams } from '../lib/responses.ts'
import { apiRouter, declareRoute, jsonAnswer, jsonBody } from '../lib/routes.ts'
import { viewerOf } from '../access/api.ts'
import { roleChangeAuditStatements } from '../audit/log.ts'
import { accountView, findAccountById, replaceRoles, rolesOf } from './repository.ts'
import { accountSchema } from './responses.ts'
import { rolesBody, signInBody, signUpBody } from './schemas.ts'
import { signIn, signOut, signUp } from './service.ts'
import { setDevice } from './devices.ts'
import { clearSessionCookie, setSessionCookie } from './sessions.ts'

export const accountRoutes = apiRouter()

async function viewOf(d1: D1Database, accountId: string) {
  const db = database(d1)
  const account = await findAccountById(db, accountId)
  if (!account) throw notFound('The account')
  return accountView(account, await rolesOf(db, accountId))
}

const tag = 'Accounts'

const signUpRoute = declareRoute({
  method: 'post',
  path: '/accounts',
  tag,
  summary: 'Sign up: creates the account and signs it in (session cookie).',
  permission: 'anonymous',
  csrf: 'json-api',
  rateLimit: 'signUp',
  request: { body: jsonBody(signUpBody) },
  responses: {
    201: jsonAnswer('The new account.', accountSchema),
    ...errorsOf(400, 409, 413, 415, 429),
  },
})

accountRoutes.openapi(signUpRoute, async (c) => {
  const { accountId, token, device } = await signUp(c, c.req.valid('json'))
  setSessionCookie(c, token)
  setDevice(c, device)
  return c.json(await viewOf(c.env.DB, accountId), 201)
})

const signInRoute = declareRoute({
  method: 'post',
  path: '/session',
  tag,
  summary: 'Sign in (session cookie).',
  permission: 'anonymous',
  csrf: 'json-api',
  rateLimit: 'signIn',
  request: { body: jsonBody(signInBody) },
  responses: {
    200: jsonAnswer('The signed-in account.', accountSchema),
    ...errorsOf(400, 401, 413, 415, 429),
  },
})

accountRoutes.openapi(signInRoute, async (c) => {
  const { accountId, token, device } = await signIn(c, c.req.valid('json'))
  setSessionCookie(c, token)
  setDevice(c, device)
  return c.json(await viewOf(c.env.DB, accountId), 200)
})

const signOutRoute = declareRoute({
  method: 'delete',
  path: '/session',
  tag,
  summary: 'Sign out: ends this session.',
  permission: 'signedIn',
  csrf: 'json-api',
  responses: { 204: { description: 'Signed out.' }, ...errorsOf(401) },
})

accountRoutes.openapi(signOutRoute, async (c) => {
  await signOut(c)
  clearSessionCookie(c)
  return c.body(null, 204)
})

const meRoute = declareRoute({
  method: 'get',
  path: '/me',
  tag,
  summary: 'The signed-in account.',
  permission: 'signedIn',
  csrf: 'json-api',
  responses: { 200: jsonAnswer('The account.', accountSchema), ...errorsOf(401) },
})

accountRoutes.openapi(meRoute, (c) => {
  const viewer = viewerOf(c)
  return c.json(accountView(viewer.account, viewer.roles), 200)
})

const rolesRoute = declareRoute({
  method: 'put',
  path: '/admin/accounts/{id}/roles',
  tag,
  summary: "Sets an account's staff roles (admin, board, worker).",
  permission: 'admin',
  csrf: 'json-api',
  request: { params: idParams, body: jsonBody(rolesBody) },
  responses: {
    200: jsonAnswer('The account with its new roles.', accountSchema),
    ...errorsOf(400, 401, 403, 404, 409, 413, 415),
  },
})

accountRoutes.openapi(rolesRoute, async (c) => {
  const admin = viewerOf(c)
  const { roles } = c.req.valid('json')
  const targetId = c.req.valid('param').id
  const db = database(c.env.DB)
  if (!(await findAccountById(db, targetId))) throw notFound('The account')
  // An admin cannot take away their own admin role: the co-op must never lock itself out.
  if (targetId === admin.account.id && !roles.includes('admin')) {
    throw new AppError(409, 'cannot_demote_self', 'You cannot remove your own admin role.', {
      roles: 'Keep admin in your own roles; ask another admin to remove it.',
    })
  }
  const at = new Date().toISOString()
  await atomically(c.env.DB, [
    // Before the change, in its batch: the log compares against the roles inside the batch.
    ...roleChangeAuditStatements(c.env.DB, admin.account.id, targetId, roles, at),
    ...replaceRoles(db, targetId, roles, admin.account.id, at),
  ])
  return c.json(await viewOf(c.env.DB, targetId), 200)
})
