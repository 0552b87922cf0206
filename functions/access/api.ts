/**
 * Applying a rule in the JSON API and the services behind it: a denial becomes the AppError of
 * its status and code (401 not signed in, 403 with a code, 404), answered in spec/api.md's shape.
 */
import type { Context, MiddlewareHandler } from 'hono'

import type { AppEnv, Viewer } from '../app.ts'
import { AppError } from '../lib/errors.ts'
import { type Decision, type Permission, check } from './rules.ts'

/**
 * Throws the denial, if any. `message` replaces a 403's message where the caller can say what
 * was refused ("Only approved sellers set up payouts."); status and code stay the rule's.
 */
export function enforce(decision: Decision, message?: string): void {
  if (decision.allowed) return
  const { status, code } = decision.denial
  throw new AppError(status, code, (status === 403 && message) || decision.denial.message)
}

/** The viewer, when they pass the named rule; the rule's 401/403 otherwise. */
export function requirePermission(
  viewer: Viewer | null,
  permission: Permission,
  message?: string,
): Viewer {
  enforce(check(permission, viewer), message)
  // A rule allows no one who is not signed in.
  return viewer as Viewer
}

/** The signed-in viewer of a request, or a 401. */
export function viewerOf(c: Context<AppEnv>): Viewer {
  return requirePermission(c.get('viewer'), 'signedIn')
}

/** Middleware: the route runs only for viewers who pass the named rule. */
export function allow(permission: Permission, message?: string): MiddlewareHandler<AppEnv> {
  return async function permissionCheck(c, next) {
    requirePermission(c.get('viewer'), permission, message)
    await next()
  }
}
