/**
 * Applying a rule on a server-rendered page: a visitor who is not signed in is sent to sign in
 * and back (a redirect, not a 401 page); a signed-in member the rule refuses gets a 403 page,
 * the seller pages' own one (how to become a seller) or the error page with the rule's reason.
 */
import type { Context } from 'hono'

import { SellerOnlyPage } from '../../web/pages/SellerOnlyPage.tsx'
import type { AppEnv, Viewer } from '../app.ts'
import { toSignIn } from '../pages/helpers.tsx'
import { html, pageBase } from '../pages/render.tsx'
import { enforce } from './api.ts'
import { type Permission, check } from './rules.ts'

/**
 * The viewer when they pass the named rule, else the response to send instead. A 403 other than
 * the seller pages' is thrown, so the error page renders it (with `message` when given).
 */
export function pageViewer(
  c: Context<AppEnv>,
  permission: Permission,
  message?: string,
): Viewer | Response {
  const viewer = c.get('viewer')
  if (!viewer) return toSignIn(c)
  const decision = check(permission, viewer)
  if (!decision.allowed && permission === 'approvedSeller') return sellerOnly(c, viewer)
  enforce(decision, message)
  return viewer
}

/** What a signed-in non-seller gets at a seller page: how to become one (403). */
function sellerOnly(c: Context<AppEnv>, viewer: Viewer) {
  return html(
    c,
    <SellerOnlyPage {...pageBase(c)} sellerStatus={viewer.account.seller_status} />,
    403,
  )
}
