/**
 * Declaring a page route once, as the JSON API declares its routes (lib/routes.ts): method,
 * path, who may open it (the same permission names, access/rules.ts), how it resists cross-site
 * posts, and the schema of its form fields (the API's body schema wherever the fields are the
 * same). `PageRouter.page` mounts the handler behind those checks and keeps the declaration, so
 * the tests' authorization matrix reads the same table the router serves.
 */
import type { Context } from 'hono'
import { Hono } from 'hono'
import type { z } from 'zod'

import type { AppEnv, Viewer } from '../app.ts'
import { pageViewer } from '../access/pages.tsx'
import type { Permission, RoutePermission } from '../access/rules.ts'
import { type FormResult, formBody } from '../lib/validate.ts'
import { checkCsrf, toSignIn } from './helpers.tsx'

/**
 * How a page resists cross-site requests:
 * - `none`: a GET, which changes nothing;
 * - `origin`: a form for visitors (sign up, sign in), refused by the Origin guard
 *   (lib/security.ts) when posted from another site;
 * - `token`: the session's CSRF token in the form's `_csrf` field, checked before the handler;
 * - `multipart-token`: the same token, read by the handler's streaming upload reader from the
 *   multipart fields before the first file is stored.
 */
export type PageCsrf = 'none' | 'origin' | 'token' | 'multipart-token'

/** A page route's declaration. `path` is in Hono's syntax (`/sell/listings/:id`). */
export interface PageDeclaration<
  P extends RoutePermission = RoutePermission,
  F extends z.ZodType | undefined = z.ZodType | undefined,
  Path extends string = string,
> {
  /** The feature it belongs to. */
  tag: string
  method: 'get' | 'post'
  path: Path
  summary: string
  permission: P
  csrf: PageCsrf
  /** Replaces the default message of a 403 from the permission rule. */
  message?: string
  /** The urlencoded fields (without `_csrf`), parsed before the handler runs. */
  form?: F
}

/** What a page handler receives: the viewer the rule let through and the parsed form. */
export interface PageInput<P extends RoutePermission, F extends z.ZodType | undefined> {
  viewer: P extends 'anonymous' ? Viewer | null : Viewer
  form: F extends z.ZodType ? FormResult<z.output<F>> : undefined
}

/**
 * What the route itself checks of a rule decided on a loaded resource: a listing's seller is an
 * approved seller first (who else gets the page on how to become one); the handler's service
 * then checks that the listing is theirs.
 */
const PAGE_RULES: Record<RoutePermission, Permission> = {
  anonymous: 'anonymous',
  signedIn: 'signedIn',
  activeMember: 'activeMember',
  approvedSeller: 'approvedSeller',
  admin: 'admin',
  board: 'board',
  worker: 'worker',
  listingSeller: 'approvedSeller',
}

/** Refuses, when the Worker starts, a declaration whose checks could not hold. */
function checkDeclaration(declaration: PageDeclaration) {
  const { method, path, csrf, form } = declaration
  const where = `${method.toUpperCase()} ${path}`
  if ((method === 'get') !== (csrf === 'none')) {
    throw new Error(`${where}: a GET has csrf 'none', and a POST has another class`)
  }
  if (csrf === 'token' && !form) throw new Error(`${where}: the token is read from its form`)
  if (csrf === 'origin' && declaration.permission !== 'anonymous') {
    throw new Error(`${where}: a signed-in form carries the session's token`)
  }
}

/**
 * A feature's page routes. `page()` mounts a handler behind its declaration's checks, in this
 * order: signed in (else to the sign-in page and back), the form parsed (415/413 are error
 * pages), its CSRF token, then the permission rule (a 403 page).
 */
export class PageRouter extends Hono<AppEnv> {
  /** What this router serves, as declared. */
  readonly declared: PageDeclaration[] = []

  page<P extends RoutePermission, Path extends string, F extends z.ZodType | undefined = undefined>(
    declaration: PageDeclaration<P, F, Path>,
    handler: (c: Context<AppEnv, Path>, input: PageInput<P, F>) => Response | Promise<Response>,
  ): this {
    checkDeclaration(declaration)
    this.declared.push(declaration)
    const { permission, csrf, form, message } = declaration
    this.on(
      declaration.method.toUpperCase(),
      declaration.path,
      async (c: Context<AppEnv, Path>) => {
        if (permission !== 'anonymous' && !c.get('viewer')) return toSignIn(c)
        const parsed = form ? await formBody(c, form) : undefined
        if (csrf === 'token') checkCsrf(c, parsed?.raw ?? {})
        const viewer =
          permission === 'anonymous'
            ? c.get('viewer')
            : pageViewer(c, PAGE_RULES[permission], message)
        if (viewer instanceof Response) return viewer
        return handler(c, { viewer, form: parsed } as PageInput<P, F>)
      },
    )
    return this
  }
}

/** A new page router for a feature folder. */
export const pageRouter = () => new PageRouter()
