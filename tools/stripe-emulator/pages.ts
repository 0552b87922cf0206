import { formatAmount } from './currencies'

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

export { formatAmount } from './currencies'

/** The page frame: plain HTML, no scripts, readable without CSS. */
export function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
table{width:100%;border-collapse:collapse}td,th{padding:.25rem 0;text-align:left}
td:last-child,th:last-child{text-align:right}
label{display:block;margin-top:1rem;font-weight:600}
input{font-size:1.1rem;padding:.5rem;width:100%;box-sizing:border-box}
button{margin-top:1rem;font-size:1.1rem;padding:.6rem 1.2rem}
.error{color:#a00;font-weight:600}
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`
}

/** One line of a checkout page. */
export interface PageLine {
  description: string
  quantity: number
  amount: number
}

/** What the hosted Checkout page shows and keeps. */
export interface CheckoutPageOptions {
  action: string
  currency: string
  total: number
  lines: PageLine[]
  cancelUrl: string | null
  error?: string
  /** The form as sent, so a failed attempt keeps what was typed. */
  entered?: Record<string, string>
  /** Countries to ship to, when the session collects an address. */
  shippingCountries?: string[] | null
  shippingOptions?: { id: string; name: string; amount: number }[]
  chosenShipping?: string | null
  /** Offer a US bank debit (a delayed method) beside the card. */
  bank?: boolean
}

const field = (name: string, label: string, value: string, extra = '') =>
  `<label for="${name}">${label}</label>
<input id="${name}" name="${name}" value="${escapeHtml(value)}"${extra}>`

function shippingSection(options: CheckoutPageOptions, entered: Record<string, string>): string {
  if (!options.shippingCountries) return ''
  const value = (name: string) => entered[`shipping_${name}`] ?? ''
  const countries = options.shippingCountries.join(', ')
  return `<fieldset>
<legend>Shipping address</legend>
${field('shipping_name', 'Full name', value('name'), ' autocomplete="shipping name"')}
${field('shipping_line1', 'Address', value('line1'), ' autocomplete="shipping address-line1"')}
${field('shipping_line2', 'Address line 2 (optional)', value('line2'), ' autocomplete="shipping address-line2"')}
${field('shipping_city', 'City', value('city'), ' autocomplete="shipping address-level2"')}
${field('shipping_state', 'State or region (optional)', value('state'), ' autocomplete="shipping address-level1"')}
${field('shipping_postal_code', 'Postal code', value('postal_code'), ' autocomplete="shipping postal-code"')}
${field('shipping_country', `Country (${escapeHtml(countries)})`, value('country'), ' autocomplete="shipping country"')}
</fieldset>`
}

function shippingRates(options: CheckoutPageOptions): string {
  const rates = options.shippingOptions ?? []
  if (rates.length === 0) return ''
  const radios = rates
    .map(
      (rate) =>
        `<label><input type="radio" name="shipping_rate" value="${escapeHtml(rate.id)}"${rate.id === options.chosenShipping ? ' checked' : ''}> ${escapeHtml(rate.name)}: ${escapeHtml(formatAmount(rate.amount, options.currency))}</label>`,
    )
    .join('\n')
  return `<fieldset>\n<legend>Shipping method</legend>\n${radios}\n</fieldset>`
}

/** The hosted Checkout page: what is being paid for, and a card field with a Pay button. */
export function checkoutPage(options: CheckoutPageOptions): string {
  const { action, currency, total, lines, cancelUrl, error, entered = {} } = options
  const rows = lines
    .map(
      (line) =>
        `<tr><td>${escapeHtml(line.description)}</td><td>${line.quantity}</td><td>${escapeHtml(formatAmount(line.amount, currency))}</td></tr>`,
    )
    .join('\n')
  const alert = error
    ? `<p class="error" role="alert" id="card-error">${escapeHtml(error)}</p>`
    : ''
  const described = error ? ' aria-describedby="card-error" aria-invalid="true"' : ''
  const back = cancelUrl ? `<p><a href="${escapeHtml(cancelUrl)}">Cancel and go back</a></p>` : ''
  const bank = options.bank
    ? `<fieldset>
<legend>Or pay by US bank account (settles in a few days)</legend>
${field('account_number', 'Account number (routing 110000000)', entered.account_number ?? '', ' inputmode="numeric"')}
<p><small>000123456789 settles; 000111111113 fails as a closed account.</small></p>
</fieldset>`
    : ''
  return layout(
    `Pay ${formatAmount(total, currency)} — Fairstall checkout (test mode)`,
    `<h1>Pay ${escapeHtml(formatAmount(total, currency))}</h1>
<p>Test mode: this is the local Stripe emulator. No real card is charged.</p>
<table>
<caption>Order summary</caption>
<thead><tr><th scope="col">Item</th><th scope="col">Qty</th><th scope="col">Amount</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><th scope="row">Total</th><td></td><td>${escapeHtml(formatAmount(total, currency))}</td></tr></tfoot>
</table>
<form method="post" action="${escapeHtml(action)}">
${alert}
${shippingSection(options, entered)}
${shippingRates(options)}
<label for="card_number">Card number</label>
<input id="card_number" name="card_number" inputmode="numeric" autocomplete="cc-number"${options.bank ? '' : ' required'} value="${escapeHtml(entered.card_number ?? '')}"${described}>
<p><small>4242 4242 4242 4242 pays; 4000 0000 0000 0002 is declined; 4000 0000 0000 0259 pays and is disputed.</small></p>
${bank}
<button type="submit">Pay ${escapeHtml(formatAmount(total, currency))}</button>
</form>
${back}`,
  )
}

/** Shown for an account link that was used or has expired; Stripe sends people back for a new one. */
export function expiredLinkPage(problem: string, refreshUrl: string | null): string {
  const again = refreshUrl
    ? `<p><a href="${escapeHtml(refreshUrl)}">Get a new link</a></p>`
    : '<p>Ask the platform for a new link.</p>'
  return layout('Link expired', `<h1>Link expired</h1>\n<p>${escapeHtml(problem)}</p>\n${again}`)
}

/** Shown for a session that is complete or expired. */
export function unavailablePage(): string {
  return layout(
    'Checkout unavailable',
    '<h1>Checkout unavailable</h1>\n<p>This checkout session is no longer available.</p>',
  )
}

/** Shown after paying a session that has no success_url. */
export function paidPage(): string {
  return layout(
    'Payment complete',
    '<h1>Payment complete</h1>\n<p>Thank you. You can close this page.</p>',
  )
}

/** A plain message page (404s and the like). */
export function messagePage(title: string, message: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`)
}

/** The Express onboarding stand-in: one button that finishes onboarding. */
export function onboardingPage(action: string, email: string | null): string {
  const who = email ? ` for ${escapeHtml(email)}` : ''
  return layout(
    'Set up payouts — Stripe Express (test mode)',
    `<h1>Set up payouts</h1>
<p>Test mode: the local Stripe emulator stands in for Stripe Express onboarding${who}.</p>
<form method="post" action="${escapeHtml(action)}">
<button type="submit">Finish</button>
</form>`,
  )
}
