/**
 * The outbox: a state change writes its jobs in its own batch, then sends their ids to the
 * queue. A send that fails loses nothing: the cron finds the pending rows and sends them again.
 */
import type { Bindings } from '../app.ts'
import { database } from '../lib/db.ts'
import { insertJob, newJobId, overdueJobs, rescheduleJobs } from './repository.ts'
import type { JobMessage, NewJob } from './types.ts'

/** How long past its expected run a pending job waits before the cron sends it again. */
export const OVERDUE_MS = 5 * 60 * 1000

/** At most this many jobs per cron run (a queue's sendBatch takes up to 100 messages). */
const RESEND_LIMIT = 100

/** The inserts of `jobs`, with the ids to send once the batch that holds them has committed. */
export function outboxStatements(env: Bindings, jobs: NewJob[], now: Date) {
  const db = database(env.DB)
  const ids = jobs.map(() => newJobId())
  return { ids, statements: jobs.map((job, i) => insertJob(db, job, ids[i]!, now)) }
}

/**
 * Sends committed jobs to the queue. Never throws: the caller's change has committed, and a job
 * that did not reach the queue is sent again by the cron.
 */
export async function sendJobs(env: Bindings, ids: string[]): Promise<boolean> {
  if (ids.length === 0) return true
  try {
    await env.JOBS.sendBatch(ids.map((id) => ({ body: { job_id: id } satisfies JobMessage })))
    return true
  } catch (error) {
    console.error('jobs not sent; the cron will send them', ids, error)
    return false
  }
}

/**
 * The cron's part: re-sends pending jobs whose expected run is more than {@link OVERDUE_MS} past.
 * Their expected run moves to now first, so a slow queue is not flooded with copies (a copy
 * does no harm: the consumer skips a job that is done, and every effect has its own key).
 */
export async function resendOverdueJobs(env: Bindings, now: Date): Promise<number> {
  const db = database(env.DB)
  const overdue = await overdueJobs(db, new Date(now.getTime() - OVERDUE_MS), RESEND_LIMIT)
  if (overdue.length === 0) return 0
  const ids = overdue.map((job) => job.id)
  await rescheduleJobs(db, ids, now).execute()
  await sendJobs(env, ids)
  return ids.length
}
