import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

import { becomeMember, call, type Client, grantRole, me, signUp } from './helpers.ts'

const application = {
  statement: 'I throw stoneware bowls and mugs in a shared studio in Leeds.',
  portfolio_url: 'https://ann.example/portfolio',
}

async function activeMember(): Promise<Client> {
  const client = await signUp()
  await becomeMember(client)
  return client
}

async function admin(): Promise<Client> {
  const client = await signUp({ display_name: 'Ada Admin' })
  await grantRole(client, 'admin')
  return client
}

async function apply(client: Client, json: unknown = application) {
  return call('/api/v1/seller-applications', { method: 'POST', json, as: client })
}

async function applicationCount() {
  const row = await env.DB.prepare('SELECT count(*) AS n FROM seller_applications').first<{
    n: number
  }>()
  return row?.n ?? 0
}

describe('applying to sell', () => {
  it('files a pending application for an active member', async () => {
    const member = await activeMember()
    const response = await apply(member)
    expect(response.status).toBe(201)
    expect(await response.json()).toMatchObject({ status: 'pending', ...application, note: null })
    expect((await me(member)).seller.status).toBe('pending')
  })

  it('refuses someone who is not signed in (401) or not yet a member (403)', async () => {
    expect(
      (await call('/api/v1/seller-applications', { method: 'POST', json: application })).status,
    ).toBe(401)
    const before = await applicationCount()
    const response = await apply(await signUp())
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ error: { code: 'membership_required' } })
    expect(await applicationCount()).toBe(before)
  })

  it.each([
    ['a short statement', { ...application, statement: 'pots' }, 'statement'],
    [
      'a non-web portfolio',
      { ...application, portfolio_url: 'javascript:alert(1)' },
      'portfolio_url',
    ],
    ['a missing portfolio', { statement: application.statement }, 'portfolio_url'],
    ['an unknown field', { ...application, status: 'approved' }, 'status'],
  ])('answers %s with 400 and files nothing', async (_case, json, field) => {
    const member = await activeMember()
    const before = await applicationCount()
    const response = await apply(member, json)
    expect(response.status).toBe(400)
    const body = await response.json<{ error: { fields: Record<string, string> } }>()
    expect(body.error.fields[field]).toBeTruthy()
    expect(await applicationCount()).toBe(before)
    expect((await me(member)).seller.status).toBe('none')
  })

  it('allows one waiting application at a time (409)', async () => {
    const member = await activeMember()
    expect((await apply(member)).status).toBe(201)
    const second = await apply(member)
    expect(second.status).toBe(409)
    expect(await second.json()).toMatchObject({ error: { code: 'application_pending' } })
  })
})

describe("the admins' queue", () => {
  it('lists pending applications oldest first, a page at a time, without gaps or repeats', async () => {
    const reviewer = await admin()
    const applicants: string[] = []
    for (let i = 0; i < 5; i++) {
      const member = await activeMember()
      await apply(member)
      applicants.push(member.id)
    }
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const query: string = `?status=pending&limit=2${cursor ? `&cursor=${cursor}` : ''}`
      const response = await call(`/api/v1/admin/seller-applications${query}`, { as: reviewer })
      expect(response.status).toBe(200)
      const page = await response.json<{
        items: { applicant: { id: string; display_name: string } }[]
        next_cursor: string | null
      }>()
      expect(page.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.items.map((item) => item.applicant.id))
      cursor = page.next_cursor
    } while (cursor)
    expect(seen.filter((id) => applicants.includes(id))).toEqual(applicants)
    expect(new Set(seen).size).toBe(seen.length)
  })

  it('refuses bad queries with 400', async () => {
    const reviewer = await admin()
    for (const query of [
      '?status=maybe',
      '?limit=0',
      '?limit=101',
      '?limit=abc',
      '?cursor=%%%',
      '?cursor=bm90LWpzb24',
    ]) {
      const response = await call(`/api/v1/admin/seller-applications${query}`, { as: reviewer })
      expect(response.status, query).toBe(400)
    }
  })

  it('is for admins only (403)', async () => {
    const member = await activeMember()
    await grantRole(member, 'board')
    expect((await call('/api/v1/admin/seller-applications', { as: member })).status).toBe(403)
    expect((await call('/api/v1/admin/seller-applications')).status).toBe(401)
  })
})

describe('deciding an application', () => {
  async function pendingApplication() {
    const member = await activeMember()
    const response = await apply(member)
    const { id } = await response.json<{ id: string }>()
    return { member, id }
  }

  const decide = (id: string, as: Client, json: unknown) =>
    call(`/api/v1/admin/seller-applications/${id}/decision`, { method: 'POST', json, as })

  it('makes the applicant a seller on approval', async () => {
    const { member, id } = await pendingApplication()
    const response = await decide(id, await admin(), {
      decision: 'approve',
      note: 'Lovely glazes.',
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ status: 'approved', note: 'Lovely glazes.' })
    const view = await me(member)
    expect(view.seller.status).toBe('approved')
    expect(view.roles).toContain('seller')
  })

  it('shows the applicant a rejection and its note', async () => {
    const { member, id } = await pendingApplication()
    await decide(id, await admin(), {
      decision: 'reject',
      note: 'Please add photos of finished work.',
    })
    expect((await me(member)).seller.status).toBe('rejected')
    const mine = await call('/api/v1/seller-applications', { as: member })
    const body = await mine.json<{ items: { status: string; note: string }[] }>()
    expect(body.items[0]).toMatchObject({
      status: 'rejected',
      note: 'Please add photos of finished work.',
    })
    // Rejected applicants may try again.
    expect((await apply(member)).status).toBe(201)
  })

  it('refuses a non-admin with 403 and leaves the application pending', async () => {
    const { member, id } = await pendingApplication()
    const other = await activeMember()
    const response = await decide(id, other, { decision: 'approve' })
    expect(response.status).toBe(403)
    // Not even the applicant may approve themselves.
    expect((await decide(id, member, { decision: 'approve' })).status).toBe(403)
    expect((await me(member)).seller.status).toBe('pending')
  })

  it('refuses a second decision (409), a bad decision (400) and an unknown id (404)', async () => {
    const { member, id } = await pendingApplication()
    const reviewer = await admin()
    expect((await decide(id, reviewer, { decision: 'maybe' })).status).toBe(400)
    expect((await decide(id, reviewer, { decision: 'reject', note: 7 })).status).toBe(400)
    expect((await decide(id, reviewer, { decision: 'approve' })).status).toBe(200)
    const again = await decide(id, reviewer, { decision: 'reject' })
    expect(again.status).toBe(409)
    expect((await me(member)).seller.status).toBe('approved')
    expect((await decide('app_missing', reviewer, { decision: 'approve' })).status).toBe(404)
  })
})
