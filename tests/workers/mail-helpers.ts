/**
 * Reading the email the app sent, as a member's mailbox would: run the pending `email` jobs
 * through the real handler (as the Queue would), then parse the raw MIME that was handed to the
 * send_email binding with postal-mime.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import PostalMime, { type Email } from 'postal-mime'

import { linksIn } from '../../functions/email/links.ts'
import worker from '../../functions/index.ts'
import type { JobMessage } from '../../functions/jobs/types.ts'

/** A message as its recipient reads it, parsed from the raw MIME that was sent. */
export type MailMessage = Email & { text: string; html: string }

let messages = 0

/** Which email jobs {@link runEmailJobs} runs, and with what. */
export interface RunEmailOptions {
  /** Only the jobs of email to this address (so parallel tests never run each other's). */
  to?: string
  /** Replaces some of the Worker's bindings, e.g. an EMAIL whose send fails. */
  bindings?: Partial<Env>
  /**
   * How many times a failed send is tried again, as the queue would (3 with the real binding,
   * 0 with replaced bindings). The local send_email binding writes each message through
   * miniflare's loopback, which now and then drops a connection under load.
   */
  retries?: number
}

async function pendingEmailJobs(to: string | undefined): Promise<string[]> {
  const { results } = await env.DB.prepare(
    `SELECT jobs.id FROM jobs JOIN emails ON emails.id = json_extract(jobs.payload, '$.email_id')
     WHERE jobs.kind = 'email' AND jobs.status = 'pending'
       AND (?1 IS NULL OR lower(emails.to_address) = lower(?1))
     ORDER BY jobs.created_at, jobs.id`,
  )
    .bind(to ?? null)
    .all<{ id: string }>()
  return results.map((row) => row.id)
}

/**
 * Runs the pending `email` jobs through the Worker's queue handler, as the Queue would; returns
 * how many jobs it ran (each counted once, however often it was retried).
 */
export async function runEmailJobs(options: RunEmailOptions = {}): Promise<number> {
  const bindings = options.bindings ?? {}
  let retries = options.retries ?? (options.bindings ? 0 : 3)
  const ran = new Set<string>()
  for (;;) {
    const ids = await pendingEmailJobs(options.to)
    for (const id of ids) {
      ran.add(id)
      messages += 1
      const batch = createMessageBatch<JobMessage>('fairstall-jobs', [
        { id: `mail-msg-${messages}`, timestamp: new Date(), attempts: 1, body: { job_id: id } },
      ])
      const ctx = createExecutionContext()
      await worker.queue(batch, { ...env, ...bindings }, ctx)
      await getQueueResult(batch, ctx)
    }
    if (ids.length === 0 || retries === 0) return ran.size
    retries -= 1
  }
}

/** The messages sent to `address`, oldest first, parsed from the raw MIME actually sent. */
export async function mailTo(address: string): Promise<MailMessage[]> {
  const { results } = await env.DB.prepare(
    "SELECT raw_mime FROM emails WHERE lower(to_address) = lower(?) AND status = 'sent' ORDER BY sent_at, id",
  )
    .bind(address)
    .all<{ raw_mime: string }>()
  return Promise.all(
    results.map(async (row) => {
      const parsed = await PostalMime.parse(row.raw_mime)
      return { ...parsed, text: parsed.text ?? '', html: parsed.html ?? '' }
    }),
  )
}

/** Every absolute http(s) link in a message's text part, in order, without repeats. */
export function linksOf(message: Pick<MailMessage, 'text'>): string[] {
  return linksIn(message.text)
}
