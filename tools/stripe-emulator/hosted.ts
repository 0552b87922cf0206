import type { EmulatorContext } from './context'
import { StripeApiError } from './errors'
import { getSession, type CheckoutSession, type ShippingDetails } from './objects/checkout'
import { DEFAULT_TEST_ADDRESS } from './objects/checkout-params'
import { finishOnboarding, linkProblem } from './objects/connect'
import { declineOnSession, paySession, startBankDebit } from './objects/payments'
import * as pages from './pages'
import { checkoutPageFor } from './hosted-checkout'

/** An HTML answer: status, body, and a Location for redirects. */
export interface PageResponse {
  status: number
  html?: string
  location?: string
}

/** What each test card does, by its digits (Stripe's documented test numbers). */
const CARDS: Record<
  string,
  { outcome: 'pay' | 'dispute' } | { outcome: 'decline'; code: string; message: string }
> = {
  '4242424242424242': { outcome: 'pay' },
  '4000000000000259': { outcome: 'dispute' },
  '4000000000000002': {
    outcome: 'decline',
    code: 'generic_decline',
    message: 'Your card was declined.',
  },
  '4000000000009995': {
    outcome: 'decline',
    code: 'insufficient_funds',
    message: 'Your card has insufficient funds.',
  },
}

/** Stripe's test bank accounts (routing 110000000): one settles, one fails as closed. */
const BANK_ACCOUNTS: Record<string, 'succeeded' | 'failed'> = {
  '000123456789': 'succeeded',
  '000111111113': 'failed',
}

function findSession(ctx: EmulatorContext, id: string) {
  try {
    return getSession(ctx, id)
  } catch (error) {
    if (error instanceof StripeApiError) return undefined
    throw error
  }
}

/**
 * The address from the form's shipping fields. All blank (a script that posts only a card
 * number) stands for the customer accepting the test address; partly filled is an error.
 */
function shippingFrom(
  session: CheckoutSession,
  form: URLSearchParams,
): ShippingDetails | string | null {
  const allowed = session.shipping_address_collection?.allowed_countries
  if (!allowed) return null
  const field = (name: string) => (form.get(`shipping_${name}`) ?? '').trim()
  const names = ['name', 'line1', 'city', 'postal_code', 'country']
  if (names.every((name) => !field(name))) return DEFAULT_TEST_ADDRESS
  if (names.some((name) => !field(name))) return 'Enter your full shipping address.'
  const country = field('country').toUpperCase()
  if (!allowed.includes(country)) return `We cannot ship to ${country}.`
  return {
    name: field('name'),
    address: {
      line1: field('line1'),
      line2: field('line2') || null,
      city: field('city'),
      state: field('state') || null,
      postal_code: field('postal_code'),
      country,
    },
  }
}

/** Applies the shipping option the customer chose (Checkout preselects the first). */
function chooseShipping(ctx: EmulatorContext, session: CheckoutSession, rateId: string | null) {
  const options = session.shipping_options as { shipping_amount: number; shipping_rate: string }[]
  const chosen = options.find((option) => option.shipping_rate === rateId)
  if (!chosen) return
  const subtotal = session.amount_subtotal as number
  session.amount_total = subtotal + chosen.shipping_amount
  session.shipping_cost = {
    amount_subtotal: chosen.shipping_amount,
    amount_tax: 0,
    amount_total: chosen.shipping_amount,
    shipping_rate: chosen.shipping_rate,
  }
  session.total_details = {
    amount_discount: 0,
    amount_shipping: chosen.shipping_amount,
    amount_tax: 0,
  }
}

/** `GET` and `POST /c/pay/:id`: the hosted Checkout page and its form. */
export function checkoutPage(
  ctx: EmulatorContext,
  method: string,
  id: string,
  form: URLSearchParams,
): PageResponse {
  const session = findSession(ctx, id)
  if (!session)
    return {
      status: 404,
      html: pages.messagePage('Not found', 'There is no such checkout session.'),
    }
  // 409: the session exists but can no longer be paid; nothing is charged.
  if (session.status !== 'open') return { status: 409, html: pages.unavailablePage() }
  const render = (status: number, error?: string) => ({
    status,
    html: checkoutPageFor(ctx, session, form, error),
  })
  if (method !== 'POST') return render(200)
  const shipping = shippingFrom(session, form)
  if (typeof shipping === 'string') return render(400, shipping)
  chooseShipping(ctx, session, form.get('shipping_rate'))
  const account = (form.get('account_number') ?? '').replace(/\s/g, '')
  const digits = (form.get('card_number') ?? '').replace(/[\s-]/g, '')
  if (account && !digits) {
    if (!(session.payment_method_types as string[]).includes('us_bank_account'))
      return render(400, 'This checkout does not accept bank debits.')
    const outcome = BANK_ACCOUNTS[account]
    if (!outcome) return render(402, 'Your bank account number is incorrect.')
    startBankDebit(ctx, session, account.slice(-4), outcome, shipping)
    return afterPayment(session)
  }
  const card = CARDS[digits]
  if (!digits) return render(400, 'Enter a card number.')
  if (!card) return render(402, 'Your card number is incorrect.')
  // 402, like Stripe's card errors; the session stays open for another try.
  if (card.outcome === 'decline') {
    declineOnSession(ctx, session, digits.slice(-4), card)
    return render(402, card.message)
  }
  paySession(ctx, session, digits.slice(-4), card.outcome === 'dispute', shipping)
  return afterPayment(session)
}

function afterPayment(session: CheckoutSession): PageResponse {
  if (!session.success_url) return { status: 200, html: pages.paidPage() }
  return {
    status: 303,
    location: session.success_url.replaceAll('{CHECKOUT_SESSION_ID}', session.id),
  }
}

/**
 * `GET` and `POST /setup/e/:account/:token`: the Express onboarding stand-in. A link serves one
 * visit (its form may then be sent), for five minutes; after that its page says it expired.
 */
export function onboardingPage(ctx: EmulatorContext, method: string, token: string): PageResponse {
  const link = ctx.state.accountLinks.get(token)
  if (!link) return { status: 404, html: pages.messagePage('Not found', 'There is no such link.') }
  const problem =
    linkProblem(ctx, link) ??
    (method !== 'POST' && link.visited ? 'This link has already been used.' : undefined)
  if (problem)
    return { status: 410, html: pages.expiredLinkPage(problem, link.refresh_url ?? null) }
  if (method !== 'POST') {
    link.visited = true
    const account = ctx.state.find(link.account)
    const email = typeof account?.email === 'string' ? account.email : null
    return { status: 200, html: pages.onboardingPage(`/setup/e/${link.account}/${token}`, email) }
  }
  const returnUrl = finishOnboarding(ctx, link)
  if (returnUrl) return { status: 303, location: returnUrl }
  return { status: 200, html: pages.messagePage('Onboarding complete', 'You can close this page.') }
}

/** `GET /express/:account/:token`: where a login link leads (the Express dashboard). */
export function dashboardPage(ctx: EmulatorContext, accountId: string): PageResponse {
  const account = ctx.state.find(accountId)
  if (!account || account.object !== 'account')
    return { status: 404, html: pages.messagePage('Not found', 'There is no such account.') }
  return {
    status: 200,
    html: pages.messagePage('Express dashboard (test mode)', `Payouts account ${accountId}.`),
  }
}
