/**
 * Workers' hours of a year, `/board/years/:year/hours`: every worker with their hours and a
 * form per worker. Hours are typed with at most two decimals and converted exactly, by their
 * digits, to the hundredths the service stores.
 */
import type { Context } from 'hono'
import { z } from 'zod'

import { parseHundredths } from '../../../web/components/surplus/rules-draft.ts'
import type { Flash } from '../../../web/components/types.ts'
import { BoardHoursPage, type BoardHoursPageProps } from '../../../web/pages/BoardHoursPage.tsx'
import type { AppEnv } from '../../app.ts'
import { database } from '../../lib/db.ts'
import { AppError } from '../../lib/errors.ts'
import type { PageRouter } from '../../pages/declare.ts'
import { html, pageBase } from '../../pages/render.tsx'
import { listHours, setHours, yearStatus } from '../service.ts'
import { boardPage, clock, yearOf } from './common.ts'

const HOURS_MESSAGE = 'Enter the hours as a number from 0 to 100000 with at most two decimals.'

/** The most hours a year may record (schemas.ts `hoursInput`), in hundredths. */
const MAX_HUNDREDTHS = 100_000 * 100

const hoursFormFields = z.object({ hours: z.string({ error: HOURS_MESSAGE }).max(100) })

async function hoursPage(
  c: Context<AppEnv>,
  year: number,
  shown: { flash?: Flash; failed?: BoardHoursPageProps['failed'] },
  status?: 400 | 409,
) {
  const db = database(c.env.DB)
  const [workers, state] = await Promise.all([
    listHours(db, c.env, year),
    yearStatus(db, c.env, year, clock()),
  ])
  const page = (
    <BoardHoursPage
      {...pageBase(c)}
      {...shown}
      year={year}
      workers={workers}
      readOnly={state === 'approved'}
    />
  )
  return html(c, page, status)
}

/** Mounts the hours page and its per-worker form on the board's page router. */
export function mountHoursPages(router: PageRouter) {
  router.page(
    {
      ...boardPage,
      method: 'get',
      csrf: 'none',
      path: '/board/years/:year/hours',
      summary: "Every worker's hours of a year.",
    },
    async (c) => {
      const saved = c.req.query('notice') === 'saved'
      const flash = saved
        ? ({ kind: 'success', message: 'The hours are saved.' } as const)
        : undefined
      return hoursPage(c, yearOf(c), { flash })
    },
  )

  router.page(
    {
      ...boardPage,
      method: 'post',
      csrf: 'token',
      form: hoursFormFields,
      path: '/board/years/:year/hours/:member_id',
      summary: "Sets a worker's hours for a year.",
    },
    async (c, { viewer, form }) => {
      const year = yearOf(c)
      const memberId = c.req.param('member_id')
      const value = form.raw.hours ?? ''
      const hundredths = form.ok ? parseHundredths(form.data.hours, MAX_HUNDREDTHS) : null
      if (hundredths === null) {
        const failed = { member_id: memberId, value, error: HOURS_MESSAGE }
        return hoursPage(c, year, { failed }, 400)
      }
      try {
        await setHours(
          database(c.env.DB),
          c.env,
          year,
          memberId,
          hundredths,
          viewer.account.id,
          clock(),
        )
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 409) throw error
        const failed = { member_id: memberId, value, error: error.message }
        return hoursPage(c, year, { failed, flash: { kind: 'error', message: error.message } }, 409)
      }
      return c.redirect(`/board/years/${year}/hours?notice=saved`, 303)
    },
  )
}
