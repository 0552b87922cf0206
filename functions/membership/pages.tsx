/**
 * The membership forms of the account page: buying the member share through Stripe Checkout, and
 * asking to withdraw (an admin then records it).
 */
import { AppError } from '../lib/errors.ts'
import { pageRouter } from '../pages/declare.ts'
import { emptyForm } from '../pages/helpers.tsx'
import { withdrawalRequestBody } from './schemas.ts'
import { startShareCheckout } from './service.ts'
import { requestWithdrawal } from './withdrawal.ts'

export const membershipPageRoutes = pageRouter()

const tag = 'Membership'

membershipPageRoutes.page(
  {
    tag,
    method: 'post',
    path: '/account/membership',
    summary: 'To Stripe Checkout, to buy the member share.',
    permission: 'signedIn',
    csrf: 'token',
    form: emptyForm,
  },
  async (c, { viewer }) => {
    if (viewer.account.membership_status === 'active') return c.redirect('/account', 303)
    const { checkout_url } = await startShareCheckout(c.env, viewer, c.req.url)
    return c.redirect(checkout_url, 303)
  },
)

membershipPageRoutes.page(
  {
    tag,
    method: 'post',
    path: '/account/withdrawal',
    summary: 'Asks to withdraw from the co-op.',
    permission: 'activeMember',
    csrf: 'token',
    form: withdrawalRequestBody,
  },
  async (c, { viewer, form }) => {
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
  },
)
