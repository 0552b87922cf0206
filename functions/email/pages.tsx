/**
 * The email pages: the notification settings (three checkboxes, a plain form) and unsubscribe
 * (a confirm page; its POST is also the RFC 8058 one-click POST a mail client sends).
 */
import type { Context } from 'hono'
import { z } from 'zod'

import { ErrorPage } from '../../web/pages/ErrorPage.tsx'
import { NotificationsSettingsPage } from '../../web/pages/NotificationsSettingsPage.tsx'
import { UnsubscribePage } from '../../web/pages/UnsubscribePage.tsx'
import type { AppEnv } from '../app.ts'
import { AppError } from '../lib/errors.ts'
import { pageRouter } from '../pages/declare.ts'
import { html, pageBase } from '../pages/render.tsx'
import {
  CATEGORY_LABELS,
  readPreferences,
  savePreferences,
  unsubscribe,
  unsubscribeTarget,
} from './preferences.ts'
import { EMAIL_CATEGORIES } from './types.ts'

export const emailPageRoutes = pageRouter()

const tag = 'Accounts'

/** A checked box sends `on`; an unchecked one sends nothing. */
const checkbox = z.literal('on').optional()
const notificationsForm = z.object({ orders: checkbox, sales: checkbox, coop: checkbox }).strip()

emailPageRoutes.page(
  {
    tag,
    method: 'get',
    path: '/account/settings/notifications',
    summary: 'Which optional emails you get.',
    permission: 'signedIn',
    csrf: 'none',
  },
  async (c, { viewer }) => {
    const saved = await readPreferences(c.env, viewer.account.id)
    const choices = EMAIL_CATEGORIES.map((name) => ({
      name,
      label: CATEGORY_LABELS[name],
      checked: saved[name],
    }))
    const flash = c.req.query('saved')
      ? ({ kind: 'success', message: 'Your choices are saved.' } as const)
      : undefined
    return html(c, <NotificationsSettingsPage {...pageBase(c)} choices={choices} flash={flash} />)
  },
)

emailPageRoutes.page(
  {
    tag,
    method: 'post',
    path: '/account/settings/notifications',
    summary: 'Saves which optional emails you get.',
    permission: 'signedIn',
    csrf: 'token',
    form: notificationsForm,
  },
  async (c, { viewer, form }) => {
    if (!form.ok) throw new AppError(400, 'invalid_input', 'Tick or untick the boxes, then save.')
    const { orders, sales, coop } = form.data
    const choices = { orders: orders === 'on', sales: sales === 'on', coop: coop === 'on' }
    await savePreferences(c.env, viewer.account.id, choices, new Date())
    return c.redirect('/account/settings/notifications?saved=1', 303)
  },
)

/** A bad link: a clear page that says nothing changed (never which part was wrong). */
function invalidLinkPage(c: Context<AppEnv>, error: unknown) {
  if (!(error instanceof AppError) || error.status !== 400) throw error
  return html(
    c,
    <ErrorPage
      {...pageBase(c)}
      status={400}
      title="This link is not valid"
      message={error.message}
    />,
    400,
  )
}

const actionOf = (c: Context<AppEnv>) => {
  const url = new URL(c.req.url)
  return `${url.pathname}${url.search}`
}

emailPageRoutes.page(
  {
    tag,
    method: 'get',
    path: '/unsubscribe/:token',
    summary: 'Asks to confirm switching off one category of email (a link in the email).',
    permission: 'anonymous',
    csrf: 'none',
  },
  async (c) => {
    try {
      const { category } = await unsubscribeTarget(c.env, c.req.param('token'), c.req.query('c'))
      const label = CATEGORY_LABELS[category]
      return html(
        c,
        <UnsubscribePage {...pageBase(c)} label={label} action={actionOf(c)} done={false} />,
      )
    } catch (error) {
      return invalidLinkPage(c, error)
    }
  },
)

emailPageRoutes.page(
  {
    tag,
    method: 'post',
    path: '/unsubscribe/:token',
    summary: 'Switches the category off: the confirm form, or a mail client’s one-click POST.',
    permission: 'anonymous',
    // The token in the path is the proof; a mail client's POST has no session or form token.
    csrf: 'origin',
    form: z.object({ 'List-Unsubscribe': z.literal('One-Click').optional() }).strip(),
  },
  async (c) => {
    try {
      const token = c.req.param('token')
      const { category } = await unsubscribe(c.env, token, c.req.query('c'), new Date())
      const label = CATEGORY_LABELS[category]
      return html(c, <UnsubscribePage {...pageBase(c)} label={label} action={actionOf(c)} done />)
    } catch (error) {
      return invalidLinkPage(c, error)
    }
  },
)
