/** Queries of the `jobs` outbox, one each. Writes return statements for a caller's batch. */
import type { DB } from '../lib/db.ts'
import { newId } from '../lib/crypto.ts'
import type { NewJob } from './types.ts'

/** The insert of a new pending job, due now, to put in the batch of the change that wants it. */
export function insertJob(db: DB, job: NewJob, id: string, now: Date) {
  const at = now.toISOString()
  return db.insertInto('jobs').values({
    id,
    kind: job.kind,
    payload: JSON.stringify(job.payload),
    dedupe_key: job.dedupeKey,
    run_after: at,
    created_at: at,
    updated_at: at,
  })
}

/** A fresh job id. */
export const newJobId = () => newId('job')

export function findJob(db: DB, id: string) {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Marks a pending job done; in the batch of the statements that record its effect. */
export function markDone(db: DB, id: string, now: Date) {
  return db
    .updateTable('jobs')
    .set({ status: 'done', last_error: null, updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'pending')
}

/** Counts a failed attempt and when the queue will try again. */
export function recordFailure(db: DB, id: string, error: string, retryAt: Date, now: Date) {
  return db
    .updateTable('jobs')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      last_error: error,
      run_after: retryAt.toISOString(),
      updated_at: now.toISOString(),
    }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
}

/** The queue gave up on the job (it reached the dead-letter queue). */
export function markDead(db: DB, ids: string[], now: Date) {
  return db
    .updateTable('jobs')
    .set({ status: 'dead', updated_at: now.toISOString() })
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
}

/** Pending jobs whose expected run is older than `before`: lost on their way to the queue. */
export function overdueJobs(db: DB, before: Date, limit: number) {
  return db
    .selectFrom('jobs')
    .select('id')
    .where('status', '=', 'pending')
    .where('run_after', '<', before.toISOString())
    .orderBy('run_after')
    .limit(limit)
    .execute()
}

/** Moves jobs' expected run to `at`, so the next cron leaves them alone while they are in flight. */
export function rescheduleJobs(db: DB, ids: string[], at: Date) {
  return db
    .updateTable('jobs')
    .set({ run_after: at.toISOString(), updated_at: at.toISOString() })
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
}

/** Dead jobs and pending ones that have failed at least once, newest change first. */
export function troubledJobs(db: DB, limit: number) {
  return db
    .selectFrom('jobs')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('status', '=', 'dead'),
        eb.and([eb('status', '=', 'pending'), eb('attempts', '>', 0)]),
      ]),
    )
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute()
}

/** An admin sends a dead job back: pending again, with a fresh count of attempts. */
export function reviveJob(db: DB, id: string, now: Date) {
  const at = now.toISOString()
  return db
    .updateTable('jobs')
    .set({ status: 'pending', attempts: 0, run_after: at, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'dead')
}
