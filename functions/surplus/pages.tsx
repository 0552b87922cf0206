/**
 * The board's surplus pages: `/board` (every fiscal year and where it stands) and
 * `/board/years/:year` (the year's report, with its approval form once the year has ended).
 * The rules, entries and hours pages are beside it in board-pages/. Every page calls the
 * surplus service only (service.ts) and works without JavaScript.
 */
import type { Context } from 'hono'

import { BoardReportPage } from '../../web/pages/BoardReportPage.tsx'
import { BoardYearsPage } from '../../web/pages/BoardYearsPage.tsx'
import type { Flash } from '../../web/components/types.ts'
import { formatDate } from '../../web/components/format.ts'
import { yearLabel } from '../../web/components/surplus/words.ts'
import type { AppEnv } from '../app.ts'
import { currency } from '../lib/config.ts'
import { database } from '../lib/db.ts'
import { AppError } from '../lib/errors.ts'
import { sumCents } from '../lib/money.ts'
import { pageRouter } from '../pages/declare.ts'
import { emptyForm } from '../pages/helpers.tsx'
import { html, pageBase } from '../pages/render.tsx'
import { boardPage, clock, yearOf } from './board-pages/common.ts'
import { fiscalYearOf } from './config.ts'
import { mountEntryPages } from './board-pages/entries.tsx'
import { mountHoursPages } from './board-pages/hours.tsx'
import { mountRulesPages } from './board-pages/rules.tsx'
import { approveYear, approverName, listYears, yearReport, yearStatus } from './service.ts'

export const boardPageRoutes = pageRouter()

/**
 * Members a report page lists: 10,000 members would be a page no one reads and a slow one to
 * send; the CSV holds them all.
 */
export const MEMBERS_PER_PAGE = 200

boardPageRoutes.page(
  { ...boardPage, method: 'get', csrf: 'none', path: '/board', summary: 'Every fiscal year.' },
  async (c) => {
    const years = await listYears(database(c.env.DB), c.env, clock())
    return html(c, <BoardYearsPage {...pageBase(c)} years={years} currency={currency(c.env)} />)
  },
)

/** Renders the report page of `year`, with a flash and the status given. */
async function reportPage(c: Context<AppEnv>, year: number, flash?: Flash, status?: 409) {
  const db = database(c.env.DB)
  const now = clock()
  const [report, yearState] = await Promise.all([
    yearReport(db, c.env, year, now),
    yearStatus(db, c.env, year, now),
  ])
  const approver = await approverName(db, report)
  const total = report.members.length
  const pages = Math.max(1, Math.ceil(total / MEMBERS_PER_PAGE))
  const asked = Number(c.req.query('page') ?? '1')
  const page = Number.isInteger(asked) ? Math.min(Math.max(asked, 1), pages) : 1
  const first = (page - 1) * MEMBERS_PER_PAGE
  const href = (to: number) => `/board/years/${year}?page=${to}#members`
  const totals = {
    allocation: sumCents(report.members.map((m) => m.allocation)),
    cash: sumCents(report.members.map((m) => m.cash)),
    retained: sumCents(report.members.map((m) => m.retained)),
  }
  const members = {
    members: report.members.slice(first, first + MEMBERS_PER_PAGE),
    total,
    first,
    previous: page > 1 ? href(page - 1) : undefined,
    next: page < pages ? href(page + 1) : undefined,
  }
  return html(
    c,
    <BoardReportPage
      {...pageBase(c)}
      flash={flash}
      report={report}
      status={yearState}
      approver={approver}
      totals={totals}
      members={members}
    />,
    status,
  )
}

/** The flash after a redirect back to the report. */
const NOTICES: Record<string, Flash> = {
  approved: { kind: 'success', message: 'The year is approved: its report is stored for good.' },
  saved: { kind: 'success', message: 'The rules are saved; the report below uses them.' },
}

boardPageRoutes.page(
  {
    ...boardPage,
    method: 'get',
    csrf: 'none',
    path: '/board/years/:year',
    summary: "A year's surplus report: income, charts, pools, members, downloads, approval.",
  },
  async (c) => reportPage(c, yearOf(c), NOTICES[c.req.query('notice') ?? '']),
)

boardPageRoutes.page(
  {
    ...boardPage,
    method: 'post',
    csrf: 'token',
    form: emptyForm,
    path: '/board/years/:year/approve',
    summary: 'Approves an ended year: stores its report and books it in the ledger.',
  },
  async (c, { viewer }) => {
    const year = yearOf(c)
    try {
      await approveYear(database(c.env.DB), c.env, year, viewer.account.id, clock())
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 409) throw error
      return reportPage(c, year, { kind: 'error', message: refusal(c, year, error) }, 409)
    }
    return c.redirect(`/board/years/${year}?notice=approved`, 303)
  },
)

/** Why an approval was refused, in words that say when it can be done. */
function refusal(c: Context<AppEnv>, year: number, error: AppError): string {
  const label = yearLabel(year)
  if (error.code === 'already_approved') return `${label} is already approved.`
  if (error.code !== 'year_not_ended') return error.message
  const lastDay = fiscalYearOf(c.env, year).lastDay
  return `${label} has not ended: it can be approved after its last day, ${formatDate(lastDay)}.`
}

mountRulesPages(boardPageRoutes)
mountEntryPages(boardPageRoutes)
mountHoursPages(boardPageRoutes)
