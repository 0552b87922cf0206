/** `POST /api/v1/seller/payouts-account`: where a seller sets up payouts with Stripe. */
import { router } from '../app.ts'
import { viewerOf } from '../access/api.ts'
import { startPayoutsOnboarding } from './service.ts'

export const payoutRoutes = router()

payoutRoutes.post('/seller/payouts-account', async (c) => {
  return c.json(await startPayoutsOnboarding(c.env, viewerOf(c), c.req.url), 201)
})
