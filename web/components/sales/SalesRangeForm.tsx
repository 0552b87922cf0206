import { FieldShell, describedBy, fieldIds } from '../forms'
import type { SalesRangeValues } from './types'

/** The query string of a range (empty days left out), for the page's links and the CSV's. */
export function rangeQuery(range: SalesRangeValues, extra: Record<string, string> = {}) {
  const params = new URLSearchParams()
  if (range.from) params.set('from', range.from)
  if (range.to) params.set('to', range.to)
  for (const [key, value] of Object.entries(extra)) params.set(key, value)
  const text = params.toString()
  return text ? `?${text}` : ''
}

function DayField(props: { name: 'from' | 'to'; label: string; value: string; error?: string }) {
  return (
    <FieldShell name={props.name} label={props.label} error={props.error}>
      <input
        type="date"
        class="input"
        id={fieldIds(props.name).id}
        name={props.name}
        value={props.value}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props)}
      />
    </FieldShell>
  )
}

/**
 * The range of the sales shown (a GET form, so the range is in the address and works without
 * JavaScript) and the CSV of the same range.
 */
export function SalesRangeForm(props: { range: SalesRangeValues; errors: Record<string, string> }) {
  return (
    <form class="sales-range" method="get" action="/sell/sales" aria-label="Date range">
      <DayField name="from" label="Paid from" value={props.range.from} error={props.errors.from} />
      <DayField name="to" label="Paid until" value={props.range.to} error={props.errors.to} />
      <p class="sales-range__actions">
        <button type="submit" class="button button--secondary">
          Show
        </button>
        {Object.keys(props.errors).length === 0 && (
          <a
            class="button button--secondary"
            href={`/api/v1/sales${rangeQuery(props.range, { format: 'csv' })}`}
          >
            Download CSV
          </a>
        )}
      </p>
    </form>
  )
}
