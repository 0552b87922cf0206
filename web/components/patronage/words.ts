/**
 * How the patronage pages say figures in words: shares in per cent, weights in the units of
 * their basis (sales in money, hours, days), and the year's label. Only formatting: the
 * figures come computed from the service, and nothing here does arithmetic on money.
 */
import { formatMoney } from '../money'
import type { Basis, Statement, StatementPool } from './types'

/** "FY2025": the year is named by the calendar year in which it ends. */
export const yearLabel = (year: number) => `FY${year}`

/**
 * Basis points as a percentage: 7000 → "70 %", 2550 → "25.5 %", 5 → "0.05 %". Built from the
 * digits of the integer, so no float rounds a share the board typed.
 */
export function percent(bp: number): string {
  const whole = Math.trunc(bp / 100)
  const rest = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '')
  return `${whole.toLocaleString('en-US')}${rest ? `.${rest}` : ''} %`
}

/** Hundredths of an hour as hours: 1250 → "12.5 hours", 100 → "1 hour". */
function hoursText(hundredths: number): string {
  const whole = Math.trunc(hundredths / 100)
  const rest = String(hundredths % 100)
    .padStart(2, '0')
    .replace(/0+$/, '')
  const text = `${whole.toLocaleString('en-US')}${rest ? `.${rest}` : ''}`
  return `${text} ${text === '1' ? 'hour' : 'hours'}`
}

const count = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`

/** A weight in its basis's unit: "$1,200.00" of sales, "12.5 hours", "400 days", "1 share". */
export function weightText(basis: Basis, weight: number, currency: string): string {
  switch (basis) {
    case 'sales':
    case 'purchases':
      return formatMoney(weight, currency)
    case 'hours':
      return hoursText(weight)
    case 'tenure':
      return count(weight, 'day', 'days')
    case 'equal':
      return count(weight, 'share', 'shares')
  }
}

/** What a pool counts, as a column heading or a phrase: "sales", "days of membership". */
export const BASIS_WORDS: Record<Basis, string> = {
  sales: 'sales',
  purchases: 'purchases',
  hours: 'hours worked',
  tenure: 'days of membership',
  equal: 'equal shares',
}

/** Who takes part in a pool, in words. */
export const ROLE_WORDS: Record<StatementPool['role'], string> = {
  member: 'every member',
  seller: 'the sellers',
  worker: 'the worker-members',
}

/** The year's dates, "1 January 2025 to 31 December 2025", from local `YYYY-MM-DD` days. */
export function periodText(period: Statement['period']): string {
  const day = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  })
  const at = (date: string) => day.format(new Date(`${date}T00:00:00Z`))
  return `${at(period.start)} to ${at(period.end)}`
}
