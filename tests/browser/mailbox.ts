/** Reading the local dev stack's mailbox (`/_dev/mail`), as a newcomer reads their inbox. */

interface MailboxEmail {
  to: string
  subject: string
  links: string[]
}

/**
 * The newest link to `path` (e.g. `/confirm-email/`) in the mail sent to `to`. The email job
 * runs on wrangler's local queue in its own time, so the mailbox is read again until it is there.
 */
export async function mailLink(appUrl: string, to: string, path: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const response = await fetch(`${appUrl}/_dev/mail?format=json&to=${encodeURIComponent(to)}`)
    const { items } = (await response.json()) as { items: MailboxEmail[] }
    // Newest first (api.md): the first matching link is the newest.
    const link = items
      .flatMap((email) => email.links)
      .find((href) => new URL(href).pathname.startsWith(path))
    if (link) return link
    if (Date.now() > deadline) throw new Error(`no ${path} link in the mail to ${to}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
