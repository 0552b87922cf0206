/**
 * Small pieces every feature's page routes share: sign-in redirects, form bodies, CSRF, error
 * pages, URLs. Nothing here reads the database or knows a feature.
 */
import type { Context } from 'hono'
import { z } from 'zod'

import { ErrorPage } from '../../web/pages/ErrorPage.tsx'
import type { AppEnv } from '../app.ts'
import { publicOrigin } from '../lib/config.ts'
import { AppError } from '../lib/errors.ts'
import { html, pageBase } from './render.tsx'

type Ctx = Context<AppEnv>

/** Forms whose only field is the CSRF token. */
export const emptyForm = z.object({})

/** Sends the visitor to sign in, coming back here afterwards. */
export function toSignIn(c: Ctx) {
  return c.redirect(`/signin?next=${encodeURIComponent(c.req.path)}`, 303)
}

/** Signed-in form posts carry the session's CSRF token as `_csrf`. */
export function checkCsrf(c: Ctx, raw: Record<string, unknown>) {
  const viewer = c.get('viewer')
  if (viewer && raw._csrf !== viewer.csrfToken) {
    throw new AppError(
      403,
      'csrf_failed',
      'This form has expired. Go back, reload the page and try again.',
    )
  }
}

/** An error as a whole page, with a title that says what kind of error it is. */
export function renderErrorPage(c: Ctx, error: AppError) {
  const titles: Record<number, string> = {
    401: 'Please sign in',
    403: 'Not allowed',
    404: 'Page not found',
    409: 'Already done',
    413: 'Too large',
    429: 'Slow down',
  }
  return html(
    c,
    <ErrorPage
      {...pageBase(c)}
      status={error.status}
      title={titles[error.status] ?? 'Something went wrong'}
      message={error.message}
    />,
    error.status,
  )
}

/**
 * The absolute URL of a path on this site, for canonical links and Open Graph tags (which
 * must be absolute). PUBLIC_URL wins over the request's origin behind a proxy.
 */
export function absoluteUrl(c: Ctx, path: string): string {
  return `${publicOrigin(c.env, c.req.url)}${path}`
}
