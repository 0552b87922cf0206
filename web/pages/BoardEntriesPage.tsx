import type { BoardEntry } from '../../functions/surplus/types'
import { formatDate } from '../components/format'
import {
  CsrfField,
  ErrorSummary,
  Field,
  FieldShell,
  SubmitButton,
  describedBy,
  fieldIds,
} from '../components/forms'
import { Layout, type PageProps } from '../components/Layout'
import { formatMoney } from '../components/money'
import { YearNav } from '../components/surplus/YearNav'
import { yearLabel, yearPath } from '../components/surplus/words'

/** The entry form's fields as typed. */
export type EntryDraft = { kind: string; amount: string; date: string; description: string }

/** Props of {@link BoardEntriesPage}. */
export type BoardEntriesPageProps = PageProps & {
  year: number
  currency: string
  entries: BoardEntry[]
  /** Σ income, Σ expenses and their difference, summed by the Worker (lib/money.ts). */
  totals: { income: number; expenses: number; net: number }
  /** The year is approved: its entries cannot change. */
  readOnly: boolean
  /** The first and last day of the year, `YYYY-MM-DD`, for the date field's hint and bounds. */
  firstDay: string
  lastDay: string
  draft: EntryDraft
  errors: Record<string, string>
  /** An error that belongs to no one field. */
  message?: string
}

/** The board's income and expense lines of a year, with their totals and a form to add one. */
export function BoardEntriesPage(props: BoardEntriesPageProps) {
  const label = yearLabel(props.year)
  const money = (cents: number) => formatMoney(cents, props.currency)
  const { draft, errors } = props
  return (
    <Layout
      title={`${label} income and expenses`}
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <YearNav year={props.year} current="entries" />
      <h1>{label} income and expenses</h1>
      <p>
        Lines the board enters besides the marketplace's own: grants, interest, membership fees,
        hosting, wages, accounting. They count in the year's net surplus.
      </p>
      {props.entries.length === 0 ? (
        <p class="empty-state">No entries for {label} yet.</p>
      ) : (
        <div class="table-scroll" role="region" tabIndex={0} aria-label="Entries">
          <table class="board-table">
            <caption class="visually-hidden">Entries by date</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Kind</th>
                <th scope="col">Description</th>
                <th scope="col" class="numeric">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {props.entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <time dateTime={entry.date}>{formatDate(entry.date)}</time>
                  </td>
                  <td>{entry.kind === 'income' ? 'Income' : 'Expense'}</td>
                  <td>{entry.description}</td>
                  <td class="numeric">
                    {money(entry.kind === 'income' ? entry.amount_cents : -entry.amount_cents)}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  Income
                </th>
                <td class="numeric">{money(props.totals.income)}</td>
              </tr>
              <tr>
                <th scope="row" colSpan={3}>
                  Expenses
                </th>
                <td class="numeric">{money(-props.totals.expenses)}</td>
              </tr>
              <tr>
                <th scope="row" colSpan={3}>
                  Net
                </th>
                <td class="numeric">
                  <strong>{money(props.totals.net)}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {props.readOnly ? (
        <p>{label} is approved: its entries cannot change.</p>
      ) : (
        <section aria-labelledby="entry-form-title">
          <h2 id="entry-form-title">Add an entry</h2>
          <form
            class="entry-form"
            method="post"
            action={`${yearPath(props.year)}/entries`}
            noValidate
          >
            <ErrorSummary errors={errors} message={props.message} />
            {props.csrfToken !== undefined && <CsrfField token={props.csrfToken} />}
            <FieldShell name="kind" label="Kind" error={errors.kind} required>
              <select
                id={fieldIds('kind').id}
                name="kind"
                class="input"
                aria-invalid={errors.kind ? 'true' : undefined}
                aria-describedby={describedBy('kind', { error: errors.kind })}
              >
                <option value="income" selected={draft.kind === 'income'}>
                  Income
                </option>
                <option value="expense" selected={draft.kind === 'expense'}>
                  Expense
                </option>
              </select>
            </FieldShell>
            <Field
              name="amount"
              label="Amount ($)"
              hint="In dollars, like 120.50."
              value={draft.amount}
              inputMode="decimal"
              error={errors.amount}
              required
            />
            <Field
              name="date"
              label="Date"
              hint={`A day of ${label}, from ${props.firstDay} to ${props.lastDay}, like ${props.lastDay}.`}
              value={draft.date}
              error={errors.date}
              required
            />
            <Field
              name="description"
              label="Description"
              value={draft.description}
              maxLength={200}
              error={errors.description}
              required
            />
            <SubmitButton>Add the entry</SubmitButton>
          </form>
        </section>
      )}
    </Layout>
  )
}
