/**
 * "Your year's patronage statement is ready", to every member with an allocation. Approving a
 * year writes ONE `patronage_notices` job in its batch (so a refused approval tells no one);
 * the job then writes the members' emails a chunk at a time, each chunk one batch. At 10,000
 * members the approval stays a handful of statements, and no run of the job grows with the
 * co-op: after {@link CHUNKS_PER_RUN} chunks it leaves the rest to a job of its own.
 *
 * Rerunning is safe: a member whose email is written already (its dedupe key) is skipped, and
 * the follow-up job has a key of where it starts, so a copy of a run queues it once.
 */
import { sql } from 'kysely'
import { z } from 'zod'

import type { Bindings } from '../app.ts'
import { type DB, atomically, database } from '../lib/db.ts'
import { isUniqueViolation } from '../lib/errors.ts'
import { type EmailToSend, emailStatements } from '../email/outbox.ts'
import { outboxStatements, sendJobs } from '../jobs/outbox.ts'
import type { JobHandler, NewJob } from '../jobs/types.ts'
import { links, eventEmails } from './links.ts'

/** Members per chunk: one batch of their emails. */
const CHUNK = 100

/** Chunks per run of the job; the rest goes to a follow-up job. */
const CHUNKS_PER_RUN = 20

const noticesPayload = z.object({
  year: z.number().int(),
  after: z.string().optional(),
})

/** The email's business key: one per member and year. */
const dedupeKeyOf = (year: number, memberId: string) => `patronage_ready:${year}:${memberId}`

/** The job that tells a year's members, for the approval's batch. */
export function patronageNoticesJob(year: number, after?: string): NewJob {
  return {
    kind: 'patronage_notices',
    payload: after === undefined ? { year } : { year, after },
    dedupeKey:
      after === undefined ? `patronage-notices:${year}` : `patronage-notices:${year}:${after}`,
  }
}

/** The next members of the year with an allocation and no email yet, by id. */
function membersToTell(db: DB, year: number, after: string, limit: number) {
  return (
    db
      .selectFrom('surplus_statements as s')
      .innerJoin('accounts as a', 'a.id', 's.member_id')
      .select(['a.id', 'a.email', 'a.display_name'])
      .where('s.year', '=', year)
      .where('s.allocation', '>', 0)
      .where('s.member_id', '>', after)
      // A member told already (a rerun after a crash) is skipped: the email's key is UNIQUE.
      .where(
        sql<boolean>`NOT EXISTS (SELECT 1 FROM emails e WHERE e.dedupe_key = ${`patronage_ready:${year}:`} || s.member_id)`,
      )
      .orderBy('s.member_id')
      .limit(limit)
      .execute()
  )
}

function patronageReadyEmail(
  env: Bindings,
  member: { id: string; email: string; display_name: string },
  year: number,
): EmailToSend<'patronage_ready'> {
  return {
    kind: 'patronage_ready',
    to: member.email,
    accountId: member.id,
    data: { name: member.display_name, year, url: links.patronage(env, year) },
    dedupeKey: dedupeKeyOf(year, member.id),
  }
}

/** The `patronage_notices` job. */
export const sendPatronageNotices: JobHandler = async (env, _job, input) => {
  const { year, after } = noticesPayload.parse(input)
  const db = database(env.DB)
  let cursor = after ?? ''
  for (let chunk = 0; chunk < CHUNKS_PER_RUN; chunk += 1) {
    const members = await membersToTell(db, year, cursor, CHUNK)
    const last = members[members.length - 1]
    if (!last) return []
    const now = new Date()
    const emails = eventEmails(() =>
      members.map((member) => patronageReadyEmail(env, member, year)),
    )
    const { statements, jobIds } = await emailStatements(db, env, emails, now)
    if (statements.length > 0) await atomically(env.DB, statements)
    await sendJobs(env, jobIds)
    if (members.length < CHUNK) return []
    cursor = last.id
  }
  const next = outboxStatements(env, [patronageNoticesJob(year, cursor)], new Date())
  try {
    await atomically(env.DB, next.statements)
  } catch (error) {
    // A copy of this run queued the rest already.
    if (isUniqueViolation(error)) return []
    throw error
  }
  await sendJobs(env, next.ids)
  return []
}

/** The notify feature's job handlers. */
export const notifyJobs = { patronage_notices: sendPatronageNotices } satisfies Record<
  'patronage_notices',
  JobHandler
>
