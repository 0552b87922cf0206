/**
 * An email's body as a few plain blocks, rendered twice: as text/plain and as HTML that reads in
 * any client (no CSS a client may drop, no images). Every value is escaped in the HTML, so a
 * display name or an order note can never inject markup.
 */

/** A paragraph, a link a person follows, or a short list. */
export type Block = string | { link: string; url: string } | { list: string[] }

/** What a template gives: a subject and the body's blocks. */
export interface Rendered {
  subject: string
  blocks: Block[]
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** The footer: who sends this and, for optional emails, how to stop them. */
export interface Footer {
  coopName: string
  unsubscribeUrl: string | null
  preferencesUrl: string | null
}

/** The text/plain part: paragraphs apart, links on their own line so every client links them. */
export function renderText(blocks: Block[], footer: Footer): string {
  const body = blocks.map((block) => {
    if (typeof block === 'string') return block
    if ('link' in block) return `${block.link}:\n${block.url}`
    return block.list.map((item) => `- ${item}`).join('\n')
  })
  const foot = [`-- \n${footer.coopName}, a marketplace owned by its members.`]
  if (footer.unsubscribeUrl) foot.push(`Stop these emails:\n${footer.unsubscribeUrl}`)
  if (footer.preferencesUrl) foot.push(`Choose which emails you get:\n${footer.preferencesUrl}`)
  return [...body, ...foot].join('\n\n') + '\n'
}

const link = (label: string, url: string) => `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`

/** The text/html part: one simple document, escaped throughout. */
export function renderHtml(subject: string, blocks: Block[], footer: Footer): string {
  const body = blocks.map((block) => {
    if (typeof block === 'string') return `<p>${escapeHtml(block)}</p>`
    if ('link' in block) return `<p>${link(block.link, block.url)}</p>`
    return `<ul>${block.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`
  })
  const foot = [`${escapeHtml(footer.coopName)}, a marketplace owned by its members.`]
  if (footer.unsubscribeUrl) foot.push(link('Stop these emails', footer.unsubscribeUrl))
  if (footer.preferencesUrl) foot.push(link('Choose which emails you get', footer.preferencesUrl))
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5; max-width: 36em">',
    ...body,
    `<hr><p><small>${foot.join('<br>')}</small></p>`,
    '</body></html>',
  ].join('\n')
}
