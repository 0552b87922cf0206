/**
 * The accounts pages: sign up, sign in and out, and the account page. Plain urlencoded forms,
 * so they work without JavaScript; the handlers call the same services as the JSON API.
 */
import type { Context } from 'hono'

import { AccountPage } from '../../web/pages/AccountPage.tsx'
import { SignInPage } from '../../web/pages/SignInPage.tsx'
import { SignUpPage } from '../../web/pages/SignUpPage.tsx'
import type { AppEnv, Viewer } from '../app.ts'
import { currency, memberShareCents } from '../lib/config.ts'
import { AppError } from '../lib/errors.ts'
import { membershipPageState } from '../membership/status.ts'
import { pageRouter } from '../pages/declare.ts'
import { emptyForm } from '../pages/helpers.tsx'
import { html, pageBase } from '../pages/render.tsx'
import { latestApplication } from '../sellers/service.ts'
import { safeNext } from './redirects.ts'
import { accountView } from './repository.ts'
import { signInBody, signUpBody } from './schemas.ts'
import { signIn, signOut, signUp } from './service.ts'
import { setDevice } from './devices.ts'
import { clearSessionCookie, setSessionCookie } from './sessions.ts'

export const accountPageRoutes = pageRouter()

const tag = 'Accounts'

type Ctx = Context<AppEnv>

/** Where sign-in lands when it was not sent from another page (or `next` was not safe). */
const AFTER_SIGN_IN = '/account'

accountPageRoutes.page(
  {
    tag,
    method: 'get',
    path: '/signup',
    summary: 'The sign-up form.',
    permission: 'anonymous',
    csrf: 'none',
  },
  (c) => html(c, <SignUpPage {...pageBase(c)} values={{}} />),
)

accountPageRoutes.page(
  {
    tag,
    method: 'post',
    path: '/signup',
    summary: 'Creates an account and signs it in.',
    permission: 'anonymous',
    csrf: 'origin',
    form: signUpBody.strip(),
  },
  async (c, { form }) => {
    const values = { email: form.raw.email, display_name: form.raw.display_name }
    if (!form.ok)
      return html(c, <SignUpPage {...pageBase(c)} values={values} errors={form.errors} />, 400)
    try {
      const { token, device } = await signUp(c, form.data)
      setSessionCookie(c, token)
      setDevice(c, device)
    } catch (error) {
      if (error instanceof AppError && error.fields) {
        return html(
          c,
          <SignUpPage {...pageBase(c)} values={values} errors={error.fields} />,
          error.status,
        )
      }
      throw error
    }
    return c.redirect('/account?welcome=1', 303)
  },
)

// An unsafe `next` is dropped here already, so the form never carries it.
accountPageRoutes.page(
  {
    tag,
    method: 'get',
    path: '/signin',
    summary: 'The sign-in form.',
    permission: 'anonymous',
    csrf: 'none',
  },
  (c) => {
    const next = safeNext(c.req.query('next'), '')
    return html(c, <SignInPage {...pageBase(c)} values={{}} next={next || undefined} />)
  },
)

accountPageRoutes.page(
  {
    tag,
    method: 'post',
    path: '/signin',
    summary: 'Signs in, then back to the page that asked.',
    permission: 'anonymous',
    csrf: 'origin',
    form: signInBody.strip(),
  },
  async (c, { form }) => {
    // Checked before the session is written, so nothing after sign-in can fail on it.
    const target = safeNext(form.raw.next, AFTER_SIGN_IN)
    const next = target === AFTER_SIGN_IN ? undefined : target
    const page = (formError: string, status: 400 | 401 | 429) =>
      html(
        c,
        <SignInPage
          {...pageBase(c)}
          values={{ email: form.raw.email }}
          next={next}
          formError={formError}
        />,
        status,
      )
    if (!form.ok) return page('Enter your email address and password.', 400)
    try {
      const { token, device } = await signIn(c, form.data)
      setSessionCookie(c, token)
      setDevice(c, device)
    } catch (error) {
      if (error instanceof AppError && (error.status === 401 || error.status === 429)) {
        return page(error.message, error.status)
      }
      throw error
    }
    return c.redirect(target, 303)
  },
)

// Anyone may sign out; a signed-in session's token is checked first.
accountPageRoutes.page(
  {
    tag,
    method: 'post',
    path: '/signout',
    summary: 'Signs out.',
    permission: 'anonymous',
    csrf: 'token',
    form: emptyForm,
  },
  async (c) => {
    await signOut(c)
    clearSessionCookie(c)
    return c.redirect('/', 303)
  },
)

/** Notices the account page shows after a redirect, keyed by the query parameter that asks. */
const accountNotices = {
  welcome: { kind: 'success', message: 'Welcome to Fairstall! Your account is ready.' },
  applied: {
    kind: 'success',
    message: 'Thank you! Your application is with the admins; you will see their decision here.',
  },
  'share=paid': {
    kind: 'success',
    message:
      'Thank you! Your payment went through; your membership becomes active as soon as Stripe confirms it.',
  },
  withdrawal: {
    kind: 'success',
    message:
      'Your withdrawal request is with the admins. Your membership goes on until they record it.',
  },
  'share=cancelled': {
    kind: 'info',
    message: 'Payment cancelled. You can buy your share whenever you are ready.',
  },
} as const

function accountNotice(c: Ctx) {
  const share = c.req.query('share')
  if (share === 'paid' || share === 'cancelled') return accountNotices[`share=${share}`]
  if (c.req.query('withdrawal') === 'requested') return accountNotices.withdrawal
  if (c.req.query('applied')) return accountNotices.applied
  if (c.req.query('welcome')) return accountNotices.welcome
  return undefined
}

async function accountPageProps(c: Ctx, viewer: Viewer) {
  return {
    account: accountView(viewer.account, viewer.roles),
    application: await latestApplication(c.env, viewer.account.id),
    membershipState: await membershipPageState(c.env, viewer.account, c.req.query('share')),
  }
}

accountPageRoutes.page(
  {
    tag,
    method: 'get',
    path: '/account',
    summary: 'The account page: membership, selling, notices.',
    permission: 'signedIn',
    csrf: 'none',
  },
  async (c, { viewer }) =>
    html(
      c,
      <AccountPage
        {...pageBase(c)}
        {...await accountPageProps(c, viewer)}
        shareCents={memberShareCents(c.env)}
        currency={currency(c.env)}
        flash={accountNotice(c)}
      />,
    ),
)
