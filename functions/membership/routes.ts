/**
 * Membership: buying the share, asking to withdraw, and (admins) recording a withdrawal.
 * `membershipRoutes` is mounted at /api/v1/membership, `membershipAdminRoutes` at /api/v1.
 */
import { router } from '../app.ts'
import { allow, viewerOf } from '../access/api.ts'
import { jsonBody } from '../lib/validate.ts'
import { withdrawalRecordBody, withdrawalRequestBody } from './schemas.ts'
import { startShareCheckout } from './service.ts'
import { recordWithdrawal, requestWithdrawal } from './withdrawal.ts'

export const membershipRoutes = router()

membershipRoutes.post('/checkout', async (c) => {
  const result = await startShareCheckout(c.env, viewerOf(c), c.req.url)
  return c.json(result, 201)
})

membershipRoutes.post('/withdrawal', allow('activeMember'), async (c) => {
  const input = await jsonBody(c, withdrawalRequestBody)
  return c.json(await requestWithdrawal(c.env, viewerOf(c), input), 202)
})

export const membershipAdminRoutes = router()

membershipAdminRoutes.post('/admin/accounts/:id/withdrawal', allow('admin'), async (c) => {
  const input = await jsonBody(c, withdrawalRecordBody)
  return c.json(await recordWithdrawal(c.env, viewerOf(c), c.req.param('id'), input))
})
