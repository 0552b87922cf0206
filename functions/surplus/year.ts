/**
 * The fiscal year of spec/surplus.md §1: named by the calendar year in which it ends, starting on
 * the first day of `fiscal_year_start_month` at local midnight in the co-op's IANA time zone.
 * Pure: Intl supplies the zone's offsets (workerd ships the time zone data), so the bounds are
 * right across daylight saving time, including zones whose clocks jump at midnight.
 */

/** A fiscal year as the report and the SQL see it. */
export interface FiscalYear {
  year: number
  timeZone: string
  /** First instant of the year, ISO 8601 UTC (`2025-07-01T07:00:00.000Z`): inclusive. */
  start: string
  /** First instant of the next year: exclusive, so every query reads [start, end). */
  end: string
  /** The local dates of the first and the last day (`2025-07-01`, `2026-06-30`). */
  firstDay: string
  lastDay: string
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string) {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    // Throws a RangeError for a name that is not an IANA zone, which is what a typo should do.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** The wall-clock time in `timeZone` at the instant `ms`, as if that wall clock were UTC. */
function wallClock(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {}
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second))
  date.setUTCFullYear(year)
  return date.getTime()
}

const DAY_MS = 86_400_000

/** The local date (`YYYY-MM-DD`) in `timeZone` at an instant. */
export function localDate(instant: string | Date, timeZone: string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime()
  return new Date(wallClock(ms, timeZone)).toISOString().slice(0, 10)
}

/**
 * The first instant of a local date in `timeZone`: its midnight, or where the clocks skip
 * midnight, the moment they jump. Where midnight happens twice, the first one.
 */
export function startOfLocalDay(year: number, month: number, day: number, timeZone: string) {
  const target = Date.UTC(year, month - 1, day)
  // The offset before and after any transition near that day; one of them holds at midnight.
  const offsets = new Set(
    [target - DAY_MS / 2, target + DAY_MS / 2].map((ms) => wallClock(ms, timeZone) - ms),
  )
  const wanted = new Date(target).toISOString().slice(0, 10)
  const candidates = [...offsets]
    .map((offset) => target - offset)
    .filter((ms) => new Date(wallClock(ms, timeZone)).toISOString().slice(0, 10) === wanted)
  // In a gap at midnight, `target − offset before` is the jump itself, the day's first instant.
  return new Date(Math.min(...candidates))
}

/** The number of days from `from` to `to` (local dates `YYYY-MM-DD`), both counted. */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1
}

/**
 * Fiscal year `year` for a first month (1–12) and an IANA zone: FY2026 with month 7 runs from
 * 2025-07-01 00:00 to 2026-06-30 24:00 local time.
 */
export function fiscalYear(year: number, startMonth = 1, timeZone = 'UTC'): FiscalYear {
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12) {
    throw new RangeError(`fiscal_year_start_month must be 1–12, not ${startMonth}`)
  }
  if (!Number.isInteger(year) || year < 1001 || year > 9998) {
    throw new RangeError(`not a fiscal year: ${year}`)
  }
  const firstYear = startMonth === 1 ? year : year - 1
  const start = startOfLocalDay(firstYear, startMonth, 1, timeZone)
  const end = startOfLocalDay(firstYear + 1, startMonth, 1, timeZone)
  const lastDay = new Date(Date.UTC(firstYear + 1, startMonth - 1, 1) - DAY_MS)
  return {
    year,
    timeZone,
    start: start.toISOString(),
    end: end.toISOString(),
    firstDay: new Date(Date.UTC(firstYear, startMonth - 1, 1)).toISOString().slice(0, 10),
    lastDay: lastDay.toISOString().slice(0, 10),
  }
}
