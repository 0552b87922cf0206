/**
 * The pages emailed links open: confirm an address, forgot and reset password. Plain forms,
 * so they work without JavaScript; a GET only shows, the POST acts (mail scanners follow
 * links). The handlers call the same services as the JSON API.
 */
import { ConfirmEmailPage } from '../../web/pages/ConfirmEmailPage.tsx'
import { ForgotPasswordPage } from '../../web/pages/ForgotPasswordPage.tsx'
import { ResetPasswordPage } from '../../web/pages/ResetPasswordPage.tsx'
import { clearSessionCookie } from '../accounts/sessions.ts'
import { database } from '../lib/db.ts'
import { AppError } from '../lib/errors.ts'
import { pageRouter } from '../pages/declare.ts'
import { emptyForm } from '../pages/helpers.tsx'
import { html, pageBase } from '../pages/render.tsx'
import { checkResetToken, limitTokenUse, requestPasswordReset, resetPassword } from './reset.ts'
import { resetBody, resetRequestBody } from './schemas.ts'
import { openToken } from './tokens.ts'
import { confirmAddress } from './verification.ts'

export const accountTokenPageRoutes = pageRouter()

const tag = 'Accounts'

/** The error's code when it is one of `codes`, so a page can show its own words for it. */
const codeOf = (error: unknown, ...codes: string[]) =>
  error instanceof AppError && codes.includes(error.code) ? error.code : null

accountTokenPageRoutes.page(
  {
    tag,
    method: 'get',
    path: '/confirm-email/:token',
    summary: 'The confirmation link: a button that confirms the address.',
    permission: 'anonymous',
    csrf: 'none',
  },
  async (c) => {
    const token = c.req.param('token')
    try {
      await openToken(database(c.env.DB), token, ['verify_email', 'change_email'], new Date())
    } catch (error) {
      if (codeOf(error, 'invalid_token'))
        return html(c, <ConfirmEmailPage {...pageBase(c)} state="invalid" />, 400)
      throw error
    }
    return html(c, <ConfirmEmailPage {...pageBase(c)} state="ask" token={token} />)
  },
)

accountTokenPageRoutes.page(
  {
    tag,
    method: 'post',
    path: '/confirm-email/:token',
    summary: 'Confirms the address (an email change takes effect).',
    permission: 'anonymous',
    csrf: 'origin',
    form: emptyForm,
  },
  async (c) => {
    try {
      await limitTokenUse(c.env, c.req.header('cf-connecting-ip'), new Date())
      const { email } = await confirmAddress(c.env, c.req.param('token'))
      return html(c, <ConfirmEmailPage {...pageBase(c)} state="confirmed" email={email} />)
    } catch (error) {
      const code = codeOf(error, 'invalid_token', 'email_taken')
      if (code === 'invalid_token')
        return html(c, <ConfirmEmailPage {...pageBase(c)} state="invalid" />, 400)
      if (code === 'email_taken')
        return html(c, <ConfirmEmailPage {...pageBase(c)} state="taken" />, 409)
      throw error
    }
  },
)

accountTokenPageRoutes.page(
  {
    tag,
    method: 'get',
    path: '/forgot-password',
    summary: 'The form that asks for a password reset link.',
    permission: 'anonymous',
    csrf: 'none',
  },
  (c) => html(c, <ForgotPasswordPage {...pageBase(c)} values={{}} />),
)

accountTokenPageRoutes.page(
  {
    tag,
    method: 'post',
    path: '/forgot-password',
    summary: 'Emails a reset link if the address has an account (the same page either way).',
    permission: 'anonymous',
    csrf: 'origin',
    form: resetRequestBody.strip(),
  },
  async (c, { form }) => {
    const values = { email: form.raw.email }
    if (!form.ok)
      return html(
        c,
        <ForgotPasswordPage {...pageBase(c)} values={values} errors={form.errors} />,
        400,
      )
    await requestPasswordReset(c.env, c.req.url, form.data.email, c.req.header('cf-connecting-ip'))
    return html(c, <ForgotPasswordPage {...pageBase(c)} values={form.data} sent />)
  },
)

accountTokenPageRoutes.page(
  {
    tag,
    method: 'get',
    path: '/reset-password/:token',
    summary: 'The reset link: the form for a new password.',
    permission: 'anonymous',
    csrf: 'none',
  },
  async (c) => {
    const token = c.req.param('token')
    try {
      await checkResetToken(c.env, token)
    } catch (error) {
      if (codeOf(error, 'invalid_token'))
        return html(c, <ResetPasswordPage {...pageBase(c)} state="invalid" />, 400)
      throw error
    }
    return html(c, <ResetPasswordPage {...pageBase(c)} state="form" token={token} />)
  },
)

accountTokenPageRoutes.page(
  {
    tag,
    method: 'post',
    path: '/reset-password/:token',
    summary: 'Sets the new password; every session of the account ends.',
    permission: 'anonymous',
    csrf: 'origin',
    form: resetBody.strip(),
  },
  async (c, { form }) => {
    const token = c.req.param('token')
    const formPage = (errors: Record<string, string>) =>
      html(
        c,
        <ResetPasswordPage {...pageBase(c)} state="form" token={token} errors={errors} />,
        400,
      )
    try {
      await limitTokenUse(c.env, c.req.header('cf-connecting-ip'), new Date())
      // The link first: a form on a dead link gets the dead-link page, whatever was typed.
      await checkResetToken(c.env, token)
      if (!form.ok) return formPage(form.errors)
      const { accountId } = await resetPassword(c.env, token, form.data.password)
      // This browser's session ended with the others: the page shows it signed out.
      if (c.get('viewer')?.account.id === accountId) {
        clearSessionCookie(c)
        c.set('viewer', null)
      }
    } catch (error) {
      if (codeOf(error, 'invalid_token'))
        return html(c, <ResetPasswordPage {...pageBase(c)} state="invalid" />, 400)
      if (error instanceof AppError && error.status === 400 && error.fields)
        return formPage(error.fields)
      throw error
    }
    return html(c, <ResetPasswordPage {...pageBase(c)} state="done" />)
  },
)
