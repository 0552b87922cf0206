/**
 * The authorization matrix: who may call a route of a given permission, written out by hand
 * (not derived from functions/access/rules.ts, which it checks), and how each outcome looks on
 * a surface: the JSON API answers 401/403/404 with a code; a page redirects a visitor who is
 * not signed in to /signin and shows 403/404 as HTML.
 */
import { expect } from 'vitest'

/** The eight callers the matrix tries every route as. The owner of the fixtures runs last. */
export const PERSONAS = [
  'anonymous',
  'member',
  'otherMember',
  'otherSeller',
  'worker',
  'board',
  'admin',
  'seller',
] as const

export type Persona = (typeof PERSONAS)[number]

/** What a persona gets: through, or the denial named by its error code. */
export type Outcome =
  'allowed' | 'not_signed_in' | 'forbidden' | 'membership_required' | 'not_found'

/** Where a route lives: the JSON API, or the HTML pages (their route list is added later). */
export type Surface = 'api' | 'page'

/** The listing a listing route is called on: the seller's published listing or their draft. */
export type Target = 'published' | 'draft'

const A = 'allowed'
const N = 'not_signed_in'
const F = 'forbidden'
const X = 'not_found'

type Row = readonly [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome]

/**
 * The hand-written table, one row per permission. Every persona but `anonymous` is an active
 * member; `seller` and `otherSeller` are approved sellers; the staff are not sellers. The
 * listing rows are about `seller`'s listing: someone else's published listing is 403, someone
 * else's draft does not exist for them (404).
 */
// prettier-ignore
const TABLE: Record<string, Row> = {
  //                         anonymous member otherMember seller otherSeller worker board admin
  anonymous:                [A,        A,     A,          A,     A,          A,     A,    A],
  signedIn:                 [N,        A,     A,          A,     A,          A,     A,    A],
  activeMember:             [N,        A,     A,          A,     A,          A,     A,    A],
  approvedSeller:           [N,        F,     F,          A,     A,          F,     F,    F],
  worker:                   [N,        F,     F,          F,     F,          A,     F,    F],
  board:                    [N,        F,     F,          F,     F,          F,     A,    F],
  admin:                    [N,        F,     F,          F,     F,          F,     F,    A],
  listingSeller:            [N,        F,     F,          A,     F,          F,     F,    F],
  'listingSeller on draft': [N,        F,     F,          A,     X,          F,     F,    F],
}

const COLUMNS = [
  'anonymous',
  'member',
  'otherMember',
  'seller',
  'otherSeller',
  'worker',
  'board',
  'admin',
]

/**
 * The expected outcome of each persona for a route's permission (on a draft, for the listing
 * rule). Throws, naming the route, for a permission the table does not know.
 */
export function outcomesFor(where: string, permission: unknown, target?: Target) {
  const key = target === 'draft' ? `${String(permission)} on draft` : String(permission)
  const row = TABLE[key]
  if (!row) throw new Error(`${where}: permission "${key}" is not in the authorization matrix`)
  return Object.fromEntries(COLUMNS.map((name, i) => [name, row[i]])) as Record<Persona, Outcome>
}

/** What a denial looks like on a surface; `null` for "allowed". */
export interface Denied {
  status: number
  code?: string
  location?: RegExp
}

/** The concrete answer an outcome gives on a surface. */
export function expected(surface: Surface, outcome: Outcome): Denied | null {
  if (outcome === 'allowed') return null
  const status = { not_signed_in: 401, forbidden: 403, membership_required: 403, not_found: 404 }
  if (surface === 'api') return { status: status[outcome], code: outcome }
  // A page sends a visitor to sign in and back; other refusals are HTML pages without a code.
  if (outcome === 'not_signed_in') return { status: 303, location: /^\/signin\?next=/ }
  return { status: status[outcome] }
}

/** Asserts that an answer is the expected one: the exact denial, or no 401/403/5xx. */
export async function assertOutcome(where: string, response: Response, denied: Denied | null) {
  const location = response.headers.get('location') ?? ''
  if (!denied) {
    expect(response.status, `${where} should be allowed`).not.toBe(401)
    expect(response.status, `${where} should be allowed`).not.toBe(403)
    expect(response.status, `${where} should be allowed`).toBeLessThan(500)
    expect(location, `${where} should not be sent to sign in`).not.toMatch(/^\/signin/)
    return
  }
  expect(response.status, where).toBe(denied.status)
  if (denied.location) expect(location, where).toMatch(denied.location)
  if (denied.code) {
    const body = await response.json<{ error?: { code?: string } }>()
    expect(body.error?.code, where).toBe(denied.code)
  }
}

/** The concrete records a route's path parameters are filled from. */
export interface Fixtures {
  published: { id: string; imageId: string }
  draft: { id: string; imageId: string }
  /** An account that no persona is (admin routes act on it). */
  accountId: string
  /** A pending seller application. */
  applicationId: string
  /** The seller's account (their storefront). */
  sellerId: string
}

const thisYear = () => String(new Date().getUTCFullYear())

/** Which fixture fills the parameters of the paths under each prefix. */
const PARAMS: [string, (f: Fixtures, target: Target) => Record<string, string>][] = [
  ['/api/v1/listings/{id}', (f, target) => ({ id: f[target].id, imageId: f[target].imageId })],
  ['/api/v1/admin/accounts/{id}/', (f) => ({ id: f.accountId })],
  ['/api/v1/admin/seller-applications/{id}/', (f) => ({ id: f.applicationId })],
  ['/sell/listings/:id', (f, target) => ({ id: f[target].id, imageId: f[target].imageId })],
  ['/listings/:id', (f) => ({ id: f.published.id })],
  ['/admin/seller-applications/:id/', (f) => ({ id: f.applicationId })],
  // No dead job: an admin's requeue is a 404, which still shows the rule let them through.
  ['/admin/jobs/:id/', () => ({ id: 'job_none' })],
  // Another account's (or no) session: a 404 for every signed-in persona, past the rule.
  ['/api/v1/me/sessions/{id}', () => ({ id: 'ses_none' })],
  ['/account/settings/sessions/:id/', () => ({ id: 'ses_none' })],
  ['/categories/:slug', () => ({ slug: 'prints' })],
  ['/sellers/:id', (f) => ({ id: f.sellerId })],
  // An unknown order: 404 for every signed-in persona, which shows the rule let them through.
  ['/api/v1/orders/{id}', () => ({ id: 'ord_none', item_id: 'item_none' })],
  ['/orders/:id', () => ({ id: 'ord_none', itemId: 'item_none' })],
  ['/admin/orders/:id', () => ({ id: 'ord_none' })],
  // The current year: its statement is an estimate; its notice a 404 until it is approved.
  ['/account/patronage/:year', () => ({ year: String(new Date().getUTCFullYear()) })],
  // The current fiscal year (January years): open, so approving it is a 409 past the rule.
  [
    '/api/v1/board/years/{year}/hours/{member_id}',
    (f) => ({ year: thisYear(), member_id: f.accountId }),
  ],
  ['/api/v1/board/years/{year}', () => ({ year: thisYear() })],
  ['/api/v1/me/patronage/{year}', () => ({ year: thisYear() })],
  // The board's pages on the current (open) year, so an empty approve form is a refusal (409),
  // never an approval; empty rules, entry and hours forms are 400s that change nothing.
  ['/board/years/:year', () => ({ year: thisYear(), member_id: 'acct_none' })],
  // Email (functions/email): an unknown token is a 400 page, an unknown email a 404.
  ['/unsubscribe/:token', () => ({ token: 'AAAAAAAAAAAAAAAAAAAAAA' })],
  ['/_dev/mail/:id', () => ({ id: 'eml_none' })],
  // Emailed links with an unknown token: a 400 past the rule, which changes nothing.
  ['/api/v1/email-verifications/{token}', () => ({ token: 'tok_none' })],
  ['/api/v1/password-resets/{token}', () => ({ token: 'tok_none' })],
  ['/confirm-email/:token', () => ({ token: 'tok_none' })],
  ['/reset-password/:token', () => ({ token: 'tok_none' })],
]

/**
 * The concrete path of a declared (OpenAPI `{param}`) path. Throws for a parameter no fixture
 * fills, so a new route with a new parameter cannot be skipped silently.
 */
export function concretePath(path: string, fixtures: Fixtures, target: Target = 'published') {
  const entry = PARAMS.find(([prefix]) => path.startsWith(prefix))
  const values = entry ? entry[1](fixtures, target) : {}
  // OpenAPI's `{id}` or Hono's `:id` (the pages' paths).
  return path.replace(/\{(\w+)\}|:(\w+)/g, (_, braced?: string, colon?: string) => {
    const name = braced ?? colon ?? ''
    const value = values[name]
    if (!value) throw new Error(`no fixture fills {${name}} in ${path}: add one to matrix.ts`)
    return value
  })
}
