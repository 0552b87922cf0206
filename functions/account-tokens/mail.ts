/** The links and emails the token flows send, built on the email outbox (functions/email). */
import type { Bindings } from '../app.ts'
import { emailStatements, type EmailToSend } from '../email/outbox.ts'
import { publicOrigin } from '../lib/config.ts'
import { atomically, type DB } from '../lib/db.ts'
import { sendJobs } from '../jobs/outbox.ts'
import type { Statement } from '../webhooks/types.ts'

/** The page a confirm_address email links to (GET shows a button; only the POST confirms). */
export const confirmPath = (token: string) => `/confirm-email/${token}`

/** The page a password_reset email links to. */
export const resetPath = (token: string) => `/reset-password/${token}`

/** An absolute link to `path` on this site, as emails need. */
export const linkTo = (env: Bindings, requestUrl: string, path: string) =>
  `${publicOrigin(env, requestUrl)}${path}`

/**
 * Commits `statements` with the outbox rows of `emails` in one batch, then hands the email jobs
 * to the queue: a change that does not commit sends nothing.
 */
export async function commitWithEmails(
  env: Bindings,
  db: DB,
  statements: Statement[],
  emails: EmailToSend[],
  now: Date,
) {
  const outbox = await emailStatements(db, env, emails, now)
  await atomically(env.DB, [...statements, ...outbox.statements])
  await sendJobs(env, outbox.jobIds)
}
