/**
 * `/admin/jobs`: the jobs that need an admin's eye, and re-queueing a dead one. Plain HTML
 * forms with the session's CSRF token, like the other admin pages.
 */
import { AdminJobsPage } from '../../web/pages/AdminJobsPage.tsx'
import { database } from '../lib/db.ts'
import { notFound } from '../lib/errors.ts'
import { pageRouter } from '../pages/declare.ts'
import { emptyForm } from '../pages/helpers.tsx'
import { html, pageBase } from '../pages/render.tsx'
import { sendJobs } from './outbox.ts'
import { reviveJob, troubledJobs } from './repository.ts'

export const jobPageRoutes = pageRouter()

/** The page lists at most this many jobs: a longer list means something else is wrong. */
const PAGE_LIMIT = 100

const admins = {
  tag: 'Jobs',
  permission: 'admin',
  message: 'Only the co-op’s admins see background jobs.',
} as const

jobPageRoutes.page(
  {
    ...admins,
    method: 'get',
    path: '/admin/jobs',
    summary: 'Dead and failing background jobs.',
    csrf: 'none',
  },
  async (c) => {
    const jobs = await troubledJobs(database(c.env.DB), PAGE_LIMIT)
    const flash = c.req.query('requeued')
      ? ({ kind: 'success', message: 'The job is queued again.' } as const)
      : undefined
    return html(c, <AdminJobsPage {...pageBase(c)} jobs={jobs} flash={flash} />)
  },
)

jobPageRoutes.page(
  {
    ...admins,
    method: 'post',
    path: '/admin/jobs/:id/requeue',
    summary: 'Queues a dead job again.',
    csrf: 'token',
    form: emptyForm,
  },
  async (c) => {
    const id = c.req.param('id')
    const revived = await reviveJob(database(c.env.DB), id, new Date()).executeTakeFirst()
    // Only a dead job goes back: a pending one is on its way already, a done one is done.
    if (Number(revived.numUpdatedRows) === 0) throw notFound('A dead job with that id')
    await sendJobs(c.env, [id])
    return c.redirect('/admin/jobs?requeued=1', 303)
  },
)
