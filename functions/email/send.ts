/**
 * The `email` job: hands an outbox email's stored MIME to the send_email binding and marks it
 * sent in the batch of the job's `done` mark. A failed send throws, so the queue retries it with
 * backoff; an email already sent (a copy of the job) is not sent again.
 */
import { EmailMessage } from 'cloudflare:email'
import { z } from 'zod'

import { database } from '../lib/db.ts'
import type { JobHandler } from '../jobs/types.ts'
import { addressOf } from './message.ts'
import { emailFrom } from './outbox.ts'
import { findEmail, markSent } from './repository.ts'

const Payload = z.object({ email_id: z.string() })

const sendEmail: JobHandler = async (env, _job, payload) => {
  const db = database(env.DB)
  const email = await findEmail(db, Payload.parse(payload).email_id)
  // Gone or sent: a copy of a job that already ran (the cron's resend) sends nothing twice.
  if (!email || email.status === 'sent') return []
  await env.EMAIL.send(
    new EmailMessage(addressOf(emailFrom(env)), email.to_address, email.raw_mime),
  )
  return [markSent(db, email.id, new Date())]
}

/** The email job handler, merged with the others in functions/index.ts. */
export const emailJobs = { email: sendEmail } satisfies Record<'email', JobHandler>
