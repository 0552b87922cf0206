import { yearLabel, yearPath } from './words'

/** Which of a year's pages is shown. */
export type YearPage = 'report' | 'rules' | 'entries' | 'hours'

const PAGES: { page: YearPage; text: string; suffix: string }[] = [
  { page: 'report', text: 'Report', suffix: '' },
  { page: 'rules', text: 'Rules', suffix: '/rules' },
  { page: 'entries', text: 'Income and expenses', suffix: '/entries' },
  { page: 'hours', text: 'Hours', suffix: '/hours' },
]

/** The links between one year's board pages, and back to the list of years. */
export function YearNav({ year, current }: { year: number; current: YearPage }) {
  return (
    <nav class="board-nav" aria-label={`${yearLabel(year)} pages`}>
      <ul class="board-nav__list">
        <li>
          <a href="/board">All years</a>
        </li>
        {PAGES.map(({ page, text, suffix }) => (
          <li key={page}>
            <a
              href={`${yearPath(year)}${suffix}`}
              aria-current={page === current ? 'page' : undefined}
            >
              {text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
