/** Helpers of the buying test: signed-in phone-sized pages, listings, payouts set up. */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { expect } from 'vitest'

import { ApiClient } from '../../tools/seed-listings.ts'
import { DEMO_PASSWORD } from '../../tools/seed.ts'
import { jpegBase64 } from '../workers/fixtures/images.ts'

/** A phone's width: the cart, order and sales pages must fit it without sideways scrolling. */
export const PHONE = { width: 390, height: 844 }

/** A signed-in page at phone width. bypassCSP lets axe-core be injected. */
export async function signedIn(
  browser: Browser,
  appUrl: string,
  email: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: appUrl, bypassCSP: true, viewport: PHONE })
  const page = await context.newPage()
  await page.goto('/signin')
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL('**/account')
  return { context, page }
}

/** Fails when anything on the page is wider than the phone's screen. */
export async function expectFitsPhone(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(width, `page width of ${page.url()}`).toBeLessThanOrEqual(PHONE.width)
}

/**
 * A published physical listing of `email`'s, made through the API: the listing form has its own
 * browser test (selling.test.ts), this one is about buying it.
 */
export async function publishedListing(
  appUrl: string,
  email: string,
  fields: { title: string; price_cents: number; quantity: number; shipping_cents: number },
): Promise<string> {
  const seller = new ApiClient(appUrl)
  await seller.signIn(email, DEMO_PASSWORD)
  const { id } = await seller.json<{ id: string }>('POST', '/listings', {
    ...fields,
    kind: 'physical',
    description: 'A test piece for the buying journey.',
    category: 'prints',
  })
  const form = new FormData()
  form.append(
    'file',
    new Blob([Buffer.from(jpegBase64, 'base64')], { type: 'image/jpeg' }),
    'piece.jpg',
  )
  await seller.json('POST', `/listings/${id}/images`, form)
  await seller.json('POST', `/listings/${id}/publish`)
  return id
}

/** A seller finishes Stripe's onboarding from the dashboard, on the emulator's page. */
export async function setUpPayouts(page: Page) {
  await page.goto('/sell')
  await page.getByRole('button', { name: 'Set up payouts with Stripe' }).click()
  await page.getByRole('button', { name: 'Finish' }).click()
  await page.waitForURL('**/sell?done=payouts')
  expect(await page.getByRole('button', { name: 'Set up payouts with Stripe' }).count()).toBe(0)
}
