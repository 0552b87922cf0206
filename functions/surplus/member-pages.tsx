/**
 * A member's patronage pages: `/account/patronage` (each approved year and this year's
 * estimate), `/account/patronage/:year` (the statement, with the formula in plain words) and
 * `/account/patronage/:year/notice` (the printable written notice of allocation). Each reads the
 * signed-in member's own figures through the surplus service, and nobody else's: the member id
 * is the viewer's, never the address's.
 */
import { PatronageNoticePage } from '../../web/pages/PatronageNoticePage.tsx'
import { PatronagePage } from '../../web/pages/PatronagePage.tsx'
import { PatronageStatementPage } from '../../web/pages/PatronageStatementPage.tsx'
import type { Bindings } from '../app.ts'
import { database } from '../lib/db.ts'
import { AppError } from '../lib/errors.ts'
import { sumCents } from '../lib/money.ts'
import { pageRouter } from '../pages/declare.ts'
import { html, pageBase } from '../pages/render.tsx'
import { yearParam } from './schemas.ts'
import { memberPatronage, memberStatement } from './service.ts'

export const memberPatronagePageRoutes = pageRouter()

const coopName = (env: Bindings) => env.COOP_NAME || 'Fairstall'

/** The year of the address; anything but a fiscal year is a page that is not there. */
function yearOf(raw: string): number {
  const parsed = yearParam.safeParse(raw)
  if (!parsed.success) throw new AppError(404, 'not_found', 'There is no such fiscal year.')
  return parsed.data
}

memberPatronagePageRoutes.page(
  {
    tag: 'Surplus',
    method: 'get',
    path: '/account/patronage',
    summary: "The member's patronage: each approved year and an estimate for this year so far.",
    permission: 'signedIn',
    csrf: 'none',
  },
  async (c, { viewer }) => {
    const db = database(c.env.DB)
    const patronage = await memberPatronage(db, c.env, viewer.account.id, new Date())
    return html(
      c,
      <PatronagePage
        {...pageBase(c)}
        years={patronage.years}
        current={patronage.current}
        coopName={coopName(c.env)}
      />,
    )
  },
)

memberPatronagePageRoutes.page(
  {
    tag: 'Surplus',
    method: 'get',
    path: '/account/patronage/:year',
    summary: "The member's statement of a year: weights, pool parts, cash, retained, in words.",
    permission: 'signedIn',
    csrf: 'none',
  },
  async (c, { viewer }) => {
    const year = yearOf(c.req.param('year'))
    const db = database(c.env.DB)
    const statement = await memberStatement(db, c.env, viewer.account.id, year, new Date())
    // The pools share what the reserve left: the sum of their amounts (allocation.ts, §5).
    const distributable = sumCents(statement.pools.map((pool) => pool.amount))
    return html(
      c,
      <PatronageStatementPage
        {...pageBase(c)}
        statement={statement}
        distributable={distributable}
      />,
    )
  },
)

memberPatronagePageRoutes.page(
  {
    tag: 'Surplus',
    method: 'get',
    path: '/account/patronage/:year/notice',
    summary: 'The printable written notice of allocation of an approved year.',
    permission: 'signedIn',
    csrf: 'none',
  },
  async (c, { viewer }) => {
    const year = yearOf(c.req.param('year'))
    const db = database(c.env.DB)
    const statement = await memberStatement(db, c.env, viewer.account.id, year, new Date())
    const { member, approved_at } = statement
    // A notice is given once the board has approved the year, and only for an allocation.
    if (statement.status !== 'approved' || !approved_at) {
      throw new AppError(404, 'not_found', `FY${year} has not been approved yet: no notice yet.`)
    }
    if (!member) {
      throw new AppError(404, 'not_found', `You had no patronage allocation in FY${year}.`)
    }
    return html(
      c,
      <PatronageNoticePage
        {...pageBase(c)}
        statement={{ ...statement, approved_at }}
        member={member}
        memberName={viewer.account.display_name}
        coopName={coopName(c.env)}
      />,
    )
  },
)
