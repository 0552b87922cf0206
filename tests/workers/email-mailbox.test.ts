import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

import { emailStatements, type EmailToSend } from '../../functions/email/outbox.ts'
import worker from '../../functions/index.ts'
import { atomically, database } from '../../functions/lib/db.ts'
import { ORIGIN, type Client, call, csrfOf, signUp } from './helpers.ts'
import { linksOf, mailTo, runEmailJobs } from './mail-helpers.ts'

/** Writes and sends emails as a feature's change would. */
async function send(emails: EmailToSend[]) {
  const { statements } = await emailStatements(database(env.DB), env, emails, new Date())
  // A switched-off email has no statements, and D1 refuses an empty batch.
  if (statements.length > 0) await atomically(env.DB, statements)
  await runEmailJobs()
}

let keys = 0
const orderPaid = (member: Client): EmailToSend => ({
  kind: 'order_paid',
  to: member.email,
  accountId: member.id,
  data: {
    name: 'Ann',
    order_id: 'ord_9',
    total_cents: 500,
    currency: 'usd',
    url: `${ORIGIN}/orders/ord_9`,
  },
  dedupeKey: `paid-${(keys += 1)}-${member.id}`,
})
const patronage = (member: Client): EmailToSend => ({
  kind: 'patronage_ready',
  to: member.email,
  accountId: member.id,
  data: { name: 'Ann', year: 2026, url: `${ORIGIN}/account/patronage/2026` },
  dedupeKey: `patronage-${(keys += 1)}-${member.id}`,
})

const subjects = async (member: Client) => (await mailTo(member.email)).map((m) => m.subject)
const preferences = async (member: Client) =>
  (await call('/api/v1/me/email-preferences', { as: member })).json<Record<string, boolean>>()

describe('email preferences', () => {
  it('starts with every category on, and a switched-off category sends nothing', async () => {
    const member = await signUp()
    expect(await preferences(member)).toEqual({ orders: true, sales: true, coop: true })
    const put = await call('/api/v1/me/email-preferences', {
      method: 'PUT',
      as: member,
      json: { orders: false, sales: true, coop: true },
    })
    expect(put.status).toBe(200)
    await send([orderPaid(member), patronage(member)])
    const sent = await subjects(member)
    expect(sent).toContain('Your 2026 patronage statement is ready')
    expect(sent.some((s) => s?.startsWith('Order'))).toBe(false)
  })

  it('refuses a partial or odd body and changes nothing', async () => {
    const member = await signUp()
    const put = await call('/api/v1/me/email-preferences', {
      method: 'PUT',
      as: member,
      json: { orders: 'no' },
    })
    expect(put.status).toBe(400)
    expect(await preferences(member)).toEqual({ orders: true, sales: true, coop: true })
  })

  it('saves the settings form: an unticked box is off', async () => {
    const member = await signUp()
    const path = '/account/settings/notifications'
    const _csrf = await csrfOf(path, member)
    const response = await call(path, {
      method: 'POST',
      as: member,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf, orders: 'on', sales: 'on' }).toString(),
    })
    expect(response.status).toBe(303)
    expect(await preferences(member)).toEqual({ orders: true, sales: true, coop: false })
    const page = await (await call(path, { as: member })).text()
    expect(page).toMatch(/name="coop" value="on"(?! checked)/)
  })
})

describe('unsubscribe', () => {
  it('confirms first, then the one-click POST switches the category off', async () => {
    const member = await signUp()
    await send([orderPaid(member)])
    const mail = (await mailTo(member.email)).find((m) => m.subject?.startsWith('Order'))!
    const link = linksOf(mail).find((l) => l.includes('/unsubscribe/'))!
    const path = new URL(link).pathname + new URL(link).search
    const confirm = await call(path)
    expect(confirm.status).toBe(200)
    expect(await confirm.text()).toContain('My orders')
    expect((await preferences(member)).orders).toBe(true)
    // As a mail client sends it (RFC 8058): no cookie, no Origin, this exact body.
    const posted = await call(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(posted.status).toBe(200)
    expect(await preferences(member)).toEqual({ orders: false, sales: true, coop: true })
    await send([orderPaid(member)])
    expect((await subjects(member)).filter((s) => s?.startsWith('Order'))).toHaveLength(1)
  })

  it('answers a forged token with a clear 400 page and changes nothing', async () => {
    const member = await signUp()
    await send([orderPaid(member)])
    const forged = '/unsubscribe/AAAAAAAAAAAAAAAAAAAAAA?c=orders'
    const page = await call(forged)
    expect(page.status).toBe(400)
    expect(await page.text()).toContain('not valid')
    const posted = await call(forged, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(posted.status).toBe(400)
    expect(await preferences(member)).toEqual({ orders: true, sales: true, coop: true })
  })
})

describe('the dev mailbox', () => {
  it('lists sent email as JSON, newest first, with its links', async () => {
    const member = await signUp()
    await send([orderPaid(member)])
    await send([patronage(member)])
    const response = await call(`/_dev/mail?format=json&to=${encodeURIComponent(member.email)}`)
    expect(response.status).toBe(200)
    const { items } = await response.json<{
      items: { id: string; to: string; subject: string; text: string; links: string[] }[]
    }>()
    expect(items[0]?.subject).toBe('Your 2026 patronage statement is ready')
    expect(items[1]?.subject).toBe('Order ord_9 is paid')
    expect(items.every((item) => item.to === member.email)).toBe(true)
    expect(items[1]?.links).toContain(`${ORIGIN}/orders/ord_9`)
    const page = await (await call('/_dev/mail')).text()
    expect(page).toContain(`href="/_dev/mail/${items[0]!.id}"`)
    const opened = await call(`/_dev/mail/${items[0]!.id}`)
    expect(opened.status).toBe(200)
    expect(await opened.text()).toMatch(/<iframe[^>]* sandbox srcdoc=/)
  })

  it('is not there (404) without DEV_MAILBOX', async () => {
    for (const path of ['/_dev/mail', '/_dev/mail?format=json']) {
      const context = createExecutionContext()
      const response = await worker.fetch(
        new Request(`${ORIGIN}${path}`),
        { ...env, DEV_MAILBOX: '' },
        context,
      )
      await waitOnExecutionContext(context)
      expect(response.status).toBe(404)
    }
  })
})
