/** The seller dashboard's payouts set-up: to Stripe's onboarding and back. */
import { pageRouter } from '../pages/declare.ts'
import { emptyForm } from '../pages/helpers.tsx'
import { payoutsReadyOnReturn, startPayoutsOnboarding } from './service.ts'

export const payoutPageRoutes = pageRouter()

const tag = 'Payouts'

/**
 * Sends an approved seller to Stripe's onboarding (a fresh link each time: they expire). It may
 * create the seller's Stripe account, so it is a form post with the CSRF token, never a GET.
 */
payoutPageRoutes.page(
  {
    tag,
    method: 'post',
    path: '/sell/payouts',
    summary: 'To Stripe’s onboarding, to set up payouts.',
    permission: 'approvedSeller',
    csrf: 'token',
    form: emptyForm,
  },
  async (c, { viewer }) => {
    const { onboarding_url } = await startPayoutsOnboarding(c.env, viewer, c.req.url)
    return c.redirect(onboarding_url, 303)
  },
)

// Stripe sends the seller here when an onboarding link has expired. A GET changes nothing (a
// link on another site could send anyone here): back to the dashboard, whose button asks again.
payoutPageRoutes.page(
  {
    tag,
    method: 'get',
    path: '/sell/payouts',
    summary: 'Where an expired onboarding link lands: back to the dashboard.',
    permission: 'signedIn',
    csrf: 'none',
  },
  (c) => c.redirect('/sell?done=payouts-expired', 303),
)

// Back from Stripe: read the account now rather than wait for the webhook.
payoutPageRoutes.page(
  {
    tag,
    method: 'get',
    path: '/sell/payouts/return',
    summary: 'Back from Stripe’s onboarding.',
    permission: 'signedIn',
    csrf: 'none',
  },
  async (c, { viewer }) => {
    const ready = await payoutsReadyOnReturn(c.env, viewer)
    if (ready === null) return c.redirect('/sell', 303)
    return c.redirect(`/sell?done=${ready ? 'payouts' : 'payouts-pending'}`, 303)
  },
)
