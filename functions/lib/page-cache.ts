/**
 * The public shop pages (home, search, categories, listings, storefronts) look the same to
 * every signed-out visitor, so their HTML is kept in the edge cache for a short while and
 * served from there. Each page carries its request's CSP nonce: the cached copy holds a
 * placeholder instead, and every response gets a fresh nonce, so no two responses share one.
 * Signed-in visitors (anyone with a session cookie) always get a freshly rendered page.
 */
import type { MiddlewareHandler } from 'hono'

import type { AppEnv } from '../app.ts'

/** How long a public page may be served from the cache after it was rendered. */
export const PAGE_TTL_SECONDS = 30

const PUBLIC_PAGES = [
  /^\/$/,
  /^\/search$/,
  /^\/listings\/[^/]+$/,
  /^\/categories\/[^/]+$/,
  /^\/sellers\/[^/]+$/,
]

// Cannot occur in a page: nonces are base64url, and this has characters outside that alphabet.
const NONCE_SLOT = '{{fairstall:nonce}}'

function cacheable(method: string, path: string, cookie: string | undefined): boolean {
  return (
    method === 'GET' &&
    !(cookie ?? '').includes('fairstall_session') &&
    PUBLIC_PAGES.some((page) => page.test(path))
  )
}

/** Serves and stores signed-out views of the public pages (see the module comment). */
export function publicPageCache(): MiddlewareHandler<AppEnv> {
  return async function publicPageCacheMiddleware(c, next) {
    if (!cacheable(c.req.method, c.req.path, c.req.header('cookie'))) return next()
    const cache = await caches.open('public-pages')
    const key = new Request(c.req.url, { method: 'GET' })
    const nonce = c.get('nonce')
    const hit = await cache.match(key)
    if (hit) {
      const html = (await hit.text()).replaceAll(NONCE_SLOT, nonce)
      c.res = new Response(html, {
        status: 200,
        headers: { 'content-type': 'text/html; charset=UTF-8', 'x-cache': 'HIT' },
      })
      return
    }
    await next()
    if (c.res.status !== 200 || !c.res.headers.get('content-type')?.startsWith('text/html')) return
    const html = await c.res.clone().text()
    await cache.put(
      key,
      new Response(html.replaceAll(nonce, NONCE_SLOT), {
        headers: {
          'content-type': 'text/html; charset=UTF-8',
          'cache-control': `public, max-age=${PAGE_TTL_SECONDS}`,
        },
      }),
    )
    c.res.headers.set('x-cache', 'MISS')
  }
}
