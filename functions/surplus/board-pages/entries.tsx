/**
 * The board's income and expense entries of a year, `/board/years/:year/entries`: the list with
 * its totals and a form to add one. The amount is typed in dollars and read by the refund
 * form's parser (exact, by its digits); the rest are the API's own fields and schema
 * (schemas.ts `entryInput`), so the form and `POST /api/v1/board/years/:year/entries` agree.
 */
import type { Context } from 'hono'
import { z } from 'zod'

import { parseDecimalInput } from '../../../web/components/money.ts'
import { yearLabel } from '../../../web/components/surplus/words.ts'
import type { Flash } from '../../../web/components/types.ts'
import { BoardEntriesPage, type EntryDraft } from '../../../web/pages/BoardEntriesPage.tsx'
import type { AppEnv } from '../../app.ts'
import { currency } from '../../lib/config.ts'
import { database } from '../../lib/db.ts'
import { AppError } from '../../lib/errors.ts'
import { sumCents } from '../../lib/money.ts'
import { fieldsFromIssues } from '../../lib/validate.ts'
import type { PageRouter } from '../../pages/declare.ts'
import { html, pageBase } from '../../pages/render.tsx'
import { fiscalYearOf } from '../config.ts'
import { entryInput } from '../schemas.ts'
import { addEntry, listEntries, yearStatus } from '../service.ts'
import { boardPage, clock, yearOf } from './common.ts'

const AMOUNT_MESSAGE = 'Enter the amount in dollars, like 120.50.'

/** The form's fields: the API's kind, date and description, and the amount as typed. */
const entryFormFields = z.object({
  kind: entryInput.shape.kind,
  amount: z.string({ error: AMOUNT_MESSAGE }).max(100, AMOUNT_MESSAGE),
  date: entryInput.shape.date,
  description: entryInput.shape.description,
})

type Shown = {
  draft?: EntryDraft
  errors?: Record<string, string>
  message?: string
  flash?: Flash
}

const EMPTY: EntryDraft = { kind: 'expense', amount: '', date: '', description: '' }

async function entriesPage(c: Context<AppEnv>, year: number, shown: Shown, status?: 400 | 409) {
  const db = database(c.env.DB)
  const [entries, state] = await Promise.all([
    listEntries(db, c.env, year),
    yearStatus(db, c.env, year, clock()),
  ])
  const sum = (kind: 'income' | 'expense') =>
    sumCents(entries.filter((e) => e.kind === kind).map((e) => e.amount_cents))
  const income = sum('income')
  const expenses = sum('expense')
  const { firstDay, lastDay } = fiscalYearOf(c.env, year)
  const page = (
    <BoardEntriesPage
      {...pageBase(c)}
      flash={shown.flash}
      year={year}
      currency={currency(c.env)}
      entries={entries}
      totals={{ income, expenses, net: sumCents([income, -expenses]) }}
      readOnly={state === 'approved'}
      firstDay={firstDay}
      lastDay={lastDay}
      draft={shown.draft ?? EMPTY}
      errors={shown.errors ?? {}}
      message={shown.message}
    />
  )
  return html(c, page, status)
}

/** Mounts the entries page and its form on the board's page router. */
export function mountEntryPages(router: PageRouter) {
  const path = '/board/years/:year/entries'
  router.page(
    { ...boardPage, method: 'get', csrf: 'none', path, summary: "A year's income and expenses." },
    async (c) => {
      const added = c.req.query('notice') === 'added'
      const flash = added
        ? ({ kind: 'success', message: 'The entry is added.' } as const)
        : undefined
      return entriesPage(c, yearOf(c), { flash })
    },
  )

  router.page(
    {
      ...boardPage,
      method: 'post',
      csrf: 'token',
      form: entryFormFields,
      path,
      summary: 'Adds an income or expense entry to a year.',
    },
    async (c, { viewer, form }) => {
      const year = yearOf(c)
      const raw = form.raw
      const draft: EntryDraft = {
        kind: raw.kind ?? '',
        amount: raw.amount ?? '',
        date: raw.date ?? '',
        description: raw.description ?? '',
      }
      if (!form.ok) return entriesPage(c, year, { draft, errors: form.errors }, 400)
      const amount = parseDecimalInput(form.data.amount, currency(c.env))
      if (amount === null)
        return entriesPage(c, year, { draft, errors: { amount: AMOUNT_MESSAGE } }, 400)
      const { amount: _typed, ...fields } = form.data
      const input = entryInput.safeParse({ ...fields, amount_cents: amount })
      if (!input.success) {
        const errors = fieldsFromIssues(input.error.issues)
        // The form's field is `amount`, in dollars: say so rather than naming the API's cents.
        if (errors.amount_cents) errors.amount = 'Enter an amount of at least 0.01.'
        delete errors.amount_cents
        return entriesPage(c, year, { draft, errors }, 400)
      }
      try {
        await addEntry(database(c.env.DB), c.env, year, input.data, viewer.account.id, clock())
      } catch (error) {
        if (!(error instanceof AppError) || (error.status !== 400 && error.status !== 409))
          throw error
        if (error.status === 409) {
          const message = `${yearLabel(year)} is approved: its entries cannot change.`
          return entriesPage(c, year, { draft, message }, 409)
        }
        return entriesPage(
          c,
          year,
          { draft, errors: error.fields ?? {}, message: error.message },
          400,
        )
      }
      return c.redirect(`/board/years/${year}/entries?notice=added`, 303)
    },
  )
}
