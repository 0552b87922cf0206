import type { EmulatorContext } from './context'
import { StripeApiError } from './errors'
import { getSession } from './objects/checkout'
import { finishOnboarding } from './objects/connect'
import { paySession } from './objects/payments'
import * as pages from './pages'

/** An HTML answer: status, body, and a Location for redirects. */
export interface PageResponse {
  status: number
  html?: string
  location?: string
}

/** What each test card does, by its digits (Stripe's documented test numbers). */
const CARDS: Record<
  string,
  { outcome: 'pay' | 'dispute' } | { outcome: 'decline'; message: string }
> = {
  '4242424242424242': { outcome: 'pay' },
  '4000000000000259': { outcome: 'dispute' },
  '4000000000000002': {
    outcome: 'decline',
    message: 'Your card was declined.',
  },
  '4000000000009995': {
    outcome: 'decline',
    message: 'Your card has insufficient funds.',
  },
}

function findSession(ctx: EmulatorContext, id: string) {
  try {
    return getSession(ctx, id)
  } catch (error) {
    if (error instanceof StripeApiError) return undefined
    throw error
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
  const render = (status: number, error?: string, cardNumber?: string): PageResponse => {
    const lines = (ctx.state.lineItems.get(id) ?? []).map((item) => ({
      description: String(item.description),
      quantity: Number(item.quantity),
      amount: Number(item.amount_total),
    }))
    const html = pages.checkoutPage({
      action: `/c/pay/${id}`,
      currency: session.currency,
      total: session.amount_total,
      lines,
      cancelUrl: session.cancel_url,
      error,
      cardNumber,
    })
    return { status, html }
  }
  if (method !== 'POST') return render(200)
  const entered = form.get('card_number') ?? ''
  const digits = entered.replace(/[\s-]/g, '')
  const card = CARDS[digits]
  if (!digits) return render(400, 'Enter a card number.', entered)
  if (!card) return render(402, 'Your card number is incorrect.', entered)
  // 402, like Stripe's card errors; the session stays open for another try.
  if (card.outcome === 'decline') return render(402, card.message, entered)
  paySession(ctx, session, digits.slice(-4), card.outcome === 'dispute')
  if (!session.success_url) return { status: 200, html: pages.paidPage() }
  return {
    status: 303,
    location: session.success_url.replaceAll('{CHECKOUT_SESSION_ID}', session.id),
  }
}

/** `GET` and `POST /connect/onboarding/:account`: the Express onboarding stand-in. */
export function onboardingPage(
  ctx: EmulatorContext,
  method: string,
  accountId: string,
): PageResponse {
  const account = ctx.state.find(accountId)
  if (!account || account.object !== 'account') {
    return {
      status: 404,
      html: pages.messagePage('Not found', 'There is no such account.'),
    }
  }
  if (method !== 'POST') {
    const email = typeof account.email === 'string' ? account.email : null
    return {
      status: 200,
      html: pages.onboardingPage(`/connect/onboarding/${accountId}`, email),
    }
  }
  const returnUrl = finishOnboarding(ctx, accountId)
  if (returnUrl) return { status: 303, location: returnUrl }
  return {
    status: 200,
    html: pages.messagePage('Onboarding complete', 'You can close this page.'),
  }
}
