import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'

import { type Client, becomeMember, call, grantRole, me, signUp, csrfIn } from './helpers.ts'

let admin: Client
const today = () => new Date().toISOString().slice(0, 10)

beforeAll(async () => {
  admin = await signUp({ display_name: 'Recording Admin' })
  await grantRole(admin, 'admin')
})

/** debit − credit of a ledger account. */
async function balance(account: string) {
  const row = await env.DB.prepare(
    `SELECT coalesce(sum(debit_cents) - sum(credit_cents), 0) AS b FROM ledger_entries WHERE account = ?`,
  )
    .bind(account)
    .first<{ b: number }>()
  return row?.b ?? 0
}

async function periods(accountId: string) {
  const { results } = await env.DB.prepare(
    'SELECT started_at, ended_at, end_reason FROM membership_periods WHERE account_id = ? ORDER BY started_at',
  )
    .bind(accountId)
    .all<{ started_at: string; ended_at: string | null; end_reason: string | null }>()
  return results
}

const ask = (client: Client, json: unknown = { reason: 'Moving abroad.' }) =>
  call('/api/v1/membership/withdrawal', { method: 'POST', as: client, json })

const record = (as: Client, accountId: string, json: unknown) =>
  call(`/api/v1/admin/accounts/${accountId}/withdrawal`, { method: 'POST', as, json })

async function requests(accountId: string) {
  const { results } = await env.DB.prepare(
    'SELECT status FROM withdrawal_requests WHERE account_id = ? ORDER BY created_at',
  )
    .bind(accountId)
    .all<{ status: string }>()
  return results.map((r) => r.status)
}

describe('asking to withdraw', () => {
  it('puts the request before the admins (202), once', async () => {
    const member = await signUp()
    await becomeMember(member)
    const response = await ask(member)
    expect(response.status).toBe(202)
    expect(await response.json()).toMatchObject({ status: 'pending', reason: 'Moving abroad.' })
    const again = await ask(member)
    expect(again.status).toBe(409)
    expect(await again.json()).toMatchObject({ error: { code: 'withdrawal_pending' } })
    expect(await requests(member.id)).toEqual(['pending'])
    // Still a member until an admin records it.
    expect((await me(member)).membership.status).toBe('active')
  })

  it('is only for active members, and bad input changes nothing', async () => {
    const stranger = await signUp()
    expect((await ask(stranger)).status).toBe(403)
    expect((await call('/api/v1/membership/withdrawal', { method: 'POST', json: {} })).status).toBe(
      401,
    )
    const member = await signUp()
    await becomeMember(member)
    for (const body of [{ reason: 'x'.repeat(1001) }, { reason: 5 }, { why: 'no' }]) {
      const response = await ask(member, body)
      expect(response.status).toBe(400)
    }
    expect(await requests(member.id)).toEqual([])
  })
})

describe('asking to withdraw from the account page, without JavaScript', () => {
  const post = (client: Client, fields: Record<string, string>) =>
    call('/account/withdrawal', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
      as: client,
    })

  it('offers the form to active members and shows the request once it is made', async () => {
    const member = await signUp()
    await becomeMember(member)
    const page = await (await call('/account', { as: member })).text()
    expect(page).toContain('action="/account/withdrawal"')
    const _csrf = csrfIn(page)
    expect((await post(member, { _csrf: 'forged', reason: 'x' })).status).toBe(403)
    expect(await requests(member.id)).toEqual([])

    const sent = await post(member, { _csrf, reason: 'Moving abroad.' })
    expect(sent.status).toBe(303)
    expect(sent.headers.get('location')).toBe('/account?withdrawal=requested')
    // A second post (another tab) changes nothing and lands on the same page.
    expect((await post(member, { _csrf, reason: 'Again' })).status).toBe(303)
    expect(await requests(member.id)).toEqual(['pending'])
    const after = await (await call('/account', { as: member })).text()
    expect(after).toContain('You asked to withdraw on')
    expect(after).not.toContain('action="/account/withdrawal"')
  })

  it('is not offered to someone who is not a member', async () => {
    const stranger = await signUp()
    const page = await (await call('/account', { as: stranger })).text()
    expect(page).not.toContain('action="/account/withdrawal"')
    const _csrf = csrfIn(page)
    expect((await post(stranger, { _csrf })).status).toBe(403)
    expect(await requests(stranger.id)).toEqual([])
  })
})

describe('an admin recording a withdrawal', () => {
  it('ends the period, moves the share to the redemption payable and makes the member withdrawn', async () => {
    const member = await signUp()
    await becomeMember(member)
    await ask(member)
    const response = await record(admin, member.id, { effective_date: today(), note: 'Bylaw 7' })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({
      membership: { status: 'withdrawn' },
      redemption_payable_cents: 1000,
    })
    const view = await me(member)
    expect(view.membership.status).toBe('withdrawn')
    expect(view.roles).not.toContain('member')
    // Capital → redemption payable: the member's capital is 0, the co-op owes them the share.
    expect(await balance(`member_capital:${member.id}`)).toBe(0)
    expect(await balance(`share_redemptions_payable:${member.id}`)).toBe(-1000)
    const [period] = await periods(member.id)
    expect(period?.end_reason).toBe('withdrawal')
    expect(period?.ended_at?.slice(0, 10)).toBe(today())
    expect(await requests(member.id)).toEqual(['recorded'])
    // The member's share is redeemed, and a second record is a conflict.
    const again = await record(admin, member.id, { effective_date: today(), note: '' })
    expect(again.status).toBe(409)
    expect(await balance(`share_redemptions_payable:${member.id}`)).toBe(-1000)
  })

  it('may be recorded without a request', async () => {
    const member = await signUp()
    await becomeMember(member)
    const response = await record(admin, member.id, { effective_date: today() })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ request_id: null })
    expect((await me(member)).membership.status).toBe('withdrawn')
  })

  it('is for admins only: a member cannot record their own or another’s', async () => {
    const member = await signUp()
    await becomeMember(member)
    const other = await signUp()
    await becomeMember(other)
    for (const target of [member.id, other.id]) {
      const response = await record(member, target, { effective_date: today(), note: '' })
      expect(response.status).toBe(403)
    }
    expect((await me(other)).membership.status).toBe('active')
    expect(await periods(other.id)).toMatchObject([{ ended_at: null }])
  })

  it('refuses bad input with 400 and changes nothing', async () => {
    const member = await signUp()
    await becomeMember(member)
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)
    const bad = [
      {},
      { effective_date: '2026-02-30' },
      { effective_date: '31/12/2026' },
      { effective_date: tomorrow },
      { effective_date: '2000-01-01' },
      { effective_date: today(), note: 'ok', extra: true },
      { effective_date: today(), note: 'x'.repeat(1001) },
    ]
    for (const body of bad) {
      const response = await record(admin, member.id, body)
      expect(response.status, JSON.stringify(body)).toBe(400)
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_input' } })
    }
    expect((await me(member)).membership.status).toBe('active')
    expect(await balance(`member_capital:${member.id}`)).toBe(-1000)
    expect(await periods(member.id)).toMatchObject([{ ended_at: null }])
  })

  it('answers 409 for someone who is not an active member, 404 for no account', async () => {
    const stranger = await signUp()
    expect((await record(admin, stranger.id, { effective_date: today() })).status).toBe(409)
    expect((await record(admin, 'acct_nobody', { effective_date: today() })).status).toBe(404)
  })
})

describe('joining again', () => {
  it('takes a new share and opens a second period; the first stays redeemed', async () => {
    const member = await signUp()
    await becomeMember(member)
    expect((await record(admin, member.id, { effective_date: today() })).status).toBe(200)
    await becomeMember(member)
    const view = await me(member)
    expect(view.membership.status).toBe('active')
    const history = await periods(member.id)
    expect(history).toHaveLength(2)
    expect(history[0]?.ended_at).not.toBeNull()
    expect(history[1]?.ended_at).toBeNull()
    // /me reports the start of the current period.
    expect(view.membership.since).toBe(history[1]?.started_at)
    expect(await balance(`member_capital:${member.id}`)).toBe(-1000)
    expect(await balance(`share_redemptions_payable:${member.id}`)).toBe(-1000)
    const { results } = await env.DB.prepare(
      'SELECT redeemed_at FROM member_shares WHERE account_id = ? ORDER BY issued_at',
    )
      .bind(member.id)
      .all<{ redeemed_at: string | null }>()
    expect(results.map((r) => r.redeemed_at === null)).toEqual([false, true])
  })
})
