/**
 * Who may do what: small middleware that load nothing themselves and read the viewer that the
 * session middleware set. Permission rules live here and nowhere else.
 */
import type { Context, MiddlewareHandler } from 'hono'

import type { StaffRole } from '../../schema/tables.ts'
import type { AppEnv, Viewer } from '../app.ts'
import { AppError, forbidden, notSignedIn } from '../lib/errors.ts'

/** The signed-in viewer, or a 401. */
export function viewerOf(c: Context<AppEnv>): Viewer {
  const viewer = c.get('viewer')
  if (!viewer) throw notSignedIn()
  return viewer
}

export function hasRole(viewer: Viewer | null, role: StaffRole): boolean {
  return viewer?.roles.includes(role) ?? false
}

export function isActiveMember(viewer: Viewer | null): boolean {
  return viewer?.account.membership_status === 'active'
}

export function isApprovedSeller(viewer: Viewer | null): boolean {
  return viewer?.account.seller_status === 'approved'
}

/** 401 unless signed in. */
export const requireSignIn: MiddlewareHandler<AppEnv> = async function requireSignIn(c, next) {
  viewerOf(c)
  await next()
}

/** 401 unless signed in, 403 unless the viewer holds `role`. */
export function requireRole(role: StaffRole): MiddlewareHandler<AppEnv> {
  return async function requireRoleMiddleware(c, next) {
    if (!hasRole(viewerOf(c), role)) throw forbidden(`Only the co-op's ${role}s may do that.`)
    await next()
  }
}

/** 401 unless signed in, 403 unless the viewer's membership is active. */
export const requireActiveMember: MiddlewareHandler<AppEnv> = async function requireActiveMember(
  c,
  next,
) {
  if (!isActiveMember(viewerOf(c))) {
    throw new AppError(
      403,
      'membership_required',
      'Only active members may do that: buy your member share first.',
    )
  }
  await next()
}
