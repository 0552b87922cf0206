/**
 * What the board's surplus pages share: the declaration every one of them starts from, the
 * year read from the path, and the clock.
 */
import type { Context } from 'hono'

import type { AppEnv } from '../../app.ts'
import { parseWith } from '../../lib/validate.ts'
import { yearParam } from '../schemas.ts'

/** The declaration fields every board page has. */
export const boardPage = {
  tag: 'Surplus',
  permission: 'board',
  message: 'Only the co-op’s board sees and sets the year-end surplus.',
} as const

/** The year of a `/board/years/:year…` path: 400 (an error page) for anything but 2000–2100. */
export function yearOf(c: Context<AppEnv>): number {
  return parseWith(yearParam, c.req.param('year'))
}

/** The time the page is computed at: one clock per request. */
export const clock = () => new Date()
