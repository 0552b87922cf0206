/**
 * A member's account, the way a member goes through it: sign up, confirm the address from the
 * local mailbox, forget the password and reset it from the mailbox, rename themselves and see
 * the new name on their storefront, and end the session of another browser. The steps that are
 * not this (paying the share, becoming a seller) go through the same API the pages use.
 */
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { expectAccessible, launch } from './browser.ts'
import { mailLink } from './mailbox.ts'
import { PHONE, expectFitsPhone } from './shop.ts'

const appUrl = inject('appUrl')
let browser: Browser

beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

const newContext = (): Promise<BrowserContext> =>
  browser.newContext({ baseURL: appUrl, bypassCSP: true, viewport: PHONE })

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/signin')
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL('**/account')
}

async function json<T>(request: APIRequestContext, method: string, path: string, body?: unknown) {
  const response = await request.fetch(`/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { data: JSON.stringify(body) }),
  })
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300)
  return (await response.json()) as T
}

/** The member pays the share on the emulator's page and an admin approves them as a seller. */
async function becomeSeller(request: APIRequestContext) {
  const { checkout_url } = await json<{ checkout_url: string }>(
    request,
    'POST',
    '/membership/checkout',
  )
  const paid = await fetch(checkout_url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'card_number=4242+4242+4242+4242',
    redirect: 'manual',
  })
  expect(paid.status).toBeLessThan(400)
  await expect
    .poll(
      async () =>
        (await json<{ membership: { status: string } }>(request, 'GET', '/me')).membership.status,
      {
        timeout: 20_000,
      },
    )
    .toBe('active')
  const application = await json<{ id: string }>(request, 'POST', '/seller-applications', {
    statement: 'Paper cuts of the harbour, cut by hand from one sheet each.',
    portfolio_url: 'https://cora.example/cuts',
  })
  const admin = await newContext()
  await json(admin.request, 'POST', '/session', {
    email: 'admin@demo.coop',
    password: 'demo-password-1',
  })
  await json(admin.request, 'POST', `/admin/seller-applications/${application.id}/decision`, {
    decision: 'approve',
    note: 'Welcome!',
  })
  await admin.close()
}

describe("a member's account", () => {
  const email = `cora-${Date.now()}@example.coop`
  const first = 'harbour paper lanterns at dusk'
  const second = 'seven gulls over the breakwater'

  it('confirms, resets, renames and signs another device out, all from the pages', async () => {
    // Sign up, then confirm the address from the mailbox.
    const laptop = await newContext()
    const page = await laptop.newPage()
    await page.goto('/signup')
    await page.getByLabel('Your name').fill('Cora Cutter')
    await page.getByLabel('Email address').fill(email)
    await page.getByLabel('Password', { exact: true }).fill(first)
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.waitForURL('**/account?welcome=1')
    await page.goto(await mailLink(appUrl, email, '/confirm-email/'))
    await page.getByRole('button', { name: 'Confirm my address' }).click()
    await page.getByRole('heading', { name: 'Your address is confirmed' }).waitFor()
    await becomeSeller(laptop.request)

    // Forget the password on a second device, and reset it from the mailbox.
    const phone = await newContext()
    const other = await phone.newPage()
    await other.goto('/signin')
    await other.getByRole('link', { name: /Forgot your password/ }).click()
    await other.getByLabel('Email address').fill(email)
    await other.getByRole('button', { name: 'Email me a link' }).click()
    await expectAccessible(other)
    await expectFitsPhone(other)
    await other.goto(await mailLink(appUrl, email, '/reset-password/'))
    await expectAccessible(other)
    await other.getByLabel('New password').fill(second)
    await other.getByRole('button', { name: 'Change my password' }).click()
    await other.getByRole('heading', { name: 'Your password is changed' }).waitFor()
    // The reset ended every session: the laptop is signed out and the old password fails.
    await page.goto('/account')
    await page.waitForURL('**/signin**')
    await signIn(other, email, second)

    // Rename on the laptop, signed in again, and read the storefront.
    await signIn(page, email, second)
    await page.goto('/account/settings')
    await expectAccessible(page)
    await expectFitsPhone(page)
    await page.getByLabel('Your name').fill('Cora Quill')
    await page.getByRole('button', { name: 'Save profile' }).click()
    const me = await json<{ id: string }>(laptop.request, 'GET', '/me')
    await page.goto(`/sellers/${me.id}`)
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).innerText())
      .toContain('Cora Quill')

    // See both devices and sign the other one out.
    await page.goto('/account/settings/sessions')
    await expectAccessible(page)
    await expectFitsPhone(page)
    expect(
      await page
        .getByRole('listitem')
        .filter({ hasText: /This device/i })
        .count(),
    ).toBe(1)
    await page.getByRole('button', { name: 'Sign out everywhere else' }).click()
    await other.goto('/account')
    await other.waitForURL('**/signin**')
    await page.goto('/account')
    expect(page.url()).toContain('/account')

    // Every settings page reads well on the phone and passes axe.
    for (const path of [
      '/account/settings/email',
      '/account/settings/password',
      '/account/settings/notifications',
      '/account/patronage',
    ]) {
      await page.goto(path)
      await expectAccessible(page)
      await expectFitsPhone(page)
    }
    await laptop.close()
    await phone.close()

    // The admin's audit log names the approval of this seller.
    const admin = await newContext()
    const adminPage = await admin.newPage()
    await signIn(adminPage, 'admin@demo.coop', 'demo-password-1')
    await adminPage.goto('/admin/audit')
    await expect.poll(() => adminPage.locator('main').innerText()).toMatch(/Cora (Cutter|Quill)/)
    await expectAccessible(adminPage)
    await expectFitsPhone(adminPage)
    await admin.close()
  })
})
