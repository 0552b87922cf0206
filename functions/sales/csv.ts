/**
 * The seller's sales as CSV for their books: RFC 4180 (comma, CRLF, fields quoted where they
 * hold a comma, a quote or a line break, quotes doubled) with a header row, built by
 * `csv-stringify` rather than hand-written quoting. UTF-8 with a byte-order mark: Excel reads a
 * BOM-less file in the system's legacy code page, so "Café" would arrive as "CafÃ©"; the other
 * spreadsheets and csv parsers skip the BOM. Every amount is there twice, in currency units
 * with the currency's decimals ("12.50", for people and spreadsheets) and in cents (exact, for
 * scripts). Cells that a spreadsheet would run as a formula (starting with = + - @, a tab or
 * a CR) get a leading `'`, csv-stringify's `escape_formulas` (OWASP "CSV injection").
 */
import { stringify } from 'csv-stringify/sync'

import { formatDecimalInput } from '../../web/components/money.ts'
import type { SaleView } from './responses.ts'
import type { SalesRange } from './schemas.ts'

type Column = [header: string, cell: (sale: SaleView) => string | number]

const amount = (pick: (sale: SaleView) => number): Column[1] => {
  return (sale) => formatDecimalInput(pick(sale), sale.currency)
}

const AMOUNTS: [name: string, pick: (sale: SaleView) => number][] = [
  ['unit_price', (s) => s.unit_price_cents],
  ['subtotal', (s) => s.subtotal_cents],
  ['shipping', (s) => s.shipping_cents],
  ['commission', (s) => s.commission_cents],
  ['refunded', (s) => s.refunded_cents],
  ['commission_returned', (s) => s.commission_returned_cents],
  ['payout', (s) => s.payout_cents],
]

const shipTo = (key: keyof NonNullable<SaleView['ship_to']>): Column[1] => {
  return (sale) => sale.ship_to?.[key] ?? ''
}

/** The columns, in order: who and what, the amounts, then the cents, the state, the address. */
export const CSV_COLUMNS: Column[] = [
  ['paid_at', (s) => s.paid_at],
  ['order_id', (s) => s.order_id],
  ['line_id', (s) => s.id],
  ['listing_id', (s) => s.listing_id],
  ['title', (s) => s.title],
  ['kind', (s) => s.kind],
  ['quantity', (s) => s.quantity],
  ['currency', (s) => s.currency.toUpperCase()],
  ...AMOUNTS.map(([name, pick]): Column => [name, amount(pick)]),
  ...AMOUNTS.map(([name, pick]): Column => [`${name}_cents`, pick]),
  ['status', (s) => s.status],
  ['transfer_status', (s) => s.transfer.status],
  ['transfer_id', (s) => s.transfer.id ?? ''],
  ['buyer', (s) => s.buyer_display_name],
  ['ship_to_name', shipTo('name')],
  ['ship_to_line1', shipTo('line1')],
  ['ship_to_line2', shipTo('line2')],
  ['ship_to_city', shipTo('city')],
  ['ship_to_state', shipTo('state')],
  ['ship_to_postal_code', shipTo('postal_code')],
  ['ship_to_country', shipTo('country')],
]

/** The sales as one CSV document (BOM, header row, CRLF after every record). */
export function salesCsv(sales: readonly SaleView[]): string {
  return stringify(
    sales.map((sale) => CSV_COLUMNS.map(([, cell]) => cell(sale))),
    {
      bom: true,
      header: true,
      columns: CSV_COLUMNS.map(([header]) => header),
      record_delimiter: '\r\n',
      escape_formulas: true,
    },
  )
}

/** The download's file name, naming the range: `sales-2026-01-01-to-2026-03-31.csv`. */
export function csvFileName(range: SalesRange, today: string): string {
  return `sales-${range.from ?? 'start'}-to-${range.to ?? today}.csv`
}
