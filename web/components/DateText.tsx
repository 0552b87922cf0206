import { formatDate, isoDate } from './format'

/** A `<time>` showing an ISO timestamp as "29 November 2026". */
export function DateText({ iso }: { iso: string }) {
  return <time dateTime={isoDate(iso)}>{formatDate(iso)}</time>
}
