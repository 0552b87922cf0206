/** Rendering a page component to a full HTML response. */
import type { Context } from 'hono'
import type { VNode } from 'preact'
import { renderToString } from 'preact-render-to-string'

import type { AppEnv } from '../app.ts'
import { accountView } from '../accounts/repository.ts'
import type { Viewer as LayoutViewer } from '../../web/components/Layout.tsx'

/** The header's view of the signed-in member, or null. */
export function layoutViewer(c: Context<AppEnv>): LayoutViewer {
  const viewer = c.get('viewer')
  if (!viewer) return null
  const view = accountView(viewer.account, viewer.roles)
  return { id: view.id, display_name: view.display_name, roles: view.roles }
}

/** The props every page takes from the request: viewer, CSP nonce, CSRF token. */
export function pageBase(c: Context<AppEnv>) {
  return {
    viewer: layoutViewer(c),
    nonce: c.get('nonce'),
    csrfToken: c.get('viewer')?.csrfToken,
  }
}

/** Sends a rendered page. */
export function html(
  c: Context<AppEnv>,
  page: VNode,
  status: 200 | 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 502 | 503 = 200,
) {
  return c.html(`<!doctype html>${renderToString(page)}`, status)
}
