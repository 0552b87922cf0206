/** `/admin/audit`: the admins' audit log, newest first, a page of entries at a time. */
import { z } from 'zod'

import { AdminAuditPage } from '../../web/pages/AdminAuditPage.tsx'
import { database } from '../lib/db.ts'
import { cursorParam, toPage } from '../lib/pagination.ts'
import { parseWith } from '../lib/validate.ts'
import { pageRouter } from '../pages/declare.ts'
import { html, pageBase } from '../pages/render.tsx'
import { auditPage } from './repository.ts'

export const auditPageRoutes = pageRouter()

/** Entries a page shows. */
const PAGE_SIZE = 50

const listQuery = z.object({ cursor: cursorParam })

auditPageRoutes.page(
  {
    tag: 'Audit',
    method: 'get',
    path: '/admin/audit',
    summary: 'What admins did: roles, seller decisions, withdrawals and refunds, newest first.',
    permission: 'admin',
    message: 'Only the co-op’s admins see the audit log.',
    csrf: 'none',
  },
  async (c) => {
    const { cursor } = parseWith(listQuery, { cursor: c.req.query('cursor') || undefined })
    const rows = await auditPage(database(c.env.DB), PAGE_SIZE, cursor)
    const page = toPage(rows, PAGE_SIZE, (row) => [row.at, row.id])
    const items = page.items.map((row) => ({
      ...row,
      details: JSON.parse(row.details) as Record<string, unknown>,
    }))
    return html(c, <AdminAuditPage {...pageBase(c)} items={items} nextCursor={page.next_cursor} />)
  },
)
