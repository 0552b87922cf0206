import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { expectAccessible, launch } from './browser.ts'
import { mailLink } from './mailbox.ts'

const appUrl = inject('appUrl')
let browser: Browser

beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

async function newPage(
  options: { javaScriptEnabled?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  // bypassCSP lets axe-core be injected; the app's own scripts run under its real CSP elsewhere.
  const context = await browser.newContext({ baseURL: appUrl, bypassCSP: true, ...options })
  const page = await context.newPage()
  return { context, page }
}

async function signIn(page: Page, email: string, password = 'demo-password-1') {
  await page.goto('/signin')
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL('**/account')
}

describe('a newcomer joins, pays the share, applies to sell, and an admin approves', () => {
  const email = `newcomer-${Date.now()}@example.coop`

  it('walks the whole way through the pages', async () => {
    const { context, page } = await newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`))

    // Sign up.
    await page.goto('/')
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Join' }).first().click()
    await expect.poll(() => page.title()).toContain('Create an account')
    await expectAccessible(page)
    await page.getByLabel('Your name').fill('Nell Newcomer')
    await page.getByLabel('Email address').fill(email)
    await page.getByLabel('Password', { exact: true }).fill('a good long password')
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.waitForURL('**/account?welcome=1')
    await expect
      .poll(() => page.getByRole('heading', { name: 'My account' }).isVisible())
      .toBe(true)
    await expectAccessible(page)

    // Pay the member share on the Stripe emulator's Checkout page.
    await page.getByRole('button', { name: /Buy my member share/ }).click()
    await page.getByLabel('Card number').fill('4242 4242 4242 4242')
    await page.getByRole('button', { name: /^Pay/ }).click()
    await page.waitForURL('**/account?share=paid')
    // The webhook reaches the Worker on its own schedule: look again until it has.
    await expect
      .poll(
        async () => {
          await page.reload()
          return page.locator('section[aria-labelledby="membership-title"]').innerText()
        },
        { timeout: 20_000 },
      )
      .toMatch(/active/i)

    // Confirm the address from the local mailbox: applying to sell needs it.
    await page.goto(await mailLink(appUrl, email, '/confirm-email/'))
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Confirm my address' }).click()
    await page.getByRole('heading', { name: 'Your address is confirmed' }).waitFor()

    // Apply to sell.
    await page.goto('/sell/apply')
    await expectAccessible(page)
    await page
      .getByLabel('About your work')
      .fill('Linocut prints of city rooftops, pulled by hand on a Victorian press.')
    await page.getByLabel('Portfolio link').fill('https://nell.example/prints')
    await page.getByRole('button', { name: 'Send application' }).click()
    await page.waitForURL('**/account?applied=1')
    expect(await page.locator('section[aria-labelledby="seller-title"]').innerText()).toMatch(
      /under review/i,
    )
    expect(errors).toEqual([])
    await context.close()

    // An admin approves it from the queue.
    const admin = await newPage()
    await signIn(admin.page, 'admin@demo.coop')
    await admin.page.getByRole('link', { name: 'Review sellers' }).click()
    await admin.page.waitForURL('**/admin/seller-applications')
    await expectAccessible(admin.page)
    const card = admin.page.getByRole('article').filter({ hasText: 'Nell Newcomer' })
    await card.getByLabel(/Note to the applicant/).fill('Welcome, Nell!')
    await card.getByRole('button', { name: /Approve/ }).click()
    await admin.page.waitForURL('**/admin/seller-applications?decided=approved')
    expect(await admin.page.getByRole('article').filter({ hasText: 'Nell Newcomer' }).count()).toBe(
      0,
    )
    await admin.context.close()

    // The newcomer sees the decision.
    const again = await newPage()
    await signIn(again.page, email, 'a good long password')
    const seller = await again.page.locator('section[aria-labelledby="seller-title"]').innerText()
    expect(seller).toMatch(/approved/i)
    expect(seller).toContain('Welcome, Nell!')
    await again.context.close()
  })
})

describe('without JavaScript', () => {
  it('still signs in, shows errors beside fields, and signs out', async () => {
    const { context, page } = await newPage({ javaScriptEnabled: false })
    await page.goto('/signup')
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect.poll(() => page.locator('[aria-invalid="true"]').count()).toBeGreaterThan(0)
    await signIn(page, 'buyer@demo.coop')
    expect(await page.getByRole('heading', { name: 'My account' }).isVisible()).toBe(true)
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForURL(`${appUrl}/`)
    expect(await page.getByRole('link', { name: 'Sign in' }).first().isVisible()).toBe(true)
    await context.close()
  })
})

describe('keyboard and small screens', () => {
  it('reaches the main content by the skip link and fits a phone screen', async () => {
    const context = await browser.newContext({
      baseURL: appUrl,
      viewport: { width: 360, height: 740 },
    })
    const page = await context.newPage()
    await page.goto('/')
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim())
    expect(focused).toMatch(/skip/i)
    await page.keyboard.press('Enter')
    expect(page.url()).toContain('#main')
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    )
    expect(overflow).toBeLessThanOrEqual(0)
    await context.close()
  })
})
