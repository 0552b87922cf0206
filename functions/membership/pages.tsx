/**
 * The membership forms of the account page: buying the member share through Stripe Checkout, and
 * asking to withdraw (an admin then records it).
 */
import { router } from '../app.ts'
import { pageViewer } from '../access/pages.tsx'
import { AppError } from '../lib/errors.ts'
import { formBody } from '../lib/validate.ts'
import { checkCsrf, emptyForm } from '../pages/helpers.tsx'
import { withdrawalRequestBody } from './schemas.ts'
import { startShareCheckout } from './service.ts'
import { requestWithdrawal } from './withdrawal.ts'

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

membershipPageRoutes.post('/account/withdrawal', async (c) => {
  const viewer = pageViewer(c, 'activeMember')
  if (viewer instanceof Response) return viewer
  const form = await formBody(c, withdrawalRequestBody)
  checkCsrf(c, form.raw)
  if (!form.ok) {
    throw new AppError(400, 'invalid_input', 'The reason could not be read.', form.errors)
  }
  try {
    await requestWithdrawal(c.env, viewer, form.data)
  } catch (error) {
    // Asked already (a second tab, a double click): the account page shows the request.
    if (!(error instanceof AppError && error.code === 'withdrawal_pending')) throw error
  }
  return c.redirect('/account?withdrawal=requested', 303)
})
