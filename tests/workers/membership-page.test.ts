import { describe, expect, it } from 'vitest'

import {
  type Client,
  call,
  deliver,
  emulatorEvents,
  payCheckout,
  sessionIdOf,
  signUp,
} from './helpers.ts'

const BUY = 'Buy my member share'

async function accountPage(client: Client, query = '') {
  const response = await call(`/account${query}`, { as: client })
  expect(response.status).toBe(200)
  return response.text()
}

async function openCheckout(client: Client) {
  const response = await call('/api/v1/membership/checkout', { method: 'POST', as: client })
  expect(response.status).toBe(201)
  return (await response.json<{ checkout_url: string }>()).checkout_url
}

describe('the account page while the share is being paid', () => {
  it('offers the share to someone who has not paid yet', async () => {
    const client = await signUp()
    expect(await accountPage(client)).toContain(BUY)
    await openCheckout(client)
    // Pending, but nothing paid: the member may go back to the checkout.
    expect(await accountPage(client)).toContain(BUY)
  })

  it('offers no second payment once paid, and shows the membership as soon as it lands', async () => {
    const client = await signUp()
    const url = await openCheckout(client)
    expect((await payCheckout(url)).status).toBe(303)
    // The webhook has not arrived: Stripe already says the checkout is complete.
    for (const query of ['', '?share=paid']) {
      const page = await accountPage(client, query)
      expect(page).not.toContain(BUY)
      expect(page).toContain('confirming it')
      expect(page).toContain('href="/account?share=paid"')
    }
    for (const event of await emulatorEvents(sessionIdOf(url))) await deliver(event)
    const page = await accountPage(client)
    expect(page).toContain('Active member')
    expect(page).not.toContain(BUY)
    expect(page).not.toContain('confirming it')
  })

  it('shows a withdrawal request waiting for the admins', async () => {
    const client = await signUp()
    const url = await openCheckout(client)
    await payCheckout(url)
    for (const event of await emulatorEvents(sessionIdOf(url))) await deliver(event)
    const asked = await call('/api/v1/membership/withdrawal', {
      method: 'POST',
      as: client,
      json: {},
    })
    expect(asked.status).toBe(202)
    expect(await accountPage(client)).toContain('You asked to withdraw')
  })
})
