/** The seller application pages: a member applies, and the admins' review queue decides. */
import type { Context } from 'hono'

import { AdminQueuePage } from '../../web/pages/AdminQueuePage.tsx'
import { ApplyPage } from '../../web/pages/ApplyPage.tsx'
import type { AppEnv, Viewer } from '../app.ts'
import { may } from '../access/rules.ts'
import { AppError } from '../lib/errors.ts'
import { parseWith } from '../lib/validate.ts'
import { pageRouter } from '../pages/declare.ts'
import { html, pageBase } from '../pages/render.tsx'
import { applicationBody, decisionBody, queueQuery } from './schemas.ts'
import { applyToSell, decideApplication, latestApplication, reviewQueue } from './service.ts'

export const sellerPageRoutes = pageRouter()

const tag = 'Sellers'

type Ctx = Context<AppEnv>

const admins = {
  tag,
  permission: 'admin',
  message: 'Only the co-op’s admins review seller applications.',
} as const

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

sellerPageRoutes.page(
  {
    tag,
    method: 'get',
    path: '/sell/apply',
    summary: 'The application to sell.',
    permission: 'signedIn',
    csrf: 'none',
  },
  (c, { viewer }) => applyPage(c, viewer, {}),
)

// Any signed-in member reaches the form: applyToSell says why one not yet active cannot apply.
sellerPageRoutes.page(
  {
    tag,
    method: 'post',
    path: '/sell/apply',
    summary: 'Applies to sell.',
    permission: 'signedIn',
    csrf: 'token',
    form: applicationBody.strip(),
  },
  async (c, { viewer, form }) => {
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
  },
)

sellerPageRoutes.page(
  {
    ...admins,
    method: 'get',
    path: '/admin/seller-applications',
    summary: 'The review queue of seller applications.',
    csrf: 'none',
  },
  async (c) => {
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
  },
)

sellerPageRoutes.page(
  {
    ...admins,
    method: 'post',
    path: '/admin/seller-applications/:id/decision',
    summary: 'Approves or rejects an application.',
    csrf: 'token',
    form: decisionBody.strip(),
  },
  async (c, { viewer, form }) => {
    if (!form.ok) throw new AppError(400, 'invalid_input', 'Choose approve or reject.', form.errors)
    const result = await decideApplication(c.env, viewer, c.req.param('id'), form.data)
    return c.redirect(`/admin/seller-applications?decided=${result.status}`, 303)
  },
)
