/** The membership form of the account page: buying the member share through Stripe Checkout. */
import { router } from '../app.ts'
import { pageViewer } from '../access/pages.tsx'
import { formBody } from '../lib/validate.ts'
import { checkCsrf, emptyForm } from '../pages/helpers.tsx'
import { startShareCheckout } from './service.ts'

export const membershipPageRoutes = router()

membershipPageRoutes.post('/account/membership', async (c) => {
  const viewer = pageViewer(c, 'signedIn')
  if (viewer instanceof Response) return viewer
  const form = await formBody(c, emptyForm)
  checkCsrf(c, form.raw)
  if (viewer.account.membership_status === 'active') return c.redirect('/account', 303)
  const { checkout_url } = await startShareCheckout(c.env, viewer, c.req.url)
  return c.redirect(checkout_url, 303)
})
