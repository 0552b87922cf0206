import type { YearSummary } from '../../functions/surplus/types'
import { formatDate } from '../components/format'
import { Layout, type PageProps } from '../components/Layout'
import { formatMoney } from '../components/money'
import { StatusBadge } from '../components/StatusBadge'
import { yearBadge, yearLabel, yearPath } from '../components/surplus/words'

/** Props of {@link BoardYearsPage}. */
export type BoardYearsPageProps = PageProps & { years: YearSummary[]; currency: string }

/** The board's list of fiscal years, newest first, with links to each year's pages. */
export function BoardYearsPage(props: BoardYearsPageProps) {
  return (
    <Layout
      title="Surplus by year"
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <h1>Surplus by year</h1>
      <p>
        Each fiscal year's surplus goes back to the members who made it. A year can be approved once
        it has ended; until then its report is a preview.
      </p>
      <div class="table-scroll" role="region" tabIndex={0} aria-label="Fiscal years">
        <table class="board-table">
          <caption class="visually-hidden">Fiscal years, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Year</th>
              <th scope="col">Period</th>
              <th scope="col">Status</th>
              <th scope="col" class="numeric">
                Net surplus
              </th>
              <th scope="col" class="numeric">
                Entries
              </th>
              <th scope="col">Rules</th>
              <th scope="col">Pages</th>
            </tr>
          </thead>
          <tbody>
            {props.years.map((year) => {
              const badge = yearBadge(year.status)
              const base = yearPath(year.year)
              return (
                <tr key={year.year}>
                  <th scope="row">
                    <a href={base}>{yearLabel(year.year)}</a>
                  </th>
                  <td>
                    <time dateTime={year.period.start}>{formatDate(year.period.start)}</time> to{' '}
                    <time dateTime={year.period.end}>{formatDate(year.period.end)}</time>
                  </td>
                  <td>
                    <StatusBadge tone={badge.tone}>{badge.text}</StatusBadge>
                  </td>
                  <td class="numeric">{formatMoney(year.net_surplus, props.currency)}</td>
                  <td class="numeric">{year.entries}</td>
                  <td>{year.rules_set ? 'Set by the board' : 'Default'}</td>
                  <td>
                    <ul class="board-links">
                      <li>
                        <a href={base}>
                          Report<span class="visually-hidden"> {yearLabel(year.year)}</span>
                        </a>
                      </li>
                      <li>
                        <a href={`${base}/rules`}>
                          Rules<span class="visually-hidden"> {yearLabel(year.year)}</span>
                        </a>
                      </li>
                      <li>
                        <a href={`${base}/entries`}>
                          Entries<span class="visually-hidden"> {yearLabel(year.year)}</span>
                        </a>
                      </li>
                      <li>
                        <a href={`${base}/hours`}>
                          Hours<span class="visually-hidden"> {yearLabel(year.year)}</span>
                        </a>
                      </li>
                    </ul>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </Layout>
  )
}
