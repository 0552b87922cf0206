/**
 * The server-rendered pages. Every form posts here as plain urlencoded HTML, so the site works
 * without JavaScript; the handlers call the same services as the JSON API.
 */
import type { Context } from 'hono'
import { z } from 'zod'

import { AccountPage } from '../../web/pages/AccountPage.tsx'
import { AdminQueuePage } from '../../web/pages/AdminQueuePage.tsx'
import { ApplyPage } from '../../web/pages/ApplyPage.tsx'
import { HomePage } from '../../web/pages/HomePage.tsx'
import { SignInPage } from '../../web/pages/SignInPage.tsx'
import { SignUpPage } from '../../web/pages/SignUpPage.tsx'
import { type AppEnv, router } from '../app.ts'
import { hasRole, isActiveMember } from '../accounts/guards.ts'
import { accountView } from '../accounts/repository.ts'
import { signInBody, signUpBody } from '../accounts/schemas.ts'
import { safeNext } from '../accounts/redirects.ts'
import { signIn, signOut, signUp } from '../accounts/service.ts'
import { clearSessionCookie, setSessionCookie } from '../accounts/sessions.ts'
import { currency, memberShareCents } from '../lib/config.ts'
import { database } from '../lib/db.ts'
import { AppError, forbidden } from '../lib/errors.ts'
import { toPage } from '../lib/pagination.ts'
import { formBody } from '../lib/validate.ts'
import { startShareCheckout } from '../membership/service.ts'
import { membershipPageState } from '../membership/status.ts'
import { applicationView, latestApplicationOf, queuePage } from '../sellers/repository.ts'
import { applicationBody, decisionBody, queueQuery } from '../sellers/schemas.ts'
import { applyToSell, decideApplication } from '../sellers/service.ts'
import { parseWith } from '../lib/validate.ts'
import { featuredListings } from '../listings/catalogue.ts'
import { searchListings } from '../listings/search.ts'
import { absoluteUrl, checkCsrf, toSignIn } from './helpers.tsx'
import { html, pageBase } from './render.tsx'

// functions/index.ts renders its error pages with this.
export { renderErrorPage } from './helpers.tsx'

export const pageRoutes = router()

/** Forms whose only field is the CSRF token. */
const emptyForm = z.object({})

type Ctx = Context<AppEnv>

/** Where sign-in lands when it was not sent from another page (or `next` was not safe). */
const AFTER_SIGN_IN = '/account'

pageRoutes.get('/', async (c) => {
  const [newest, featured] = await Promise.all([
    searchListings(c.env, { sort: 'newest', limit: 12 }),
    featuredListings(c.env, 4),
  ])
  return html(
    c,
    <HomePage
      {...pageBase(c)}
      coopName={c.env.COOP_NAME || 'Fairstall'}
      shareCents={memberShareCents(c.env)}
      currency={currency(c.env)}
      listings={newest.items}
      featured={featured}
      canonicalUrl={absoluteUrl(c, '/')}
    />,
  )
})

pageRoutes.get('/signup', (c) => html(c, <SignUpPage {...pageBase(c)} values={{}} />))

pageRoutes.post('/signup', async (c) => {
  const form = await formBody(c, signUpBody.strip())
  const values = { email: form.raw.email, display_name: form.raw.display_name }
  if (!form.ok)
    return html(c, <SignUpPage {...pageBase(c)} values={values} errors={form.errors} />, 400)
  try {
    const { token } = await signUp(c, form.data)
    setSessionCookie(c, token)
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
})

// An unsafe `next` is dropped here already, so the form never carries it.
pageRoutes.get('/signin', (c) => {
  const next = safeNext(c.req.query('next'), '')
  return html(c, <SignInPage {...pageBase(c)} values={{}} next={next || undefined} />)
})

pageRoutes.post('/signin', async (c) => {
  const form = await formBody(c, signInBody.strip())
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
    const { token } = await signIn(c, form.data)
    setSessionCookie(c, token)
  } catch (error) {
    if (error instanceof AppError && (error.status === 401 || error.status === 429)) {
      return page(error.message, error.status)
    }
    throw error
  }
  return c.redirect(target, 303)
})

pageRoutes.post('/signout', async (c) => {
  const form = await formBody(c, emptyForm)
  checkCsrf(c, form.raw)
  await signOut(c)
  clearSessionCookie(c)
  return c.redirect('/', 303)
})

async function accountPageProps(c: Ctx) {
  const viewer = c.get('viewer')
  if (!viewer) return null
  const application = await latestApplicationOf(database(c.env.DB), viewer.account.id)
  return {
    account: accountView(viewer.account, viewer.roles),
    application: application ? applicationView(application) : null,
    membershipState: await membershipPageState(c.env, viewer.account, c.req.query('share')),
  }
}

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
  'share=cancelled': {
    kind: 'info',
    message: 'Payment cancelled. You can buy your share whenever you are ready.',
  },
} as const

function accountNotice(c: Ctx) {
  const share = c.req.query('share')
  if (share === 'paid' || share === 'cancelled') return accountNotices[`share=${share}`]
  if (c.req.query('applied')) return accountNotices.applied
  if (c.req.query('welcome')) return accountNotices.welcome
  return undefined
}

pageRoutes.get('/account', async (c) => {
  const props = await accountPageProps(c)
  if (!props) return toSignIn(c)
  return html(
    c,
    <AccountPage
      {...pageBase(c)}
      {...props}
      shareCents={memberShareCents(c.env)}
      currency={currency(c.env)}
      flash={accountNotice(c)}
    />,
  )
})

pageRoutes.post('/account/membership', async (c) => {
  const viewer = c.get('viewer')
  if (!viewer) return toSignIn(c)
  const form = await formBody(c, emptyForm)
  checkCsrf(c, form.raw)
  if (viewer.account.membership_status === 'active') return c.redirect('/account', 303)
  const { checkout_url } = await startShareCheckout(c.env, viewer, c.req.url)
  return c.redirect(checkout_url, 303)
})

async function applyPage(
  c: Ctx,
  values: { statement?: string; portfolio_url?: string },
  errors?: Record<string, string>,
  status: 200 | 400 | 409 = 200,
) {
  const viewer = c.get('viewer')!
  const application = await latestApplicationOf(database(c.env.DB), viewer.account.id)
  return html(
    c,
    <ApplyPage
      {...pageBase(c)}
      values={values}
      errors={errors}
      eligible={isActiveMember(viewer)}
      application={application ? applicationView(application) : null}
    />,
    status,
  )
}

pageRoutes.get('/sell/apply', (c) => (c.get('viewer') ? applyPage(c, {}) : toSignIn(c)))

pageRoutes.post('/sell/apply', async (c) => {
  const viewer = c.get('viewer')
  if (!viewer) return toSignIn(c)
  const form = await formBody(c, applicationBody.strip())
  checkCsrf(c, form.raw)
  const values = { statement: form.raw.statement, portfolio_url: form.raw.portfolio_url }
  if (!form.ok) return applyPage(c, values, form.errors, 400)
  try {
    await applyToSell(c.env, viewer, form.data)
  } catch (error) {
    if (error instanceof AppError && error.status === 409)
      return applyPage(c, values, { _: error.message }, 409)
    throw error
  }
  return c.redirect('/account?applied=1', 303)
})

pageRoutes.get('/admin/seller-applications', async (c) => {
  const viewer = c.get('viewer')
  if (!viewer) return toSignIn(c)
  if (!hasRole(viewer, 'admin'))
    throw forbidden('Only the co-op’s admins review seller applications.')
  const { status, limit, cursor } = parseWith(queueQuery, {
    status: c.req.query('status') ?? 'pending',
    limit: '100',
    cursor: c.req.query('cursor'),
  })
  const rows = await queuePage(database(c.env.DB), status, limit, cursor)
  const page = toPage(rows, limit, (row) => [row.created_at, row.id])
  const applications = page.items.map((row) => {
    const view = applicationView(row)
    return {
      ...view,
      applicant: {
        id: row.account_id,
        display_name: row.applicant_name,
        email: row.applicant_email,
      },
    }
  })
  const decided = c.req.query('decided')
  const flash = decided
    ? ({ kind: 'success', message: `Application ${decided}.` } as const)
    : undefined
  return html(
    c,
    <AdminQueuePage {...pageBase(c)} status={status} applications={applications} flash={flash} />,
  )
})

pageRoutes.post('/admin/seller-applications/:id/decision', async (c) => {
  const viewer = c.get('viewer')
  if (!viewer) return toSignIn(c)
  if (!hasRole(viewer, 'admin'))
    throw forbidden('Only the co-op’s admins review seller applications.')
  const form = await formBody(c, decisionBody.strip())
  checkCsrf(c, form.raw)
  if (!form.ok) throw new AppError(400, 'invalid_input', 'Choose approve or reject.', form.errors)
  const result = await decideApplication(c.env, viewer, c.req.param('id'), form.data)
  return c.redirect(`/admin/seller-applications?decided=${result.status}`, 303)
})
