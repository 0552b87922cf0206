/**
 * /account/settings/sessions: the member's signed-in devices, with plain forms that sign one
 * out or every other one. Each POST calls the API's service and comes back with a notice (303).
 */
import { SessionsSettingsPage } from '../../web/pages/SessionsSettingsPage.tsx'
import { pageRouter } from '../pages/declare.ts'
import { emptyForm } from '../pages/helpers.tsx'
import { html, pageBase } from '../pages/render.tsx'
import { endOtherSessions, endSession, listSessions } from './session-list.ts'
import { clearSessionCookie } from './sessions.ts'

export const sessionPageRoutes = pageRouter()

const tag = 'Accounts'
const PATH = '/account/settings/sessions'

const notices = {
  ended: { kind: 'success', message: 'That device is signed out.' },
  others: { kind: 'success', message: 'Every other device is signed out.' },
} as const

sessionPageRoutes.page(
  {
    tag,
    method: 'get',
    path: PATH,
    summary: 'Your signed-in devices, each with a sign-out button.',
    permission: 'signedIn',
    csrf: 'none',
  },
  async (c, { viewer }) => {
    const done = c.req.query('done')
    const flash = done === 'ended' || done === 'others' ? notices[done] : undefined
    const sessions = await listSessions(c.env.DB, viewer, new Date())
    return html(c, <SessionsSettingsPage {...pageBase(c)} flash={flash} sessions={sessions} />)
  },
)

sessionPageRoutes.page(
  {
    tag,
    method: 'post',
    path: `${PATH}/:id/end`,
    summary: 'Signs one of your devices out (this one: you are signed out).',
    permission: 'signedIn',
    csrf: 'token',
    form: emptyForm,
  },
  async (c, { viewer }) => {
    const { current } = await endSession(c.env.DB, viewer, c.req.param('id'))
    if (!current) return c.redirect(`${PATH}?done=ended`, 303)
    clearSessionCookie(c)
    return c.redirect('/', 303)
  },
)

sessionPageRoutes.page(
  {
    tag,
    method: 'post',
    path: `${PATH}/end-others`,
    summary: 'Signs out every device but this one.',
    permission: 'signedIn',
    csrf: 'token',
    form: emptyForm,
  },
  async (c, { viewer }) => {
    await endOtherSessions(c.env.DB, viewer)
    return c.redirect(`${PATH}?done=others`, 303)
  },
)
