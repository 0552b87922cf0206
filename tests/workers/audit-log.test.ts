/**
 * The admins' audit log: every role grant and revoke, application decision, recorded withdrawal
 * and admin refund leaves a row with who, when and what; the database refuses to change or
 * remove one; only admins read it, at /admin/audit.
 */
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'

import { type Client, becomeMember, call, grantRole, signUp } from './helpers.ts'
import { marketCast, openOrder, payOrder, publishedListing } from './order-fixtures.ts'

interface AuditRow {
  id: string
  at: string
  actor_id: string
  action: string
  subject_type: string
  subject_id: string
  details: string
}

/** The log's rows about `subjectId`, oldest first. */
async function rowsAbout(subjectId: string) {
  const { results } = await env.DB.prepare(
    `SELECT * FROM audit_log WHERE subject_id = ? ORDER BY at, id`,
  )
    .bind(subjectId)
    .all<AuditRow>()
  return results.map((row) => ({
    ...row,
    details: JSON.parse(row.details) as Record<string, unknown>,
  }))
}

const setRoles = (admin: Client, target: Client, roles: string[]) =>
  call(`/api/v1/admin/accounts/${target.id}/roles`, { method: 'PUT', as: admin, json: { roles } })

let admin: Client

beforeAll(async () => {
  admin = await signUp({ display_name: 'Audit Admin' })
  await grantRole(admin, 'admin')
}, 60_000)

describe('the audit log', () => {
  it('writes one row per role added and per role removed, with the admin who did it', async () => {
    const target = await signUp({ display_name: 'Rosa Roles' })
    expect((await setRoles(admin, target, ['board', 'worker'])).status).toBe(200)
    expect((await setRoles(admin, target, ['board', 'worker'])).status).toBe(200)
    expect((await setRoles(admin, target, ['board'])).status).toBe(200)
    const rows = await rowsAbout(target.id)
    expect(rows.map((r) => [r.action, r.details.role])).toEqual(
      expect.arrayContaining([
        ['role_granted', 'board'],
        ['role_granted', 'worker'],
        ['role_revoked', 'worker'],
      ]),
    )
    // Setting the same roles again changed nothing, and logged nothing.
    expect(rows).toHaveLength(3)
    expect(rows.every((r) => r.actor_id === admin.id && r.subject_type === 'account')).toBe(true)
  })

  it('logs a refused role change not at all', async () => {
    const before = await rowsAbout(admin.id)
    expect((await setRoles(admin, admin, ['board'])).status).toBe(409)
    expect(await rowsAbout(admin.id)).toEqual(before)
  })

  it('records application decisions and recorded withdrawals with their notes', async () => {
    const applicant = await signUp({ display_name: 'Ari Applicant' })
    await becomeMember(applicant)
    const applied = await call('/api/v1/seller-applications', {
      method: 'POST',
      as: applicant,
      json: { statement: 'Hand-bound notebooks.', portfolio_url: 'https://ari.example' },
    })
    const { id } = await applied.json<{ id: string }>()
    const decide = () =>
      call(`/api/v1/admin/seller-applications/${id}/decision`, {
        method: 'POST',
        as: admin,
        json: { decision: 'reject', note: 'Not yet' },
      })
    expect((await decide()).status).toBe(200)
    // A second decision is refused (409) and leaves no second row.
    expect((await decide()).status).toBe(409)
    const decisions = await rowsAbout(id)
    expect(decisions).toHaveLength(1)
    expect(decisions[0]).toMatchObject({
      action: 'application_rejected',
      actor_id: admin.id,
      subject_type: 'application',
      details: { note: 'Not yet' },
    })

    const today = new Date().toISOString().slice(0, 10)
    const withdrawn = await call(`/api/v1/admin/accounts/${applicant.id}/withdrawal`, {
      method: 'POST',
      as: admin,
      json: { effective_date: today, note: 'Letter of 3 May' },
    })
    expect(withdrawn.status).toBe(200)
    const rows = (await rowsAbout(applicant.id)).filter((r) => r.action === 'withdrawal_recorded')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      actor_id: admin.id,
      details: { effective_date: today, note: 'Letter of 3 May' },
    })
  })

  it("records a refund an admin asked for, and not the seller's own", async () => {
    const cast = await marketCast('Audit')
    const listing = await publishedListing(cast.potter, { title: 'Jug', price_cents: 3000 })
    const { order_id, checkout_url } = await openOrder(cast.buyer, [
      { listing_id: listing, quantity: 2 },
    ])
    await payOrder(checkout_url)
    const line = await env.DB.prepare(`SELECT id FROM order_items WHERE order_id = ?`)
      .bind(order_id)
      .first<{ id: string }>()
    const refund = async (as: Client) => {
      const response = await call(`/api/v1/orders/${order_id}/refunds`, {
        method: 'POST',
        as,
        json: { order_item_id: line!.id, amount_cents: 1000, reason: 'Cracked in the post' },
      })
      expect(response.status).toBe(201)
      return (await response.json<{ id: string }>()).id
    }
    const byAdmin = await refund(cast.admin)
    const bySeller = await refund(cast.potter)
    expect(await rowsAbout(byAdmin)).toMatchObject([
      {
        action: 'refund_requested',
        actor_id: cast.admin.id,
        details: { order_id, amount_cents: 1000, reason: 'Cracked in the post', title: 'Jug' },
      },
    ])
    expect(await rowsAbout(bySeller)).toEqual([])
  })

  it('refuses UPDATE and DELETE in the database', async () => {
    const [row] = await rowsAbout(
      (await env.DB.prepare('SELECT subject_id FROM audit_log LIMIT 1').first<{
        subject_id: string
      }>())!.subject_id,
    )
    await expect(
      env.DB.prepare(`UPDATE audit_log SET action = 'role_granted' WHERE id = ?`)
        .bind(row!.id)
        .run(),
    ).rejects.toThrow(/append-only/)
    await expect(
      env.DB.prepare(`DELETE FROM audit_log WHERE id = ?`).bind(row!.id).run(),
    ).rejects.toThrow(/append-only/)
    const still = await env.DB.prepare(`SELECT count(*) AS n FROM audit_log WHERE id = ?`)
      .bind(row!.id)
      .first<{ n: number }>()
    expect(still?.n).toBe(1)
  })
})

describe('/admin/audit', () => {
  it('shows admins who did what, in words, newest first', async () => {
    const target = await signUp({ display_name: 'Page Person' })
    await setRoles(admin, target, ['worker'])
    await setRoles(admin, target, [])
    const response = await call('/admin/audit', { as: admin })
    expect(response.status).toBe(200)
    const html = await response.text()
    const took = html.indexOf('Took the worker role from Page Person.')
    const gave = html.indexOf('Gave Page Person the worker role.')
    expect(took).toBeGreaterThan(-1)
    expect(gave).toBeGreaterThan(took)
    expect(html).toContain('Audit Admin')
    expect(html).toContain('href="/admin/audit"')
  })

  it('is for admins only: 403 for a member, sign-in for a visitor', async () => {
    const member = await signUp({ display_name: 'Curious Member' })
    expect((await call('/admin/audit', { as: member })).status).toBe(403)
    const visitor = await call('/admin/audit')
    expect(visitor.status).toBe(303)
    expect(visitor.headers.get('location')).toMatch(/^\/signin/)
  })

  it('pages by keyset: the next page starts where the last ended, nothing twice', async () => {
    const target = await signUp({ display_name: 'Many Roles' })
    for (let i = 0; i < 55; i += 1) await setRoles(admin, target, i % 2 === 0 ? ['worker'] : [])
    const ids = new Set<string>()
    let path: string | null = '/admin/audit'
    let pages = 0
    while (path && pages < 10) {
      const html: string = await (await call(path, { as: admin })).text()
      for (const match of html.matchAll(/data-audit-id="([^"]+)"/g)) {
        expect(ids.has(match[1]!)).toBe(false)
        ids.add(match[1]!)
      }
      const next: RegExpExecArray | null = /href="(\/admin\/audit\?cursor=[^"]+)"/.exec(html)
      path = next ? next[1]!.replace(/&amp;/g, '&') : null
      pages += 1
    }
    const total = await env.DB.prepare('SELECT count(*) AS n FROM audit_log').first<{ n: number }>()
    expect(ids.size).toBe(total?.n)
    expect(pages).toBeGreaterThan(1)
  })
})
