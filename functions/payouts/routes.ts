/** `POST /api/v1/seller/payouts-account`: where a seller sets up payouts with Stripe. */
import { viewerOf } from '../access/api.ts'
import { errorsOf } from '../lib/responses.ts'
import { apiRouter, declareRoute, jsonAnswer } from '../lib/routes.ts'
import { onboardingSchema } from './responses.ts'
import { startPayoutsOnboarding } from './service.ts'

export const payoutRoutes = apiRouter()

const onboardingRoute = declareRoute({
  method: 'post',
  path: '/seller/payouts-account',
  tag: 'Payouts',
  summary: "Creates the seller's Stripe account if needed; answers the onboarding link.",
  permission: 'approvedSeller',
  message: 'Only approved sellers set up payouts.',
  csrf: 'json-api',
  responses: {
    201: jsonAnswer('The onboarding link.', onboardingSchema),
    ...errorsOf(401, 403, 502, 503),
  },
})

payoutRoutes.openapi(onboardingRoute, async (c) => {
  return c.json(await startPayoutsOnboarding(c.env, viewerOf(c), c.req.url), 201)
})
