/**
 * The queue consumer. A message names a job; the row says whether it still needs doing. A job's
 * effect and its `done` mark commit in one batch; a failure is counted and the message retried
 * with backoff, and after the queue's max_retries it moves to the dead-letter queue, whose
 * consumer marks the job dead for an admin to see on /admin/jobs.
 */
import type { Bindings } from '../app.ts'
import { atomically, database } from '../lib/db.ts'
import { findJob, markDead, markDone, recordFailure } from './repository.ts'
import type { JobHandlers, JobMessage } from './types.ts'

/** The queues of wrangler.toml: the jobs' and its dead-letter queue. */
export const JOBS_QUEUE = 'fairstall-jobs'
export const JOBS_DEAD_LETTER_QUEUE = 'fairstall-jobs-dlq'

/** Seconds before the next try after `attempts` failures: 30 s doubling, at most an hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempts - 1), 3600)
}

/** What a failure says on the admin page: the error's message, never a stack. */
function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return text.slice(0, 500)
}

async function runOne(
  env: Bindings,
  message: Message<JobMessage>,
  handlers: JobHandlers,
  now: Date,
) {
  const db = database(env.DB)
  // Only this app sends to the queue; a body without a job id can never succeed.
  if (typeof message.body?.job_id !== 'string') return message.ack()
  const job = await findJob(db, message.body.job_id)
  // Done already (a copy sent by the cron), dead, or unknown: nothing to do.
  if (!job || job.status !== 'pending') return message.ack()
  try {
    const statements = await handlers[job.kind](env, job, JSON.parse(job.payload))
    await atomically(env.DB, [...statements, markDone(db, job.id, now)])
    message.ack()
  } catch (error) {
    const attempts = job.attempts + 1
    const delaySeconds = backoffSeconds(attempts)
    const reason = describe(error)
    console.error(`job ${job.id} (${job.kind}) failed, attempt ${attempts}: ${reason}`)
    await recordFailure(
      db,
      job.id,
      reason,
      new Date(now.getTime() + delaySeconds * 1000),
      now,
    ).execute()
    message.retry({ delaySeconds })
  }
}

/** The Worker's queue() handler: runs jobs, or buries those the dead-letter queue hands back. */
export async function consumeJobs(
  batch: MessageBatch<JobMessage>,
  env: Bindings,
  handlers: JobHandlers,
  now = new Date(),
): Promise<void> {
  if (batch.queue === JOBS_DEAD_LETTER_QUEUE) {
    const ids = batch.messages.flatMap((m) =>
      typeof m.body?.job_id === 'string' ? [m.body.job_id] : [],
    )
    if (ids.length > 0) await markDead(database(env.DB), ids, now).execute()
    batch.ackAll()
    return
  }
  // One at a time: jobs are few, and each talks to Stripe and D1 in turn.
  for (const message of batch.messages) await runOne(env, message, handlers, now)
}
