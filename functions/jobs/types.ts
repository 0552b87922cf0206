/** The shapes shared by the job outbox, its queue consumer and the features' job handlers. */
import type { Bindings } from '../app.ts'
import type { Statement } from '../webhooks/types.ts'
import type { JobKind, JobRow } from '../../schema/tables.ts'

/** A job a state change asks for; it is written in the same batch as that change. */
export interface NewJob {
  kind: JobKind
  /** The handler's input, stored as JSON. */
  payload: Record<string, unknown>
  /** The business effect the job makes (e.g. `share-refund:<session>`): UNIQUE in `jobs`. */
  dedupeKey: string
}

/** The body of a queue message: only the job's id; the row is the source of truth. */
export interface JobMessage {
  job_id: string
}

/**
 * Runs one job. Calls to Stripe carry an idempotency key that is stable for the job, so a
 * repeat makes one effect. Returns the statements that record the outcome; they commit in one
 * batch with the job's `done` mark. Throws to have the job retried later.
 */
export type JobHandler = (env: Bindings, job: JobRow, payload: unknown) => Promise<Statement[]>

/** Handlers by kind, as each feature exports them and functions/index.ts merges them. */
export type JobHandlers = Record<JobKind, JobHandler>
