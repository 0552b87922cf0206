/** `POST /api/v1/membership/checkout`: the Checkout page where the viewer buys their share. */
import { router } from '../app.ts'
import { viewerOf } from '../accounts/guards.ts'
import { startShareCheckout } from './service.ts'

export const membershipRoutes = router()

membershipRoutes.post('/checkout', async (c) => {
  const result = await startShareCheckout(c.env, viewerOf(c), c.req.url)
  return c.json(result, 201)
})
