/**
 * The email and password settings pages, and the account page's "send the link again" form.
 * Each POST calls the API's service and comes back with a notice (303), or shows the form
 * again with what was wrong.
 */
import type { Context } from 'hono'

import { EmailSettingsPage } from '../../web/pages/EmailSettingsPage.tsx'
import { PasswordSettingsPage } from '../../web/pages/PasswordSettingsPage.tsx'
import type { AppEnv, Viewer } from '../app.ts'
import { AppError } from '../lib/errors.ts'
import { pageRouter } from '../pages/declare.ts'
import { emptyForm } from '../pages/helpers.tsx'
import { html, pageBase } from '../pages/render.tsx'
import { requestEmailChange } from './email-change.ts'
import { changePassword } from './password-change.ts'
import { emailChangeBody, passwordChangeBody } from './schemas.ts'
import { resendVerification } from './verification.ts'

export const accountSettingsPageRoutes = pageRouter()

const tag = 'Accounts'

type Ctx = Context<AppEnv>

/** A 400 or 409 with fields is shown beside the form's fields; anything else is an error page. */
const fieldErrorsOf = (error: unknown) =>
  error instanceof AppError && (error.status === 400 || error.status === 409) && error.fields
    ? { status: error.status, fields: error.fields }
    : null

function emailPage(
  c: Ctx,
  viewer: Viewer,
  values: { email?: string } = {},
  errors?: Record<string, string>,
  status: 200 | 400 | 409 = 200,
) {
  const requested = c.req.query('requested')
  const flash = c.req.query('sent')
    ? { kind: 'success' as const, message: 'We sent the link again: check your inbox.' }
    : requested
      ? {
          kind: 'success' as const,
          message: `We sent a link to ${requested}: follow it to make it your address.`,
        }
      : undefined
  return html(
    c,
    <EmailSettingsPage
      {...pageBase(c)}
      flash={flash}
      email={viewer.account.email}
      verified={viewer.account.email_verified_at !== null}
      values={values}
      errors={errors}
    />,
    status,
  )
}

accountSettingsPageRoutes.page(
  {
    tag,
    method: 'get',
    path: '/account/settings/email',
    summary: 'Your email address: confirmed or not, and the form to change it.',
    permission: 'signedIn',
    csrf: 'none',
  },
  (c, { viewer }) => emailPage(c, viewer),
)

accountSettingsPageRoutes.page(
  {
    tag,
    method: 'post',
    path: '/account/settings/email',
    summary: 'Asks to change your address: a link goes to the new one.',
    permission: 'signedIn',
    csrf: 'token',
    form: emailChangeBody.strip(),
  },
  async (c, { viewer, form }) => {
    const values = { email: form.raw.email }
    if (!form.ok) return emailPage(c, viewer, values, form.errors, 400)
    try {
      const { pending_email } = await requestEmailChange(c.env, viewer, c.req.url, form.data)
      return c.redirect(
        `/account/settings/email?requested=${encodeURIComponent(pending_email)}`,
        303,
      )
    } catch (error) {
      const refused = fieldErrorsOf(error)
      if (refused) return emailPage(c, viewer, values, refused.fields, refused.status)
      throw error
    }
  },
)

accountSettingsPageRoutes.page(
  {
    tag,
    method: 'post',
    path: '/account/email-verification',
    summary: 'Sends the link that confirms your address again.',
    permission: 'signedIn',
    csrf: 'token',
    form: emptyForm,
  },
  async (c, { viewer }) => {
    await resendVerification(c.env, viewer, c.req.url)
    return c.redirect('/account/settings/email?sent=1', 303)
  },
)

function passwordPage(c: Ctx, errors?: Record<string, string>, status: 200 | 400 = 200) {
  const flash = c.req.query('changed')
    ? {
        kind: 'success' as const,
        message: 'Your password is changed; other devices are signed out.',
      }
    : undefined
  return html(c, <PasswordSettingsPage {...pageBase(c)} flash={flash} errors={errors} />, status)
}

accountSettingsPageRoutes.page(
  {
    tag,
    method: 'get',
    path: '/account/settings/password',
    summary: 'The form to change your password.',
    permission: 'signedIn',
    csrf: 'none',
  },
  (c) => passwordPage(c),
)

accountSettingsPageRoutes.page(
  {
    tag,
    method: 'post',
    path: '/account/settings/password',
    summary: 'Changes your password; your other sessions end.',
    permission: 'signedIn',
    csrf: 'token',
    form: passwordChangeBody.strip(),
  },
  async (c, { viewer, form }) => {
    if (!form.ok) return passwordPage(c, form.errors, 400)
    try {
      await changePassword(c.env, viewer, form.data)
    } catch (error) {
      const refused = fieldErrorsOf(error)
      if (refused?.status === 400) return passwordPage(c, refused.fields, 400)
      throw error
    }
    return c.redirect('/account/settings/password?changed=1', 303)
  },
)
