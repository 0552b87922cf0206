import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  createSession,
  listEvents,
  payOnPage,
  startHarness,
  type EmulatorHarness,
} from './stripe-emulator.helpers'

let harness: EmulatorHarness
let stripe: Stripe

beforeAll(async () => {
  harness = await startHarness()
  stripe = harness.stripe
})

afterAll(() => harness.emulator.close())

/** A paid session's charge (amount 3000, fee 117). */
async function paidCharge() {
  const session = await createSession(stripe)
  await payOnPage(session.url!, '4242424242424242')
  const paid = await stripe.checkout.sessions.retrieve(session.id, {
    expand: ['payment_intent.latest_charge'],
  })
  const intent = paid.payment_intent as Stripe.PaymentIntent
  return { session, intent, charge: intent.latest_charge as Stripe.Charge }
}

async function onboardedAccount() {
  const account = await stripe.accounts.create({
    type: 'express',
    email: 'seller@example.com',
    metadata: { member: 'mem_1' },
    capabilities: { transfers: { requested: true } },
  })
  const link = await stripe.accountLinks.create({
    account: account.id,
    type: 'account_onboarding',
    refresh_url: 'http://localhost:8787/payouts/refresh',
    return_url: 'http://localhost:8787/payouts/done',
  })
  const finish = await fetch(link.url, { method: 'POST', redirect: 'manual' })
  return { account, link, finish }
}

describe('refunds', () => {
  it('refunds part of a payment, keeping the fee, and never more than was charged', async () => {
    const { intent, charge } = await paidCharge()
    const refund = await stripe.refunds.create({
      payment_intent: intent.id,
      amount: 1000,
      metadata: { line: 'l1' },
    })
    expect(refund).toMatchObject({
      object: 'refund',
      amount: 1000,
      charge: charge.id,
      status: 'succeeded',
    })
    expect(refund.id).toMatch(/^re_/)
    const txn = await stripe.balanceTransactions.retrieve(refund.balance_transaction as string)
    expect(txn).toMatchObject({ amount: -1000, fee: 0, net: -1000 })
    expect(await stripe.charges.retrieve(charge.id)).toMatchObject({
      amount_refunded: 1000,
      refunded: false,
    })

    const tooMuch = await stripe.refunds
      .create({ charge: charge.id, amount: 2001 })
      .catch((e: unknown) => e)
    expect(tooMuch).toMatchObject({
      statusCode: 400,
      code: 'amount_too_large',
    })
    await stripe.refunds.create({ charge: charge.id })
    expect(await stripe.charges.retrieve(charge.id)).toMatchObject({
      amount_refunded: 3000,
      refunded: true,
    })
    const types = (await listEvents(harness.emulator, charge.id)).map((e) => e.type)
    expect(types.filter((t) => t === 'charge.refunded')).toHaveLength(2)
  })
})

describe('connect accounts', () => {
  it('creates an Express account that cannot take transfers until onboarded', async () => {
    const account = await stripe.accounts.create({
      type: 'express',
      capabilities: { transfers: { requested: true } },
    })
    expect(account.id).toMatch(/^acct_/)
    expect(account).toMatchObject({
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
    })
    expect(account.capabilities?.transfers).toBe('inactive')
  })

  it('onboards through the hosted page and reports account.updated', async () => {
    const { account, link, finish } = await onboardedAccount()
    expect(link.url.startsWith(`${harness.emulator.url}/setup/e/${account.id}/`)).toBe(true)
    expect(finish.status).toBe(303)
    expect(finish.headers.get('location')).toBe('http://localhost:8787/payouts/done')
    // The link was used: a second visit says so instead of onboarding again.
    const again = await fetch(link.url)
    expect(again.status).toBe(410)
    expect(await again.text()).toContain('This link has already been used.')
    const updated = await stripe.accounts.retrieve(account.id)
    expect(updated).toMatchObject({
      charges_enabled: true,
      payouts_enabled: true,
      details_submitted: true,
    })
    expect(updated.capabilities?.transfers).toBe('active')
    const [event] = await listEvents(harness.emulator, account.id)
    expect(JSON.parse(event!.payload)).toMatchObject({
      type: 'account.updated',
      account: account.id,
      data: {
        object: { id: account.id },
        previous_attributes: {
          charges_enabled: false,
          payouts_enabled: false,
          details_submitted: false,
          capabilities: { transfers: 'inactive' },
        },
      },
    })
  })
})

describe('transfers', () => {
  it('transfers from a charge to an onboarded account and reverses part of it', async () => {
    const { charge } = await paidCharge()
    const { account } = await onboardedAccount()
    const transfer = await stripe.transfers.create(
      {
        amount: 2000,
        currency: 'usd',
        destination: account.id,
        source_transaction: charge.id,
        transfer_group: 'ord_1',
      },
      { idempotencyKey: `transfer:ord_1:${account.id}` },
    )
    expect(transfer.id).toMatch(/^tr_/)
    expect(transfer).toMatchObject({
      amount: 2000,
      destination: account.id,
      source_transaction: charge.id,
    })
    const reversal = await stripe.transfers.createReversal(transfer.id, {
      amount: 500,
    })
    expect(reversal.id).toMatch(/^trr_/)
    expect(await stripe.transfers.retrieve(transfer.id)).toMatchObject({
      amount_reversed: 500,
      reversed: false,
    })
    const over = await stripe.transfers
      .createReversal(transfer.id, { amount: 1501 })
      .catch((e: unknown) => e)
    expect(over).toMatchObject({ statusCode: 400 })
  })

  it('refuses a destination whose transfers capability is not active', async () => {
    const account = await stripe.accounts.create({
      type: 'express',
      capabilities: { transfers: { requested: true } },
    })
    const error = await stripe.transfers
      .create({ amount: 100, currency: 'usd', destination: account.id })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ statusCode: 400, param: 'destination' })
  })
})
