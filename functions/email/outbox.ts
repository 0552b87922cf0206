/**
 * The email outbox: a change that tells a member something puts the rendered email and its job
 * in its own batch, so a rolled-back change sends nothing and a committed one is sent once (a
 * repeated dedupe key inserts neither row again, so the caller's batch does not fail).
 */
import type { Bindings } from '../app.ts'
import { newId, randomToken, sha256Hex } from '../lib/crypto.ts'
import type { DB } from '../lib/db.ts'
import { outboxStatements } from '../jobs/outbox.ts'
import type { Statement } from '../webhooks/types.ts'
import type { Footer } from './blocks.ts'
import { renderHtml, renderText } from './blocks.ts'
import { buildMessage } from './message.ts'
import { insertEmail, switchedOff } from './repository.ts'
import { render } from './templates.ts'
import { type EmailToSend, OPTIONAL_KINDS } from './types.ts'

export type { EmailData, EmailKind, EmailToSend } from './types.ts'

/** The sender when EMAIL_FROM is unset (it is set in wrangler.toml). */
const DEFAULT_FROM = 'Fairstall <no-reply@fairstall.coop>'

/** The From header of every email. */
export const emailFrom = (env: Bindings) => env.EMAIL_FROM || DEFAULT_FROM

/** Where links back to the site start: PUBLIC_URL, else the origin of the email's own link. */
function originFor(env: Bindings, email: EmailToSend): string {
  if (env.PUBLIC_URL) return new URL(env.PUBLIC_URL).origin
  const url = (email.data as { url?: string }).url
  return url ? new URL(url).origin : 'http://localhost:8787'
}

/**
 * Statements to put in the SAME batch as the change the email tells of, and the job ids to send
 * after it commits (sendJobs from functions/jobs/outbox.ts). Optional kinds the member switched
 * off produce no statements (so a batch of only these may be empty: D1 refuses an empty batch).
 */
export async function emailStatements(
  db: DB,
  env: Bindings,
  emails: EmailToSend[],
  now: Date,
): Promise<{ statements: Statement[]; jobIds: string[] }> {
  const accounts = [...new Set(emails.flatMap((e) => (e.accountId ? [e.accountId] : [])))]
  const off = await switchedOff(db, accounts)
  const statements: Statement[] = []
  const jobIds: string[] = []
  const coopName = env.COOP_NAME || 'Fairstall'
  for (const email of emails) {
    const category = OPTIONAL_KINDS[email.kind]
    if (category && email.accountId && off.has(`${email.accountId}:${category}`)) continue
    const id = newId('eml', now.getTime())
    // Optional emails carry their own unsubscribe token; only its hash is kept beside it.
    const token = category && email.accountId ? randomToken() : null
    const origin = originFor(env, email)
    const footer: Footer = {
      coopName,
      unsubscribeUrl: token ? `${origin}/unsubscribe/${token}?c=${category}` : null,
      preferencesUrl: category ? `${origin}/account/settings/notifications` : null,
    }
    const { subject, blocks } = render(email.kind, email.data, coopName)
    const text = renderText(blocks, footer)
    const html = renderHtml(subject, blocks, footer)
    const raw = buildMessage({
      from: emailFrom(env),
      to: email.to,
      subject,
      text,
      html,
      unsubscribeUrl: footer.unsubscribeUrl,
      messageId: id,
      date: now,
    })
    statements.push(
      insertEmail(db, {
        id,
        kind: email.kind,
        to_address: email.to.trim(),
        account_id: email.accountId,
        subject,
        text_body: text,
        html_body: html,
        dedupe_key: email.dedupeKey,
        unsubscribe_token_hash: token ? await sha256Hex(token) : null,
        raw_mime: raw,
        created_at: now.toISOString(),
      }),
    )
    const job = outboxStatements(
      env,
      [{ kind: 'email', payload: { email_id: id }, dedupeKey: `email:${email.dedupeKey}` }],
      now,
    )
    statements.push(
      ...job.statements.map((s) => s.onConflict((oc) => oc.column('dedupe_key').doNothing())),
    )
    jobIds.push(...job.ids)
  }
  return { statements, jobIds }
}
