/**
 * Who the fuzzer calls a route as: someone the route's permission lets through, so requests
 * reach its validation and handler rather than stopping at 401/403. Each persona is made once
 * through the public API and made again only when a successful request took away what its
 * rule needs (a sign-out ends the session, a withdrawal ends the membership, an admin may strip
 * roles). Path parameters are drawn from ids that exist, minus the callers' own accounts.
 */
import { env } from 'cloudflare:workers'
import { expect } from 'vitest'

import { bytesOf, tinyBase64 } from '../fixtures/images.ts'
import { type Client, becomeMember, becomeSeller, call, grantRole, me, signUp } from '../helpers.ts'

type Me = Awaited<ReturnType<typeof me>>

/** Whether the account still passes the rule a route names (see functions/access/rules.ts). */
function passes(permission: string, account: Me): boolean {
  switch (permission) {
    case 'activeMember':
      return account.membership.status === 'active'
    case 'approvedSeller':
    case 'listingSeller':
      return account.seller.status === 'approved'
    case 'admin':
    case 'board':
    case 'worker':
      return account.roles.includes(permission)
    case 'signedIn':
      return true
    default:
      throw new Error(`the fuzzer has no persona for the permission "${permission}"`)
  }
}

/** Listings for the seller: a physical one with an image (published) and a digital draft. */
async function stockShop(seller: Client) {
  const listing = async (json: Record<string, unknown>) => {
    const response = await call('/api/v1/listings', { method: 'POST', json, as: seller })
    expect(response.status).toBe(201)
    return (await response.json<{ id: string }>()).id
  }
  const base = { title: 'Fuzz print', description: 'A print.', price_cents: 1200 }
  const physical = await listing({ ...base, kind: 'physical', quantity: 5 })
  const form = new FormData()
  form.append('file', new File([bytesOf(tinyBase64)], 'a.png', { type: 'image/png' }))
  const image = await call(`/api/v1/listings/${physical}/images`, {
    method: 'POST',
    body: form,
    as: seller,
  })
  expect(image.status).toBe(201)
  await call(`/api/v1/listings/${physical}/publish`, { method: 'POST', as: seller })
  await listing({ ...base, kind: 'digital' })
}

async function make(permission: string): Promise<Client> {
  const client = await signUp({ display_name: `Fuzz ${permission}` })
  if (permission === 'activeMember') await becomeMember(client)
  if (permission === 'approvedSeller' || permission === 'listingSeller') {
    await becomeSeller(client)
    await stockShop(client)
  }
  if (permission === 'admin' || permission === 'board' || permission === 'worker') {
    await grantRole(client, permission)
  }
  return client
}

/** Both seller rules use one seller, so listing routes act on the shop it stocked. */
const personaOf = (permission: string) =>
  permission === 'approvedSeller' ? 'listingSeller' : permission

/** The personas of one test file, and the ids that path parameters are drawn from. */
export class Personas {
  private readonly made = new Map<string, Client>()
  private victim: Client | undefined
  private pool: Record<string, string[]> = {}

  /** The client for a route's permission (undefined for `anonymous`), made on first use. */
  async caller(permission: string): Promise<Client | undefined> {
    if (permission === 'anonymous') return undefined
    const key = personaOf(permission)
    let client = this.made.get(key)
    if (!client) {
      client = await make(key)
      this.made.set(key, client)
      await this.refreshIds()
    }
    return client
  }

  /** After a success: make the persona again if the request took its permission away. */
  async recheck(permission: string): Promise<void> {
    const key = personaOf(permission)
    const client = this.made.get(key)
    if (client) {
      const answer = await call('/api/v1/me', { as: client })
      const still = answer.status === 200 && passes(key, await answer.json<Me>())
      if (!still) this.made.delete(key)
    }
    await this.refreshIds()
  }

  /** Ids that exist now (every `id` column), minus the callers' accounts; read at draw time. */
  ids = (): string[] => Object.values(this.pool).flat()

  /** The ids of the tables a path segment names (`seller-applications`), else all of them. */
  idsFor = (segment: string): string[] => {
    const table = segment.replace(/-/g, '_')
    const named = Object.entries(this.pool)
      .filter(([name]) => name === table || name.endsWith(`_${table}`))
      .flatMap(([, ids]) => ids)
    return named.length ? named : this.ids()
  }

  /** An account that is not a caller (a member), so admin routes have someone to act on. */
  async ensureVictim() {
    if (!this.victim) {
      this.victim = await signUp({ display_name: 'Fuzz target' })
      await becomeMember(this.victim)
      await this.refreshIds()
    }
  }

  private async refreshIds() {
    const { results: tables } = await env.DB.prepare(
      `SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) p
        WHERE m.type = 'table' AND p.name = 'id' AND m.name NOT LIKE '\\_cf\\_%' ESCAPE '\\'`,
    ).all<{ name: string }>()
    const pages = await env.DB.batch<{ id: string }>(
      tables.map((t) => env.DB.prepare(`SELECT id FROM "${t.name}" LIMIT 100`)),
    )
    const callers = new Set([...this.made.values()].map((client) => client.id))
    this.pool = Object.fromEntries(
      tables.map((t, i) => [
        t.name,
        (pages[i]?.results ?? []).map((r) => String(r.id)).filter((id) => !callers.has(id)),
      ]),
    )
  }
}
