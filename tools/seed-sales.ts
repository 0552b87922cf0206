/**
 * The demo's past sales, made the way real ones are: each payouts-ready demo artist finishes
 * Stripe's onboarding on the emulator, then the demo buyer checks out two carts through the API
 * and pays on the emulator's Checkout page. The emulator's webhooks mark the orders paid and the
 * local Queue runs the transfers, so `npm run dev` opens with orders, sales and payouts to look at.
 */
import { ApiClient } from './seed-listings.ts'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoAccountId } from './seed.ts'

/** The demo buyer's carts: each line is an artist's newest listing. */
const CARTS = [['noor', 'tomas'], ['ingrid']]

/** Finishes Stripe's onboarding for an artist (the emulator's hosted page, submitted). */
async function finishOnboarding(baseUrl: string, email: string) {
  const artist = new ApiClient(baseUrl)
  await artist.signIn(email, DEMO_PASSWORD)
  const { onboarding_url } = await artist.json<{ onboarding_url: string }>(
    'POST',
    '/seller/payouts-account',
  )
  const done = await fetch(onboarding_url, { method: 'POST', redirect: 'manual' })
  if (done.status !== 303) throw new Error(`onboarding ${email}: the emulator said ${done.status}`)
}

/** The newest published physical listing of a demo artist. */
async function listingOf(buyer: ApiClient, handle: string): Promise<string> {
  const seller = demoAccountId(`${handle}@demo.coop`)
  const page = await buyer.json<{ items: { id: string; kind: string }[] }>(
    'GET',
    `/listings?seller=${seller}&sort=newest&limit=20`,
  )
  const listing = page.items.find((item) => item.kind === 'physical')
  if (!listing) throw new Error(`${handle} has no physical listing to sell`)
  return listing.id
}

/**
 * Onboards the payouts-ready artists and places the demo buyer's paid orders through the Worker
 * at `baseUrl`. Returns how many orders were paid.
 */
export async function seedDemoSales(baseUrl: string): Promise<number> {
  const ready = DEMO_ACCOUNTS.filter((a) => a.seller === 'approved' && a.payoutsReady)
  for (const artist of ready) await finishOnboarding(baseUrl, artist.email)
  const buyer = new ApiClient(baseUrl)
  await buyer.signIn('buyer@demo.coop', DEMO_PASSWORD)
  for (const cart of CARTS) {
    const items = await Promise.all(
      cart.map(async (handle) => ({ listing_id: await listingOf(buyer, handle), quantity: 1 })),
    )
    const { checkout_url } = await buyer.json<{ checkout_url: string }>('POST', '/checkout', {
      items,
    })
    const paid = await fetch(checkout_url, {
      method: 'POST',
      body: new URLSearchParams({ card_number: '4242 4242 4242 4242' }),
      redirect: 'manual',
    })
    if (paid.status !== 303)
      throw new Error(`paying a demo order: the emulator said ${paid.status}`)
  }
  return CARTS.length
}
