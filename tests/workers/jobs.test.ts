import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  getQueueResult,
  waitOnExecutionContext,
} from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

import worker from '../../functions/index.ts'
import type { Bindings } from '../../functions/app.ts'
import { JOBS_DEAD_LETTER_QUEUE, JOBS_QUEUE } from '../../functions/jobs/consumer.ts'
import type { JobMessage } from '../../functions/jobs/types.ts'
import { type Client, call, deliver, grantRole, signUp, csrfIn } from './helpers.ts'
import { UNREACHABLE_STRIPE, shareState, twoPaidShareCheckouts } from './share-race.ts'

let messages = 0

/** Delivers one message about `jobId` from `queue` to the Worker, as the Queue would. */
async function runQueue(jobId: string, bindings: Partial<Bindings> = {}, queue = JOBS_QUEUE) {
  messages += 1
  const batch = createMessageBatch<JobMessage>(queue, [
    { id: `msg-${messages}`, timestamp: new Date(), attempts: 1, body: { job_id: jobId } },
  ])
  const ctx = createExecutionContext()
  await worker.queue(batch, { ...env, ...bindings }, ctx)
  return getQueueResult(batch, ctx)
}

/** A member whose second share payment awaits its refund job, and that job's id. */
async function pendingRefund() {
  const { client, first, second } = await twoPaidShareCheckouts()
  expect((await deliver(first.completed)).status).toBe(200)
  expect((await deliver(second.completed)).status).toBe(200)
  const [job] = (await shareState(client)).jobs
  if (!job) throw new Error('no refund job')
  const row = await env.DB.prepare(
    `SELECT json_extract(payload, '$.payment_intent_id') AS pi FROM jobs WHERE id = ?`,
  )
    .bind(job.id)
    .first<{ pi: string }>()
  return { client, job, paymentIntentId: row!.pi, refundedSession: second.sessionId }
}

/** What Stripe (the emulator) holds about the payment: how much of its charge was refunded. */
async function refundedAtStripe(paymentIntentId: string) {
  const response = await fetch(
    `${env.STRIPE_EMULATOR_URL}/v1/payment_intents/${paymentIntentId}?expand[0]=latest_charge`,
    { headers: { authorization: 'Bearer sk_test_fairstall' } },
  )
  const intent = await response.json<{ latest_charge: { amount_refunded: number } }>()
  return intent.latest_charge.amount_refunded
}

async function feeBookings(sessionId: string) {
  const row = await env.DB.prepare(
    `SELECT count(*) AS n FROM ledger_transactions
     WHERE kind = 'processing_fee' AND source_type = 'share' AND source_id = ?`,
  )
    .bind(sessionId)
    .first<{ n: number }>()
  return row?.n ?? 0
}

async function jobRow(id: string) {
  return env.DB.prepare(
    `SELECT status, attempts, last_error, run_after, updated_at FROM jobs WHERE id = ?`,
  )
    .bind(id)
    .first<{
      status: string
      attempts: number
      last_error: string | null
      run_after: string
      updated_at: string
    }>()
}

/** Seconds from a job's last failure to its next expected run. */
async function backoffOf(id: string) {
  const row = await jobRow(id)
  return (Date.parse(row!.run_after) - Date.parse(row!.updated_at)) / 1000
}

describe('a background job', () => {
  it('that fails twice is retried with backoff, then succeeds once', async () => {
    const { job, paymentIntentId, refundedSession } = await pendingRefund()
    const down = { STRIPE_EMULATOR_URL: UNREACHABLE_STRIPE }

    const firstTry = await runQueue(job.id, down)
    expect(firstTry.retryMessages).toHaveLength(1)
    expect(await jobRow(job.id)).toMatchObject({ status: 'pending', attempts: 1 })
    expect(await backoffOf(job.id)).toBe(30)
    const secondTry = await runQueue(job.id, down)
    expect(secondTry.retryMessages).toHaveLength(1)
    expect(await backoffOf(job.id)).toBe(60)
    expect(await jobRow(job.id)).toMatchObject({
      status: 'pending',
      attempts: 2,
      last_error: expect.stringMatching(/connection|fetch|network/i),
    })
    expect(await refundedAtStripe(paymentIntentId)).toBe(0)

    const thirdTry = await runQueue(job.id)
    expect(thirdTry.retryMessages).toEqual([])
    expect(thirdTry.explicitAcks).toHaveLength(1)
    expect(await jobRow(job.id)).toMatchObject({ status: 'done', attempts: 2, last_error: null })
    expect(await refundedAtStripe(paymentIntentId)).toBe(1000)
    expect(await feeBookings(refundedSession)).toBe(1)

    // A copy of the message (the cron re-sent it, say) makes no second refund or booking.
    const copy = await runQueue(job.id)
    expect(copy.explicitAcks).toHaveLength(1)
    expect(await refundedAtStripe(paymentIntentId)).toBe(1000)
    expect(await feeBookings(refundedSession)).toBe(1)
  })

  it('that the queue gives up on is dead, shows on /admin/jobs, and can be queued again', async () => {
    const { job, paymentIntentId } = await pendingRefund()
    await runQueue(job.id, { STRIPE_EMULATOR_URL: UNREACHABLE_STRIPE })
    // After max_retries the Queue hands the message to the dead-letter queue.
    const buried = await runQueue(job.id, {}, JOBS_DEAD_LETTER_QUEUE)
    expect(buried.ackAll).toBe(true)
    expect(await jobRow(job.id)).toMatchObject({ status: 'dead', attempts: 1 })
    // A dead job is not run, even if a message about it still arrives.
    await runQueue(job.id)
    expect(await refundedAtStripe(paymentIntentId)).toBe(0)

    const admin = await signUp({ display_name: 'Jobs Admin' })
    await grantRole(admin, 'admin')
    const page = await call('/admin/jobs', { as: admin })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain(job.id)
    expect(html).toContain('Refund of a second member share')
    expect(html).toContain('Dead')
    expect(html).toMatch(/Stripe|connection|fetch/i)

    expect((await call('/admin/jobs', { as: await signUp() })).status).toBe(403)
    expect((await call('/admin/jobs')).status).toBe(303)

    const requeue = (as: Client, csrf: string) =>
      call(`/admin/jobs/${job.id}/requeue`, {
        method: 'POST',
        as,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf }),
      })
    expect((await requeue(admin, 'forged')).status).toBe(403)
    expect((await jobRow(job.id))?.status).toBe('dead')
    const csrf = csrfIn(html)
    const requeued = await requeue(admin, csrf)
    expect(requeued.status).toBe(303)
    expect(await jobRow(job.id)).toMatchObject({ status: 'pending', attempts: 0 })
    // Only a dead job can be queued again.
    expect((await requeue(admin, csrf)).status).toBe(404)

    await runQueue(job.id)
    expect(await jobRow(job.id)).toMatchObject({ status: 'done' })
    expect(await refundedAtStripe(paymentIntentId)).toBe(1000)
    expect(await (await call('/admin/jobs', { as: admin })).text()).not.toContain(job.id)
  })
})

describe('the cron', () => {
  /** Fires the cron at `at` with a queue that records what it is sent. */
  async function cronAt(at: Date) {
    const sent: unknown[] = []
    const JOBS = {
      async sendBatch(batch: { body: unknown }[]) {
        sent.push(...batch.map((m) => m.body))
      },
    } as unknown as Queue
    const ctx = createExecutionContext()
    const controller = createScheduledController({ scheduledTime: at, cron: '*/5 * * * *' })
    await worker.scheduled(controller, { ...env, JOBS }, ctx)
    await waitOnExecutionContext(ctx)
    return sent
  }

  it('re-sends a job left pending past its time, once, and leaves done jobs alone', async () => {
    const { job } = await pendingRefund()
    const { run_after } = (await jobRow(job.id))!
    const due = new Date(run_after).getTime()
    // Within five minutes the job may still be on its way: not sent again.
    expect(await cronAt(new Date(due + 4 * 60_000))).not.toContainEqual({ job_id: job.id })
    const later = new Date(due + 6 * 60_000)
    expect(await cronAt(later)).toContainEqual({ job_id: job.id })
    // Sent now: the next runs leave it alone until it is overdue again.
    expect(await cronAt(new Date(later.getTime() + 60_000))).not.toContainEqual({ job_id: job.id })

    await runQueue(job.id)
    expect((await jobRow(job.id))?.status).toBe('done')
    const muchLater = new Date(later.getTime() + 60 * 60_000)
    expect(await cronAt(muchLater)).not.toContainEqual({ job_id: job.id })
  })
})
