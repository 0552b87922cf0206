import { formatAmount, isSupportedCurrency, MAX_AMOUNT, minimumAmount } from '../currencies'
import { invalidParameter } from '../errors'

/** The one currency of the line items, which Stripe must support. */
export function sessionCurrency(lines: { price_data: { currency: string } }[]): string {
  const currencies = new Set(lines.map((line) => line.price_data.currency.toLowerCase()))
  if (currencies.size !== 1) {
    throw invalidParameter('line_items', 'All line items must use the same currency.')
  }
  const currency = [...currencies][0] as string
  if (!isSupportedCurrency(currency)) {
    const index = lines.findIndex((line) => line.price_data.currency.toLowerCase() === currency)
    const message = `Invalid currency: ${currency}. Stripe currently supports these currencies: see https://stripe.com/docs/currencies`
    throw invalidParameter(`line_items[${index}][price_data][currency]`, message)
  }
  return currency
}

/** The methods the page offers: cards by default (bank debits only when allowed), less exclusions. */
export function paymentMethods(params: {
  allowed_payment_method_types?: string[]
  excluded_payment_method_types?: string[]
}): string[] {
  const offered = params.allowed_payment_method_types ?? ['card']
  const methods = offered.filter((m) => !params.excluded_payment_method_types?.includes(m))
  if (methods.length === 0) {
    const message = 'At least one payment method must remain after `excluded_payment_method_types`.'
    throw invalidParameter('excluded_payment_method_types', message)
  }
  return methods
}

/** Stripe refuses a total below the currency's minimum charge or above eight digits. */
export function checkTotal(total: number, currency: string) {
  if (total < minimumAmount(currency)) {
    const message = `The Checkout Session's total amount due must add up to at least ${formatAmount(minimumAmount(currency), currency)}`
    throw invalidParameter('line_items', message, 'amount_too_small')
  }
  if (total > MAX_AMOUNT) {
    const message = `The Checkout Session's total amount due must be no more than ${formatAmount(MAX_AMOUNT, currency)}`
    throw invalidParameter('line_items', message, 'amount_too_large')
  }
}
