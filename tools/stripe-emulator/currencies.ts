/**
 * The currencies the emulator accepts, with Stripe's minimum charge amount in minor units
 * (docs.stripe.com/currencies#minimum-and-maximum-charge-amounts) and decimal places.
 * Currencies Stripe supports but that are missing here are refused, as an unknown one is.
 */
const MINIMUMS: Record<string, number> = {
  usd: 50,
  aed: 200,
  aud: 50,
  bgn: 100,
  brl: 50,
  cad: 50,
  chf: 50,
  czk: 1500,
  dkk: 250,
  eur: 50,
  gbp: 30,
  hkd: 400,
  huf: 17500,
  inr: 50,
  jpy: 50,
  krw: 500,
  mxn: 1000,
  myr: 200,
  nok: 300,
  nzd: 50,
  pln: 200,
  ron: 200,
  sek: 300,
  sgd: 50,
  thb: 1000,
}

/** Currencies whose amounts have no minor unit at Stripe (¥500 is `500`). */
const ZERO_DECIMAL = new Set([
  'bif',
  'clp',
  'djf',
  'gnf',
  'jpy',
  'kmf',
  'krw',
  'mga',
  'pyg',
  'rwf',
  'ugx',
  'vnd',
  'vuv',
  'xaf',
  'xof',
  'xpf',
])

/** Stripe's largest amount for one charge, in minor units (eight digits). */
export const MAX_AMOUNT = 99_999_999

/** Whether the emulator accepts payments in this (lower-case) currency. */
export function isSupportedCurrency(currency: string): boolean {
  return currency in MINIMUMS
}

/** Stripe's smallest charge in this currency, in its minor units. */
export function minimumAmount(currency: string): number {
  return MINIMUMS[currency] ?? 50
}

/** Digits after the decimal point Stripe uses for the currency (0 for JPY, 2 for USD). */
export function decimalsOf(currency: string): number {
  return ZERO_DECIMAL.has(currency) ? 0 : 2
}

/** An amount in minor units as people read it: `USD 12.34`, `JPY 1500`. */
export function formatAmount(amount: number, currency: string): string {
  const decimals = decimalsOf(currency)
  const whole = decimals === 0 ? String(amount) : formatMinor(amount, decimals)
  return `${currency.toUpperCase()} ${whole}`
}

/** Integer-only formatting, so no float ever touches money: 1234 → "12.34", -5 → "-0.05". */
function formatMinor(amount: number, decimals: number): string {
  const sign = amount < 0 ? '-' : ''
  const digits = String(Math.abs(amount)).padStart(decimals + 1, '0')
  return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`
}
