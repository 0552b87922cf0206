/**
 * Money as people read and type it, shared by the server-rendered pages, the islands and the
 * Worker's forms. Amounts are integer minor units; the text is built from their digits, so no
 * float ever stands between the cents and what is shown ("0.10" can never become 9 cents).
 * Arithmetic on amounts lives in functions/lib/money.ts, not here.
 */

const formatters = new Map<string, Intl.NumberFormat>()

function currencyFormat(currency: string): Intl.NumberFormat {
  const code = currency.toUpperCase()
  let format = formatters.get(code)
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency: code })
    formatters.set(code, format)
  }
  return format
}

/** How many digits the currency's minor unit has: 2 for usd, 0 for jpy, 3 for bhd. */
export function minorDigits(currency: string): number {
  return currencyFormat(currency).resolvedOptions().maximumFractionDigits ?? 2
}

/** The amount as a plain decimal string in major units: 1250 usd → "12.50", 1250 jpy → "1250". */
function decimalText(cents: number, digits: number): string {
  const text = String(Math.abs(Math.trunc(cents))).padStart(digits + 1, '0')
  const sign = cents < 0 ? '-' : ''
  if (digits === 0) return `${sign}${text}`
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`
}

/**
 * "$12.50" for 1250 usd, "¥1,250" for 1250 jpy, "−$0.05" for -5 usd. Intl formats the decimal
 * string exactly (it never passes through a float), and a true minus sign reads better than "-".
 */
export function formatMoney(cents: number, currency: string): string {
  const text = currencyFormat(currency).format(
    decimalText(cents, minorDigits(currency)) as Intl.StringNumericLiteral,
  )
  return text.replace('-', '−')
}

/** The amount as a form shows it for editing: 1250 usd → "12.50" (no symbol, no separators). */
export function formatDecimalInput(cents: number, currency = 'usd'): string {
  return decimalText(cents, minorDigits(currency))
}

/**
 * Minor units from an amount typed in a form ("12.5" usd → 1250), or null when it is not one:
 * whole units (at most 7 digits) and at most as many decimals as the currency has.
 */
export function parseDecimalInput(text: string, currency = 'usd'): number | null {
  const digits = minorDigits(currency)
  const pattern = digits === 0 ? /^\d{1,9}$/ : new RegExp(`^\\d{1,7}(\\.\\d{1,${digits}})?$`)
  const trimmed = text.trim()
  if (!pattern.test(trimmed)) return null
  const [units = '', minor = ''] = trimmed.split('.')
  return Number(`${units}${minor.padEnd(digits, '0')}`)
}
