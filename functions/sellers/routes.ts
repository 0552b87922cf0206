/** Seller applications: members apply, admins decide. */
import { router } from '../app.ts'
import { allow, viewerOf } from '../access/api.ts'
import { database } from '../lib/db.ts'
import { toPage } from '../lib/pagination.ts'
import { jsonBody, queryParams } from '../lib/validate.ts'
import { applicationView, applicationsOf, queuePage } from './repository.ts'
import { applicationBody, decisionBody, queueQuery } from './schemas.ts'
import { applyToSell, decideApplication } from './service.ts'

export const sellerRoutes = router()

sellerRoutes.post('/seller-applications', allow('activeMember'), async (c) => {
  const viewer = viewerOf(c)
  const input = await jsonBody(c, applicationBody)
  return c.json(await applyToSell(c.env, viewer, input), 201)
})

/** The applicant's own applications, newest first, with each decision and note. */
sellerRoutes.get('/seller-applications', async (c) => {
  const viewer = viewerOf(c)
  const rows = await applicationsOf(database(c.env.DB), viewer.account.id)
  return c.json({ items: rows.map(applicationView), next_cursor: null })
})

sellerRoutes.get('/admin/seller-applications', allow('admin'), async (c) => {
  const { status, limit, cursor } = queryParams(c, queueQuery)
  const rows = await queuePage(database(c.env.DB), status, limit, cursor)
  const page = toPage(rows, limit, (row) => [row.created_at, row.id])
  return c.json({ items: page.items.map(applicationView), next_cursor: page.next_cursor })
})

sellerRoutes.post('/admin/seller-applications/:id/decision', allow('admin'), async (c) => {
  const input = await jsonBody(c, decisionBody)
  return c.json(await decideApplication(c.env, viewerOf(c), c.req.param('id'), input))
})
