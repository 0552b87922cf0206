import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { emailStatements, type EmailToSend } from '../../functions/email/outbox.ts'
import { atomically, database, prepareSql } from '../../functions/lib/db.ts'
import { signUp, uniqueEmail } from './helpers.ts'
import { linksOf, mailTo, runEmailJobs } from './mail-helpers.ts'

const db = database(env.DB)

/** Commits `emails` in one batch, as a feature does with its own change. */
async function commit(emails: EmailToSend[], extra: D1PreparedStatement[] = []) {
  const { statements, jobIds } = await emailStatements(db, env, emails, new Date())
  await atomically(env.DB, [...statements, ...extra])
  return jobIds
}

const orderPaid = (to: string, accountId: string | null, key: string): EmailToSend => ({
  kind: 'order_paid',
  to,
  accountId,
  data: {
    name: 'Ann <b>Artist</b>',
    order_id: 'ord_1',
    total_cents: 1250,
    currency: 'usd',
    url: 'http://localhost:8787/orders/ord_1',
  },
  dedupeKey: key,
})

const reset = (to: string, key: string): EmailToSend => ({
  kind: 'password_reset',
  to,
  accountId: null,
  data: { name: 'Ann', url: 'http://localhost:8787/reset-password/tok123' },
  dedupeKey: key,
})

describe('the email outbox', () => {
  it('sends nothing when the batch that wrote the email rolls back', async () => {
    const to = uniqueEmail()
    const failing = prepareSql(env.DB, 'INSERT INTO jobs (id) VALUES (NULL)')
    await expect(commit([reset(to, `reset:${to}`)], [failing])).rejects.toThrow()
    await runEmailJobs()
    expect(await mailTo(to)).toEqual([])
  })

  it('retries a send that failed, and then sends it once', async () => {
    const to = uniqueEmail()
    await commit([reset(to, `reset:${to}`)])
    const broken = {
      send: async () => {
        throw new Error('mail server down')
      },
    } as unknown as SendEmail
    expect(await runEmailJobs({ bindings: { EMAIL: broken } })).toBe(1)
    expect(await mailTo(to)).toEqual([])
    const job = await env.DB.prepare(
      "SELECT status, attempts, last_error FROM jobs WHERE kind = 'email' AND dedupe_key = ?",
    )
      .bind(`email:reset:${to}`)
      .first<{ status: string; attempts: number; last_error: string }>()
    expect(job).toMatchObject({ status: 'pending', attempts: 1 })
    expect(job?.last_error).toContain('mail server down')
    await runEmailJobs()
    expect(await mailTo(to)).toHaveLength(1)
    // Nothing pending is left, so running again sends no copy.
    expect(await runEmailJobs()).toBe(0)
    expect(await mailTo(to)).toHaveLength(1)
  })

  it('sends one email per dedupe key, however often the change repeats', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), async (repeats) => {
        const to = uniqueEmail()
        for (let i = 0; i < repeats; i++) await commit([reset(to, `reset-once:${to}`)])
        await runEmailJobs()
        expect(await mailTo(to)).toHaveLength(1)
      }),
      { numRuns: 5 },
    )
  })

  it('builds a real message: From, To, Subject, text and HTML, the co-op in the footer', async () => {
    const buyer = await signUp()
    await commit([orderPaid(buyer.email, buyer.id, `paid:${buyer.id}`)])
    await runEmailJobs()
    // Sign-up sends its own email (confirm your address): this test reads the order's.
    const message = (await mailTo(buyer.email)).find((m) => m.subject?.startsWith('Order'))
    expect(message?.from?.address).toBe('no-reply@fairstall.coop')
    expect(message?.from?.name).toBe('Fairstall')
    expect(message?.to?.[0]?.address).toBe(buyer.email)
    expect(message?.subject).toBe('Order ord_1 is paid')
    expect(message?.text).toContain('$12.50')
    expect(message?.text).toContain(env.COOP_NAME)
    expect(message?.html).toContain(env.COOP_NAME)
    // Interpolated values are escaped in the HTML part.
    expect(message?.html).toContain('Ann &lt;b&gt;Artist&lt;/b&gt;')
    expect(message?.html).not.toContain('<b>Artist')
    expect(linksOf(message!)).toContain('http://localhost:8787/orders/ord_1')
  })

  it('puts List-Unsubscribe on optional kinds only', async () => {
    const member = await signUp()
    await commit([
      orderPaid(member.email, member.id, `paid-h:${member.id}`),
      reset(member.email, `reset-h:${member.id}`),
    ])
    await runEmailJobs()
    const messages = await mailTo(member.email)
    const header = (m: (typeof messages)[number], name: string) =>
      m.headers.find((h) => h.key === name)?.value
    const paid = messages.find((m) => m.subject?.startsWith('Order'))!
    const resetMail = messages.find((m) => m.subject?.startsWith('Reset'))!
    expect(header(paid, 'list-unsubscribe')).toMatch(
      /^<http:\/\/localhost:8787\/unsubscribe\/[\w-]+\?c=orders>$/,
    )
    expect(header(paid, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
    expect(linksOf(paid).some((l) => l.includes('/unsubscribe/'))).toBe(true)
    expect(header(resetMail, 'list-unsubscribe')).toBeUndefined()
    expect(linksOf(resetMail).some((l) => l.includes('/unsubscribe/'))).toBe(false)
  })
})
