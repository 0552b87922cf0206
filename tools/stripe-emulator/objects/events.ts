import type { ApiRoute } from '../context'
import { listHandler } from '../list'
import { parseParams } from '../params'

/** Events: retrieve and list (newest first, optionally of one `type`). */
export const eventRoutes: ApiRoute[] = [
  { method: 'GET', path: /^\/v1\/events$/, handle: listHandler('event', '/v1/events', ['type']) },
  {
    method: 'GET',
    path: /^\/v1\/events\/([^/]+)$/,
    handle: (ctx, form, [id]) => (
      parseParams(form, {}),
      ctx.state.get(id as string, 'event', 'id')
    ),
  },
]
