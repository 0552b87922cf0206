import type { VNode } from 'preact'
import { renderToString } from 'preact-render-to-string'

/** A page component's output as the full HTML text to send, doctype included. */
export function renderDocument(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`
}
