import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { jpegBase64 } from '../workers/fixtures/images.ts'
import { expectAccessible, launch } from './browser.ts'

const appUrl = inject('appUrl')
let browser: Browser

beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

describe('an artist lists a piece and a buyer finds it', () => {
  // A word no demo listing uses, so the search can only find this one.
  const word = `Quillwort${Date.now().toString(36)}`

  it('uploads a picture, publishes, and the piece turns up in search', async () => {
    const context = await browser.newContext({ baseURL: appUrl, bypassCSP: true })
    const page = await context.newPage()
    const failures: string[] = []
    page.on('response', (r) => r.status() >= 500 && failures.push(`${r.status()} ${r.url()}`))

    await page.goto('/signin')
    await page.getByLabel('Email address').fill('artist@demo.coop')
    await page.getByLabel('Password', { exact: true }).fill('demo-password-1')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL('**/account')

    await page.goto('/sell')
    await expectAccessible(page)
    await page.getByRole('link', { name: 'New listing' }).first().click()
    await page.getByLabel('Title').fill(`${word} botanical print`)
    await page.getByLabel(/Description/).fill('A pressed-fern study, printed on cotton rag.')
    await page.getByLabel(/Price/).fill('24.50')
    await page.getByLabel(/Quantity/).fill('3')
    await page.getByLabel(/Shipping/).fill('4')
    await page.getByLabel(/Category/).selectOption('prints')
    await page.getByRole('button', { name: 'Save draft' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toContain(word)

    // The upload island sends the file with progress, then shows it in the list of pictures.
    await page.getByLabel('Add pictures').setInputFiles({
      name: 'fern.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from(jpegBase64, 'base64'),
    })
    await page.getByRole('button', { name: 'Upload' }).click()
    await expect
      .poll(
        () => page.locator('section[aria-labelledby="field-images"] img[src^="/media/"]').count(),
        {
          timeout: 20_000,
        },
      )
      .toBeGreaterThan(0)
    await page.waitForLoadState('load')
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Publish' }).click()
    await expect.poll(() => page.getByRole('button', { name: 'Archive' }).count()).toBe(1)
    await context.close()

    // A visitor searches from the home page and opens the piece.
    const buyer = await browser.newContext({ baseURL: appUrl, bypassCSP: true })
    const shopper = await buyer.newPage()
    await shopper.goto('/')
    await shopper.getByRole('searchbox').first().fill(word.toLowerCase().slice(0, 8))
    await shopper.getByRole('button', { name: 'Search' }).first().click()
    await shopper.waitForURL('**/search?**')
    await expectAccessible(shopper)
    await shopper
      .getByRole('link', { name: new RegExp(word) })
      .first()
      .click()
    await shopper.waitForURL('**/listings/**')
    await expect.poll(() => shopper.getByRole('heading', { level: 1 }).innerText()).toContain(word)
    expect(await shopper.locator('body').innerText()).toContain('$24.50')
    const ogImage = await shopper.locator('meta[property="og:image"]').getAttribute('content')
    expect(ogImage).toMatch(/^http.*\/media\/listings\//)
    expect((await shopper.request.get(ogImage ?? '')).status()).toBe(200)
    await expectAccessible(shopper)
    await buyer.close()
    expect(failures).toEqual([])
  })
})
