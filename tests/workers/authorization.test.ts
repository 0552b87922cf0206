/**
 * The authorization matrix: every declared route, called as each of eight personas, answers
 * what the hand-written table in matrix.ts says: the exact denial, or no 401/403/5xx. A route
 * the app serves without a declaration, or with a permission the table does not know, fails.
 */
import { beforeAll, describe, expect, it } from 'vitest'

import { app, pageDeclarations } from '../../functions/server.ts'
import { declaredRoutes } from './contract.ts'
import { bytesOf, tinyBase64 } from './fixtures/images.ts'
import {
  becomeMember,
  becomeSeller,
  call,
  type Client,
  csrfOf,
  form,
  grantRole,
  sessionCookie,
  signUp,
} from './helpers.ts'
import {
  type Fixtures,
  PERSONAS,
  type Persona,
  type Surface,
  type Target,
  assertOutcome,
  concretePath,
  expected,
  outcomesFor,
} from './matrix.ts'

/** A route the matrix calls; `path` is a declared path (`{id}` or Hono's `:id`). */
interface MatrixRoute {
  surface: Surface
  method: string
  path: string
  permission: unknown
}

/** Every surface's routes: the API's (OpenAPI paths) and the pages' (Hono paths). */
const ROUTES: MatrixRoute[] = [
  ...declaredRoutes.map((route) => ({
    surface: 'api' as const,
    method: route.method,
    path: route.path,
    permission: route.config['x-permission'],
  })),
  ...pageDeclarations.map((page) => ({
    surface: 'page' as const,
    method: page.method.toUpperCase(),
    path: page.path,
    permission: page.permission,
  })),
]

const PASSWORD = 'correct-horse-battery'
const people = {} as Record<Exclude<Persona, 'anonymous'>, Client>
let fixtures: Fixtures
/** `METHOD path` (Hono syntax) of every route the matrix ran, for the coverage test. */
const ran = new Set<string>()

const keyOf = (route: MatrixRoute) => `${route.method} ${route.path}`

/**
 * Bodies other than `{}`. A valid withdrawal request would leave every member persona with a
 * pending withdrawal; a wrong type is refused by validation, which runs after the permission
 * check, so an allowed persona's 400 still shows it got past the rule.
 */
const BODIES: Record<string, unknown> = {
  'POST /api/v1/membership/withdrawal': { reason: 42 },
}

/** The same for the pages' forms (a reason longer than allowed). */
const FIELDS: Record<string, Record<string, string>> = {
  'POST /account/withdrawal': { reason: 'x'.repeat(5000) },
}

/** Restores what the owner's (last) call consumed, for the routes after it. */
const AFTER: Record<string, (target: Target) => Promise<void>> = {
  async 'POST /api/v1/listings/{id}/archive'(target) {
    if (target === 'draft') return // a draft cannot be archived (409)
    await republish()
  },
  async 'POST /sell/listings/:id/archive'(target) {
    if (target === 'draft') return
    await republish()
  },
}

async function republish() {
  const path = `/api/v1/listings/${fixtures.published.id}/publish`
  expect((await call(path, { method: 'POST', as: people.seller })).status).toBe(200)
}

/** Signing out through the API or the page. */
const SIGN_OUT = new Set(['DELETE /api/v1/session', 'POST /signout'])

/** The cookie a persona calls a route with; signing out ends a second session, not theirs. */
async function cookieFor(route: MatrixRoute, persona: Persona) {
  if (persona === 'anonymous') return undefined
  const client = people[persona]
  if (!SIGN_OUT.has(keyOf(route))) return client.cookie
  const json = { email: client.email, password: PASSWORD }
  return sessionCookie(await call('/api/v1/session', { method: 'POST', json }))
}

/** Each session's CSRF token, read once from its account page. */
const tokens = new Map<string, string>()

async function csrfFor(cookie: string) {
  const token = tokens.get(cookie) ?? (await csrfOf('/account', { cookie, id: '', email: '' }))
  tokens.set(cookie, token)
  return token
}

/** Sends one matrix request as the surface's client would. */
async function send(route: MatrixRoute, path: string, cookie: string | undefined) {
  const method = route.method
  if (route.surface === 'page') {
    if (method === 'GET') return call(path, { as: cookie })
    const _csrf = cookie ? await csrfFor(cookie) : ''
    return call(path, { ...form({ ...FIELDS[keyOf(route)], _csrf }), as: cookie })
  }
  const json = method === 'GET' || method === 'DELETE' ? undefined : (BODIES[keyOf(route)] ?? {})
  return call(path, { method, json, as: cookie })
}

async function member(displayName: string) {
  const client = await signUp({ display_name: displayName })
  await becomeMember(client)
  return client
}

async function seller(displayName: string) {
  const client = await signUp({ display_name: displayName })
  await becomeSeller(client)
  return client
}

async function newListing(json: Record<string, unknown>, images: number) {
  const created = await call('/api/v1/listings', { method: 'POST', json, as: people.seller })
  expect(created.status).toBe(201)
  const { id } = await created.json<{ id: string }>()
  let imageId = ''
  for (let i = 0; i < images; i++) {
    const body = new FormData()
    body.append('file', new File([bytesOf(tinyBase64)], 'art.png', { type: 'image/png' }))
    const uploaded = await call(`/api/v1/listings/${id}/images`, {
      method: 'POST',
      body,
      as: people.seller,
    })
    expect(uploaded.status).toBe(201)
    imageId = (await uploaded.json<{ id: string }>()).id
  }
  return { id, imageId }
}

beforeAll(async () => {
  people.member = await member('Matrix Member')
  people.otherMember = await member('Other Member')
  people.seller = await seller('Matrix Seller')
  people.otherSeller = await seller('Other Seller')
  for (const role of ['worker', 'board', 'admin'] as const) {
    people[role] = await member(`Matrix ${role}`)
    await grantRole(people[role], role)
  }
  const listing = { title: 'Matrix heron', price_cents: 2500, kind: 'physical', quantity: 3 }
  // Two images, so that removing one (the owner's call) leaves it publishable.
  const published = await newListing({ ...listing, category: 'prints' }, 2)
  const publish = `/api/v1/listings/${published.id}/publish`
  expect((await call(publish, { method: 'POST', as: people.seller })).status).toBe(200)
  // No title: the owner's publish is refused (409), so the draft stays a draft.
  const draft = await newListing({ kind: 'physical', quantity: 1 }, 1)
  const applicant = await member('Matrix Applicant')
  const applied = await call('/api/v1/seller-applications', {
    method: 'POST',
    as: applicant,
    json: {
      statement: 'I carve spoons from fallen cherry wood.',
      portfolio_url: 'https://a.example',
    },
  })
  expect(applied.status).toBe(201)
  const applicationId = (await applied.json<{ id: string }>()).id
  fixtures = {
    published,
    draft,
    accountId: applicant.id,
    applicationId,
    sellerId: people.seller.id,
  }
}, 120_000)

const cases = ROUTES.flatMap((route) =>
  (route.permission === 'listingSeller' ? (['published', 'draft'] as const) : [undefined]).map(
    (target) => ({ route, target, name: `${keyOf(route)}${target ? ` (${target})` : ''}` }),
  ),
)

describe('the authorization matrix', () => {
  it.each(cases)(
    '$name answers each persona as the table says',
    async ({ route, target }) => {
      const where = `${route.surface} ${keyOf(route)}`
      ran.add(`${route.method} ${route.path.replace(/\{([^}]+)\}/g, ':$1')}`)
      const outcomes = outcomesFor(where, route.permission, target)
      const path = concretePath(route.path, fixtures, target)
      for (const persona of PERSONAS) {
        const response = await send(route, path, await cookieFor(route, persona))
        const denied = expected(route.surface, outcomes[persona])
        await assertOutcome(`${where} as ${persona}`, response, denied)
      }
      await AFTER[keyOf(route)]?.(target ?? 'published')
      // Eight personas' calls (and their sign-ins): a loaded CI machine needs more than 5 s.
    },
    30_000,
  )

  it('ran every route the app serves: the API, the webhook and the pages', () => {
    const served = app.routes
      .filter((route) => route.method !== 'ALL')
      .map((route) => `${route.method} ${route.path}`)
    expect(served.length).toBeGreaterThan(50)
    expect([...new Set(served)].filter((route) => !ran.has(route))).toEqual([])
  })
})
