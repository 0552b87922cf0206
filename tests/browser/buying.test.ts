import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { expectAccessible, launch } from './browser.ts'
import { expectFitsPhone, publishedListing, setUpPayouts, signedIn } from './shop.ts'

const appUrl = inject('appUrl')
let browser: Browser

beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

/** The row of the sales table that sold `title`, read again until `done` holds (bounded). */
async function pollSale(page: Page, title: string, done: (text: string) => boolean) {
  const row = page.getByRole('row').filter({ hasText: title })
  await expect
    .poll(
      async () => {
        await page.goto('/sell/sales')
        const text = (await row.count()) > 0 ? await row.innerText() : ''
        return done(text) ? 'ready' : text
      },
      { timeout: 30_000, interval: 500 },
    )
    .toBe('ready')
  return row
}

describe('a buyer pays for two sellers’ pieces in one checkout', () => {
  // Words no other test uses, so every lookup below can only find these pieces.
  const tag = Date.now().toString(36)
  const priyaTitle = `Fern Study ${tag}`
  const maudTitle = `Quiet Lane ${tag}`
  const shipTo = `Robin Buyer ${tag}`

  it('pays on the Checkout page; each seller sees the sale, payout and address, and refunds', async () => {
    const failures: string[] = []
    const watch = (page: Page) =>
      page.on('response', (r) => r.status() >= 500 && failures.push(`${r.status()} ${r.url()}`))

    // Two sellers who have not set up payouts yet do it on Stripe's (the emulator's) pages.
    const priya = await signedIn(browser, appUrl, 'priya@demo.coop')
    const maud = await signedIn(browser, appUrl, 'maud@demo.coop')
    watch(priya.page)
    watch(maud.page)
    await setUpPayouts(priya.page)
    await setUpPayouts(maud.page)
    const fern = await publishedListing(appUrl, 'priya@demo.coop', {
      title: priyaTitle,
      price_cents: 3000,
      quantity: 3,
      shipping_cents: 500,
    })
    const lane = await publishedListing(appUrl, 'maud@demo.coop', {
      title: maudTitle,
      price_cents: 1800,
      quantity: 2,
      shipping_cents: 350,
    })

    // The buyer puts one of each in the cart, then takes a second fern with the stepper.
    const buyer = await signedIn(browser, appUrl, 'buyer@demo.coop')
    const page = buyer.page
    watch(page)
    for (const id of [fern, lane]) {
      await page.goto(`/listings/${id}`)
      await page.getByRole('button', { name: 'Add to cart' }).click()
      await page.waitForURL('**/cart**')
    }
    await page.getByRole('button', { name: `One more ${priyaTitle}` }).click()
    await page.waitForURL('**/cart?done=updated')
    expect(await page.getByLabel(`Quantity of ${priyaTitle}`).inputValue()).toBe('2')
    const cart = await page.locator('main').innerText()
    expect(cart).toContain('From Priya Raman')
    expect(cart).toContain('From Maud Girard')
    // 2 × $30.00 + $5.00 shipping, and $18.00 + $3.50 shipping.
    expect(cart).toContain('$86.50')
    await expectAccessible(page)
    await expectFitsPhone(page)

    // One checkout for both sellers, paid on the emulator's hosted page.
    await page.getByRole('button', { name: 'Check out' }).click()
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).innerText())
      .toBe('Pay USD 86.50')
    await page.getByLabel('Full name').fill(shipTo)
    await page.getByLabel('Address', { exact: true }).fill('12 Wren Street')
    await page.getByLabel('City').fill('Portland')
    await page.getByLabel(/State or region/).fill('OR')
    await page.getByLabel('Postal code').fill('97201')
    await page.getByLabel(/^Country/).fill('US')
    await page.getByLabel('Card number').fill('4242 4242 4242 4242')
    await page.getByRole('button', { name: /^Pay/ }).click()

    // Back on the order: it turns paid by itself once the payment's webhook has landed.
    await page.waitForURL('**/orders/*?checkout=done')
    const orderId = new URL(page.url()).pathname.split('/').pop() ?? ''
    const confirmed = page.getByRole('status').filter({ hasText: 'Your payment is confirmed' })
    await expect.poll(() => confirmed.count(), { timeout: 30_000 }).toBe(1)
    await page.goto(`/orders/${orderId}`)
    const order = await page.locator('main').innerText()
    expect(order).toContain(priyaTitle)
    expect(order).toContain(maudTitle)
    expect(order).toContain(shipTo)
    await expectAccessible(page)
    await expectFitsPhone(page)

    // Each seller sees the sale with the buyer, the ship-to and the payout once it is sent:
    // price and shipping less 10 % commission of the price.
    const maudRow = await pollSale(maud.page, maudTitle, (t) => t.includes('Sent to your Stripe'))
    const maudSale = await maudRow.innerText()
    for (const text of ['Bo Tanaka', shipTo, '12 Wren Street', '$1.80', '$19.70', orderId]) {
      expect(maudSale).toContain(text)
    }
    const priyaRow = await pollSale(priya.page, priyaTitle, (t) =>
      t.includes('Sent to your Stripe'),
    )
    const priyaSale = await priyaRow.innerText()
    for (const text of ['Bo Tanaka', shipTo, '$60.00', '$6.00', '$59.00']) {
      expect(priyaSale).toContain(text)
    }
    expect(priyaSale).not.toContain(maudTitle)
    await expectAccessible(priya.page)
    await expectFitsPhone(priya.page)

    // Priya refunds part of her line: $15.00 of $60.00 returns $1.50 of the commission, so her
    // payout falls by $13.50 to $45.50.
    await priya.page
      .locator('summary')
      .filter({ hasText: `Refund ${priyaTitle}` })
      .click()
    const refund = priya.page.getByRole('form', { name: `Refund ${priyaTitle}` })
    // The opened form fits the phone's card too.
    await expectAccessible(priya.page)
    await expectFitsPhone(priya.page)
    await refund.getByLabel('Amount to refund').fill('15.00')
    await refund.getByLabel('Reason').fill('One print has a crease in the corner.')
    await refund.getByRole('button', { name: 'Refund' }).click()
    await priya.page.waitForURL('**/sell/sales?refund=requested')
    expect(await priya.page.getByRole('status').first().innerText()).toContain('on its way')

    // The refund job makes the Stripe Refund and reverses part of Priya's transfer; the buyer's
    // order turns partly refunded once it has (the order's status is the job's to change).
    const orderStatus = page.locator('section[aria-labelledby="order-status"]')
    await expect
      .poll(
        async () => {
          await page.goto(`/orders/${orderId}`)
          return orderStatus.innerText()
        },
        { timeout: 30_000, interval: 500 },
      )
      .toContain('Partly refunded')
    expect(await page.getByRole('row').filter({ hasText: priyaTitle }).innerText()).toContain(
      '$15.00',
    )

    // The seller's sale shows the refund and the lower payout; Maud's sale is untouched.
    const refunded = await pollSale(priya.page, priyaTitle, (t) => t.includes('$45.50'))
    const after = await refunded.innerText()
    expect(after).toContain('$15.00')
    expect(after).toContain('Partly refunded')
    await expectAccessible(priya.page)
    await expectFitsPhone(priya.page)
    await maud.page.goto('/sell/sales')
    const maudAfter = await maud.page.getByRole('row').filter({ hasText: maudTitle }).innerText()
    expect(maudAfter).toContain('$19.70')
    expect(maudAfter).not.toContain('Partly refunded')

    expect(failures).toEqual([])
    await Promise.all([buyer.context.close(), priya.context.close(), maud.context.close()])
  })
})
