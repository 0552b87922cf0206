/** The RFC 5322 message handed to the send_email binding, built with mimetext. */
import { createMimeMessage } from 'mimetext'

/** What the message says and where it goes; the body is the one stored in `emails`. */
export interface MessageParts {
  from: string
  to: string
  subject: string
  text: string
  html: string
  /** The one-click unsubscribe URL of an optional email, or null for those always sent. */
  unsubscribeUrl: string | null
  /** Stable per email, so a resend after a lost "sent" mark is recognisably the same message. */
  messageId: string
  date: Date
}

/** The address inside `Name <addr>`, or the whole string when it is a bare address. */
export function addressOf(mailbox: string): string {
  const match = /<([^<>]+)>\s*$/.exec(mailbox)
  return (match ? match[1]! : mailbox).trim()
}

/** The raw MIME text: a multipart/alternative of text/plain and text/html. */
export function buildMessage(parts: MessageParts): string {
  const message = createMimeMessage()
  const name = /^\s*"?([^"<]*?)"?\s*</.exec(parts.from)?.[1]
  const fromAddr = addressOf(parts.from)
  message.setSender(name ? { name, addr: fromAddr } : fromAddr)
  message.setRecipient(parts.to)
  message.setSubject(parts.subject)
  message.setHeader('Message-ID', `<${parts.messageId}@${fromAddr.split('@')[1] ?? 'localhost'}>`)
  message.setHeader('Date', parts.date.toUTCString())
  if (parts.unsubscribeUrl) {
    // RFC 8058: a mail client's one-click button POSTs this body to the URL.
    message.setHeader('List-Unsubscribe', `<${parts.unsubscribeUrl}>`)
    message.setHeader('List-Unsubscribe-Post', 'List-Unsubscribe=One-Click')
  }
  message.addMessage({ contentType: 'text/plain', data: parts.text })
  message.addMessage({ contentType: 'text/html', data: parts.html })
  return message.asRaw()
}
