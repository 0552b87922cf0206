/** The seller application pages: a member applies, and the admins' review queue decides. */
import type { Context } from 'hono'

import { AdminQueuePage } from '../../web/pages/AdminQueuePage.tsx'
import { ApplyPage } from '../../web/pages/ApplyPage.tsx'
import { type AppEnv, router, type Viewer } from '../app.ts'
import { pageViewer } from '../access/pages.tsx'
import { may } from '../access/rules.ts'
import { AppError } from '../lib/errors.ts'
import { formBody, parseWith } from '../lib/validate.ts'
import { checkCsrf } from '../pages/helpers.tsx'
import { html, pageBase } from '../pages/render.tsx'
import { applicationBody, decisionBody, queueQuery } from './schemas.ts'
import { applyToSell, decideApplication, latestApplication, reviewQueue } from './service.ts'

export const sellerPageRoutes = router()

type Ctx = Context<AppEnv>

const ADMINS_ONLY = 'Only the co-op’s admins review seller applications.'

async function applyPage(
  c: Ctx,
  viewer: Viewer,
  values: { statement?: string; portfolio_url?: string },
  errors?: Record<string, string>,
  status: 200 | 400 | 409 = 200,
) {
  return html(
    c,
    <ApplyPage
      {...pageBase(c)}
      values={values}
      errors={errors}
      eligible={may('activeMember', viewer)}
      application={await latestApplication(c.env, viewer.account.id)}
    />,
    status,
  )
}

sellerPageRoutes.get('/sell/apply', (c) => {
  const viewer = pageViewer(c, 'signedIn')
  return viewer instanceof Response ? viewer : applyPage(c, viewer, {})
})

sellerPageRoutes.post('/sell/apply', async (c) => {
  const viewer = pageViewer(c, 'signedIn')
  if (viewer instanceof Response) return viewer
  const form = await formBody(c, applicationBody.strip())
  checkCsrf(c, form.raw)
  const values = { statement: form.raw.statement, portfolio_url: form.raw.portfolio_url }
  if (!form.ok) return applyPage(c, viewer, values, form.errors, 400)
  try {
    await applyToSell(c.env, viewer, form.data)
  } catch (error) {
    if (error instanceof AppError && error.status === 409)
      return applyPage(c, viewer, values, { _: error.message }, 409)
    throw error
  }
  return c.redirect('/account?applied=1', 303)
})

sellerPageRoutes.get('/admin/seller-applications', async (c) => {
  const denied = pageViewer(c, 'admin', ADMINS_ONLY)
  if (denied instanceof Response) return denied
  const { status, limit, cursor } = parseWith(queueQuery, {
    status: c.req.query('status') ?? 'pending',
    limit: '100',
    cursor: c.req.query('cursor'),
  })
  const applications = await reviewQueue(c.env, status, limit, cursor)
  const decided = c.req.query('decided')
  const flash = decided
    ? ({ kind: 'success', message: `Application ${decided}.` } as const)
    : undefined
  return html(
    c,
    <AdminQueuePage {...pageBase(c)} status={status} applications={applications} flash={flash} />,
  )
})

sellerPageRoutes.post('/admin/seller-applications/:id/decision', async (c) => {
  const viewer = pageViewer(c, 'admin', ADMINS_ONLY)
  if (viewer instanceof Response) return viewer
  const form = await formBody(c, decisionBody.strip())
  checkCsrf(c, form.raw)
  if (!form.ok) throw new AppError(400, 'invalid_input', 'Choose approve or reject.', form.errors)
  const result = await decideApplication(c.env, viewer, c.req.param('id'), form.data)
  return c.redirect(`/admin/seller-applications?decided=${result.status}`, 303)
})
