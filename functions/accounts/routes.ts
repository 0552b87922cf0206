/** The accounts API: sign up, sign in and out, `/me`, and the admin's role setting. */
import { database } from '../lib/db.ts'
import { AppError, notFound } from '../lib/errors.ts'
import { atomically } from '../lib/db.ts'
import { jsonBody } from '../lib/validate.ts'
import { router } from '../app.ts'
import { allow, viewerOf } from '../access/api.ts'
import { accountView, findAccountById, replaceRoles, rolesOf } from './repository.ts'
import { rolesBody, signInBody, signUpBody } from './schemas.ts'
import { signIn, signOut, signUp } from './service.ts'
import { clearSessionCookie, setSessionCookie } from './sessions.ts'

export const accountRoutes = router()

async function viewOf(d1: D1Database, accountId: string) {
  const db = database(d1)
  const account = await findAccountById(db, accountId)
  if (!account) throw notFound('The account')
  return accountView(account, await rolesOf(db, accountId))
}

accountRoutes.post('/accounts', async (c) => {
  const input = await jsonBody(c, signUpBody)
  const { accountId, token } = await signUp(c, input)
  setSessionCookie(c, token)
  return c.json(await viewOf(c.env.DB, accountId), 201)
})

accountRoutes.post('/session', async (c) => {
  const input = await jsonBody(c, signInBody)
  const { accountId, token } = await signIn(c, input)
  setSessionCookie(c, token)
  return c.json(await viewOf(c.env.DB, accountId), 200)
})

accountRoutes.delete('/session', async (c) => {
  viewerOf(c)
  await signOut(c)
  clearSessionCookie(c)
  return c.body(null, 204)
})

accountRoutes.get('/me', (c) => {
  const viewer = viewerOf(c)
  return c.json(accountView(viewer.account, viewer.roles))
})

accountRoutes.put('/admin/accounts/:id/roles', allow('admin'), async (c) => {
  const admin = viewerOf(c)
  const { roles } = await jsonBody(c, rolesBody)
  const targetId = c.req.param('id')
  const db = database(c.env.DB)
  if (!(await findAccountById(db, targetId))) throw notFound('The account')
  // An admin cannot take away their own admin role: the co-op must never lock itself out.
  if (targetId === admin.account.id && !roles.includes('admin')) {
    throw new AppError(409, 'cannot_demote_self', 'You cannot remove your own admin role.', {
      roles: 'Keep admin in your own roles; ask another admin to remove it.',
    })
  }
  await atomically(
    c.env.DB,
    replaceRoles(db, targetId, roles, admin.account.id, new Date().toISOString()),
  )
  return c.json(await viewOf(c.env.DB, targetId))
})
