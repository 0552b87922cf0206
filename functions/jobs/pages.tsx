/**
 * `/admin/jobs`: the jobs that need an admin's eye, and re-queueing a dead one. Plain HTML
 * forms with the session's CSRF token, like the other admin pages.
 */
import { z } from 'zod'

import { AdminJobsPage } from '../../web/pages/AdminJobsPage.tsx'
import { router } from '../app.ts'
import type { AppEnv } from '../app.ts'
import { pageViewer } from '../access/pages.tsx'
import { database } from '../lib/db.ts'
import { notFound } from '../lib/errors.ts'
import { formBody } from '../lib/validate.ts'
import { checkCsrf } from '../pages/helpers.tsx'
import { html, pageBase } from '../pages/render.tsx'
import { sendJobs } from './outbox.ts'
import { reviveJob, troubledJobs } from './repository.ts'
import type { Context } from 'hono'

export const jobPageRoutes = router()

/** The page lists at most this many jobs: a longer list means something else is wrong. */
const PAGE_LIMIT = 100

const adminOnly = (c: Context<AppEnv>) =>
  pageViewer(c, 'admin', 'Only the co-op’s admins see background jobs.')

jobPageRoutes.get('/admin/jobs', async (c) => {
  const denied = adminOnly(c)
  if (denied instanceof Response) return denied
  const jobs = await troubledJobs(database(c.env.DB), PAGE_LIMIT)
  const flash = c.req.query('requeued')
    ? ({ kind: 'success', message: 'The job is queued again.' } as const)
    : undefined
  return html(c, <AdminJobsPage {...pageBase(c)} jobs={jobs} flash={flash} />)
})

jobPageRoutes.post('/admin/jobs/:id/requeue', async (c) => {
  const denied = adminOnly(c)
  if (denied instanceof Response) return denied
  const form = await formBody(c, z.object({}).strip())
  checkCsrf(c, form.raw)
  const id = c.req.param('id')
  const revived = await reviveJob(database(c.env.DB), id, new Date()).executeTakeFirst()
  // Only a dead job goes back: a pending one is on its way already, a done one is done.
  if (Number(revived.numUpdatedRows) === 0) throw notFound('A dead job with that id')
  await sendJobs(c.env, [id])
  return c.redirect('/admin/jobs?requeued=1', 303)
})
