/**
 * The Fairstall Worker's HTTP app: wires the features' routes together. Static files under
 * web/public are served by the assets binding before this code runs; everything else comes
 * here. It is an OpenAPIHono, so mounting a feature's declared routes adds them to the
 * OpenAPI document (`/api/v1/openapi.json`, `/api/docs`).
 */
import { HTTPException } from 'hono/http-exception'

import { cartRoutes } from './cart/routes.ts'
import { apiDocsPages, apiDocumentRoutes } from './docs/routes.tsx'
import { accountPageRoutes } from './accounts/pages.tsx'
import { accountRoutes } from './accounts/routes.ts'
import { sessionRoutes } from './accounts/session-routes.ts'
import { sessionPageRoutes } from './accounts/session-pages.tsx'
import { accountTokenPageRoutes } from './account-tokens/pages.tsx'
import { accountTokenRoutes } from './account-tokens/routes.ts'
import { accountSettingsPageRoutes } from './account-tokens/settings-pages.tsx'
import { cartPageRoutes } from './cart/pages.tsx'
import { emailPageRoutes } from './email/pages.tsx'
import { mailboxPageRoutes } from './email/mailbox.tsx'
import { emailRoutes } from './email/routes.ts'
import { loadViewer } from './accounts/sessions.ts'
import { base64url, randomBytes } from './lib/crypto.ts'
import { AppError, errorBody } from './lib/errors.ts'
import { apiRouter } from './lib/routes.ts'
import { type PageDeclaration, pageRouter } from './pages/declare.ts'
import { RateLimited } from './lib/rate-limit.ts'
import { publicPageCache } from './lib/page-cache.ts'
import { crossSiteGuard, securityHeaders } from './lib/security.ts'
import { listingImageRoutes } from './media/routes.ts'
import { mediaRoutes } from './media/serve.ts'
import { membershipPageRoutes } from './membership/pages.tsx'
import { membershipAdminRoutes, membershipRoutes } from './membership/routes.ts'
import { listingPageRoutes } from './listings/pages.tsx'
import { sellerListingPageRoutes } from './listings/seller-pages.tsx'
import { mediaPageRoutes } from './media/pages.tsx'
import { renderErrorPage } from './pages/helpers.tsx'
import { listingRoutes } from './listings/routes.ts'
import { payoutPageRoutes } from './payouts/pages.tsx'
import { profilePageRoutes } from './profile/pages.tsx'
import { profileRoutes } from './profile/routes.ts'
import { payoutRoutes } from './payouts/routes.ts'
import { searchPageRoutes } from './search/pages.tsx'
import { sellerPageRoutes } from './sellers/pages.tsx'
import { sellerRoutes } from './sellers/routes.ts'
import { jobPageRoutes } from './jobs/pages.tsx'
import { disputeEvents } from './disputes/events.ts'
import { membershipEvents } from './membership/events.ts'
import { withOrderEvents } from './orders/events.ts'
import { orderPageRoutes } from './orders/pages.tsx'
import { orderRoutes } from './orders/routes.ts'
import { salesPageRoutes } from './sales/pages.tsx'
import { salesRoutes } from './sales/routes.ts'
import { refundRoutes } from './refunds/routes.ts'
import { surplusRoutes } from './surplus/routes.ts'
import { refundPageRoutes } from './refunds/pages.tsx'
import { shippingPageRoutes } from './shipping/pages.tsx'
import { shippingRoutes } from './shipping/routes.ts'
import { auditPageRoutes } from './audit/pages.tsx'
import { adminOrderPageRoutes } from './admin-orders/pages.tsx'
import { memberPatronagePageRoutes } from './surplus/member-pages.tsx'
import { boardPageRoutes } from './surplus/pages.tsx'
import { payoutEvents } from './payouts/events.ts'
import { stripeWebhookRoutes } from './webhooks/routes.ts'
import type { StripeEventHandlers } from './webhooks/types.ts'

/** Each feature's Stripe event handlers, in one plain map (no import-order registration). */
const stripeEventHandlers: StripeEventHandlers = withOrderEvents({
  ...membershipEvents,
  ...payoutEvents,
  ...disputeEvents,
})

/** The app: every feature's routes, the API's document and the one error path. */
export const app = apiRouter()

app.use(async function requestContext(c, next) {
  c.set('requestId', c.req.header('cf-ray') ?? base64url(randomBytes(9)))
  c.set('viewer', null)
  await next()
})
app.use(securityHeaders())
app.use(crossSiteGuard())
// Webhooks prove themselves by signature and media is public: neither needs a session lookup.
const SESSIONLESS = ['/webhooks/', '/media/']
app.use(async function session(c, next) {
  if (!SESSIONLESS.some((prefix) => c.req.path.startsWith(prefix))) {
    c.set('viewer', await loadViewer(c, new Date()))
  }
  await next()
})
app.use(publicPageCache())

const api = apiRouter()
api.route('/', accountRoutes)
api.route('/', sessionRoutes)
api.route('/', profileRoutes)
api.route('/', accountTokenRoutes)
api.route('/', emailRoutes)
api.route('/membership', membershipRoutes)
api.route('/', membershipAdminRoutes)
api.route('/', sellerRoutes)
api.route('/', listingImageRoutes)
api.route('/', listingRoutes)
api.route('/', payoutRoutes)
api.route('/', cartRoutes)
api.route('/', orderRoutes)
api.route('/', salesRoutes)
api.route('/', refundRoutes)
api.route('/', shippingRoutes)
api.route('/', surplusRoutes)

app.route('/api/v1', api)
app.route('/webhooks', stripeWebhookRoutes(stripeEventHandlers))
// After the API: the document is generated from what is mounted above.
app.route('/', apiDocumentRoutes(app))

/** Bare route: the baseline the benchmarks compare pages against. */
const healthRoutes = pageRouter().page(
  {
    tag: 'Operations',
    method: 'get',
    path: '/healthz',
    summary: 'Answers `ok`: the Worker is up.',
    permission: 'anonymous',
    csrf: 'none',
  },
  (c) => c.text('ok'),
)

/** Each feature's pages. None of their paths overlap, so the order does not matter. */
const pageRouters = [
  searchPageRoutes,
  listingPageRoutes,
  sellerListingPageRoutes,
  mediaPageRoutes,
  payoutPageRoutes,
  accountPageRoutes,
  sessionPageRoutes,
  profilePageRoutes,
  accountTokenPageRoutes,
  emailPageRoutes,
  mailboxPageRoutes,
  accountSettingsPageRoutes,
  membershipPageRoutes,
  sellerPageRoutes,
  jobPageRoutes,
  cartPageRoutes,
  salesPageRoutes,
  orderPageRoutes,
  refundPageRoutes,
  shippingPageRoutes,
  auditPageRoutes,
  adminOrderPageRoutes,
  memberPatronagePageRoutes,
  boardPageRoutes,
  mediaRoutes,
  apiDocsPages(app),
  healthRoutes,
]
for (const pages of pageRouters) app.route('/', pages)

/** Every page route as declared: with the API's document, the whole of what the app serves. */
export const pageDeclarations: readonly PageDeclaration[] = pageRouters.flatMap(
  (pages) => pages.declared,
)

function wantsHtml(path: string) {
  return !path.startsWith('/api/') && !path.startsWith('/webhooks/')
}

app.notFound((c) => {
  const error = new AppError(404, 'not_found', 'There is nothing at this address.')
  return wantsHtml(c.req.path) ? renderErrorPage(c, error) : c.json(errorBody(error), 404)
})

// The one error path: AppErrors reach the client as they are; anything else is a bug, logged
// with the request id and answered 500 without internals.
app.onError((err, c) => {
  let error: AppError
  if (err instanceof AppError) error = err
  else if (err instanceof HTTPException && err.status === 413) {
    error = new AppError(413, 'payload_too_large', 'The request body is too large.')
  } else {
    console.error(`request ${c.get('requestId')} failed:`, err)
    const body = {
      error: {
        code: 'internal_error',
        message: `Something went wrong on our side (request ${c.get('requestId')}).`,
      },
    }
    return c.json(body, 500)
  }
  if (error instanceof RateLimited) c.header('Retry-After', String(error.retryAfterSeconds))
  return wantsHtml(c.req.path) ? renderErrorPage(c, error) : c.json(errorBody(error), error.status)
})
