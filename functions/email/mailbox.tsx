/**
 * The local mailbox, `/_dev/mail`: every email sent, newest first, as a page and as JSON, so a
 * newcomer can follow a reset link and a script can read what was sent. Only where the var
 * DEV_MAILBOX is "1" (the dev stack and the tests); anywhere else it is not there at all (404).
 */
import type { Context } from 'hono'

import { type DevMail, DevMailboxPage } from '../../web/pages/DevMailboxPage.tsx'
import type { AppEnv } from '../app.ts'
import { database } from '../lib/db.ts'
import { AppError } from '../lib/errors.ts'
import { pageRouter } from '../pages/declare.ts'
import { html, pageBase } from '../pages/render.tsx'
import type { EmailRow } from '../../schema/tables.ts'
import { linksIn } from './links.ts'
import { findEmail, recentEmails } from './repository.ts'

export const mailboxPageRoutes = pageRouter()

const tag = 'Operations'

/** How many emails the mailbox lists. */
const LIMIT = 100

/** 404 unless this is a dev stack: a deployment must not show anyone's email. */
function requireDevMailbox(c: Context<AppEnv>) {
  if (c.env.DEV_MAILBOX !== '1')
    throw new AppError(404, 'not_found', 'There is nothing at this address.')
}

const view = (row: EmailRow): DevMail => ({
  id: row.id,
  to: row.to_address,
  subject: row.subject,
  text: row.text_body,
  html: row.html_body,
  links: linksIn(row.text_body),
  sent_at: row.sent_at,
})

mailboxPageRoutes.page(
  {
    tag,
    method: 'get',
    path: '/_dev/mail',
    summary: 'The local mailbox (dev stack only): `?format=json`, `?to=`.',
    permission: 'anonymous',
    csrf: 'none',
  },
  async (c) => {
    requireDevMailbox(c)
    const to = c.req.query('to')?.trim() || null
    const emails = (await recentEmails(database(c.env.DB), to, LIMIT)).map(view)
    if (c.req.query('format') === 'json') return c.json({ items: emails })
    return html(c, <DevMailboxPage {...pageBase(c)} emails={emails} to={to ?? undefined} />)
  },
)

mailboxPageRoutes.page(
  {
    tag,
    method: 'get',
    path: '/_dev/mail/:id',
    summary: 'One email of the local mailbox: its text, and its HTML in a sandboxed frame.',
    permission: 'anonymous',
    csrf: 'none',
  },
  async (c) => {
    requireDevMailbox(c)
    const row = await findEmail(database(c.env.DB), c.req.param('id'))
    if (!row || row.status !== 'sent') throw new AppError(404, 'not_found', 'No such email.')
    return html(c, <DevMailboxPage {...pageBase(c)} emails={[]} opened={view(row)} />)
  },
)
