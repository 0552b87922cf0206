/** The public media route: listing images from R2. */
import { notFound } from '../lib/errors.ts'
import { pageRouter } from '../pages/declare.ts'
import { IMMUTABLE_CACHE, isServableMediaKey } from './images.ts'

/**
 * `GET /media/<key>`: listing images from R2, cached for a year (keys never change content),
 * 304 on a matching If-None-Match. Only the re-encoded variants are served: originals (with
 * their metadata) and files stay private, and any other key is a 404 before R2 is asked.
 */
export const mediaRoutes = pageRouter()

const mediaPage = {
  tag: 'Images',
  method: 'get',
  path: '/media/*',
  summary: 'A listing image (a re-encoded variant) from R2.',
  permission: 'anonymous',
  csrf: 'none',
} as const

mediaRoutes.page(mediaPage, async function serveMedia(c) {
  const key = safeDecode(c.req.path.slice('/media/'.length))
  if (key === null || !isServableMediaKey(key)) throw notFound('That file')
  // Only If-None-Match: other preconditions (If-Match…) would need a 412, not a 304.
  const conditional = new Headers()
  const etags = c.req.header('if-none-match')
  if (etags) conditional.set('if-none-match', etags)
  const object = await c.env.BUCKET.get(key, { onlyIf: conditional })
  if (!object) throw notFound('That file')
  const headers = new Headers()
  object.writeHttpMetadata(headers)
  headers.set('ETag', object.httpEtag)
  headers.set('Cache-Control', IMMUTABLE_CACHE)
  // Without a body, the If-None-Match (or another precondition) matched: not modified.
  if (!('body' in object)) return new Response(null, { status: 304, headers })
  headers.set('Content-Length', String(object.size))
  return new Response(object.body, { headers })
})

function safeDecode(path: string): string | null {
  try {
    return decodeURIComponent(path)
  } catch {
    return null
  }
}
