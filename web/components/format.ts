/** Display helpers for dates. Times are ISO 8601 UTC strings throughout the API. */

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
})

/**
 * "29 November 2026" for an ISO timestamp, read in UTC so the day never shifts with the
 * server's or the reader's zone. An unparseable string is shown as it came.
 */
export function formatDate(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date)
}

/** The `datetime` attribute for a `<time>` element: the date part of an ISO timestamp. */
export function isoDate(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(0, 10)
}
