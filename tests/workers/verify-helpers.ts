/**
 * Reading one member's mail without touching anyone else's: runs only the pending `email`
 * jobs addressed to them through the Worker's queue handler (as the Queue would), then reads
 * the sent messages with mail-helpers.ts. Tests that sign up at once (Promise.all) each
 * deliver their own mail, so no message is handed to the binding twice.
 */
import { env } from 'cloudflare:workers'

import { type MailMessage, linksOf, mailTo, runEmailJobs } from './mail-helpers.ts'

/** Runs the pending email jobs to `address`; returns the messages it has received, oldest first. */
export async function deliverMailTo(address: string): Promise<MailMessage[]> {
  // mail-helpers' runner: only this address's jobs, a dropped local send retried as the queue would.
  await runEmailJobs({ to: address })
  return mailTo(address)
}

/** The links in the messages to `address` whose path starts with `path` (e.g. `/confirm-email/`). */
export async function linksTo(address: string, path: string): Promise<string[]> {
  const messages = await deliverMailTo(address)
  return messages.flatMap(linksOf).filter((link) => new URL(link).pathname.startsWith(path))
}

/**
 * The token of the newest confirmation link written to `address`'s outbox, read from the
 * message as it will be sent, without running its job: the sign-up fixture's fast path, which
 * leaves the send itself (and a flaky local binding) out of tests about other things.
 */
export async function outboxConfirmToken(address: string): Promise<string> {
  const row = await env.DB.prepare(
    `SELECT text_body FROM emails WHERE to_address = ? AND kind = 'confirm_address'
     ORDER BY created_at DESC, id DESC LIMIT 1`,
  )
    .bind(address.toLowerCase())
    .first<{ text_body: string }>()
  const token = /\/confirm-email\/([A-Za-z0-9_-]+)/.exec(row?.text_body ?? '')?.[1]
  if (!token) throw new Error(`no confirmation link written to ${address}`)
  return token
}

/** The token at the end of the newest link to `path` in `address`'s mail. */
export async function newestTokenIn(address: string, path: string): Promise<string> {
  const links = await linksTo(address, path)
  const link = links.at(-1)
  if (!link) throw new Error(`no ${path} link in the mail to ${address}`)
  return new URL(link).pathname.slice(path.length)
}
