/** One plain request to a page: its status, the D1 rows it read, and the JavaScript it loads. */
import { gzipSync } from 'node:zlib'

export interface PageProbe {
  status: number
  /** From `Server-Timing: d1;desc="rows_read=N"` or `X-D1-Rows-Read`, when the Worker sends it. */
  rowsRead: number | null
  /** The `<script src>` URLs of the page. */
  scripts: string[]
  /** Their gzipped size together, in bytes (each script counted once). */
  scriptGzipBytes: number
}

function rowsReadOf(headers: Headers): number | null {
  const timing = /rows_read=(\d+)/.exec(headers.get('server-timing') ?? '')
  const value = timing?.[1] ?? headers.get('x-d1-rows-read')
  return value ? Number(value) : null
}

/** The script URLs a page loads, resolved against the page's own. */
export function scriptSources(html: string, pageUrl: string): string[] {
  const sources = new Set<string>()
  for (const match of html.matchAll(/<script\b[^>]*\bsrc=["']([^"']+)["']/gi)) {
    sources.add(new URL(match[1]!.replace(/&amp;/g, '&'), pageUrl).href)
  }
  return [...sources]
}

/** Fetches a page once and measures it. */
export async function probePage(
  url: string,
  headers: Record<string, string> = {},
): Promise<PageProbe> {
  const response = await fetch(url, { headers })
  const body = await response.text()
  const isHtml = (response.headers.get('content-type') ?? '').includes('text/html')
  const scripts = isHtml ? scriptSources(body, url) : []
  let scriptGzipBytes = 0
  for (const src of scripts) {
    const script = await fetch(src)
    if (!script.ok) throw new Error(`${src} answered ${script.status}`)
    scriptGzipBytes += gzipSync(Buffer.from(await script.arrayBuffer()), { level: 9 }).length
  }
  return {
    status: response.status,
    rowsRead: rowsReadOf(response.headers),
    scripts,
    scriptGzipBytes,
  }
}
