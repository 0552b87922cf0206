/** The seller dashboard's payouts set-up: to Stripe's onboarding and back. */
import { router } from '../app.ts'
import { pageViewer } from '../access/pages.tsx'
import { formBody } from '../lib/validate.ts'
import { anyFields, checkCsrf } from '../pages/helpers.tsx'
import { payoutsReadyOnReturn, startPayoutsOnboarding } from './service.ts'

export const payoutPageRoutes = router()

/**
 * Sends an approved seller to Stripe's onboarding (a fresh link each time: they expire). It may
 * create the seller's Stripe account, so it is a form post with the CSRF token, never a GET.
 */
payoutPageRoutes.post('/sell/payouts', async (c) => {
  const viewer = pageViewer(c, 'signedIn')
  if (viewer instanceof Response) return viewer
  const form = await formBody(c, anyFields)
  checkCsrf(c, form.raw)
  const { onboarding_url } = await startPayoutsOnboarding(c.env, viewer, c.req.url)
  return c.redirect(onboarding_url, 303)
})

// Stripe sends the seller here when an onboarding link has expired. A GET changes nothing (a
// link on another site could send anyone here): back to the dashboard, whose button asks again.
payoutPageRoutes.get('/sell/payouts', (c) => {
  const viewer = pageViewer(c, 'signedIn')
  if (viewer instanceof Response) return viewer
  return c.redirect('/sell?done=payouts-expired', 303)
})

// Back from Stripe: read the account now rather than wait for the webhook.
payoutPageRoutes.get('/sell/payouts/return', async (c) => {
  const viewer = pageViewer(c, 'signedIn')
  if (viewer instanceof Response) return viewer
  const ready = await payoutsReadyOnReturn(c.env, viewer)
  if (ready === null) return c.redirect('/sell', 303)
  return c.redirect(`/sell?done=${ready ? 'payouts' : 'payouts-pending'}`, 303)
})
