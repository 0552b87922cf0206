import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  advanceClock,
  control,
  listEvents,
  onboardedAccount,
  paidCharge,
  startHarness,
  type EmulatorHarness,
} from './stripe-emulator.helpers'

let harness: EmulatorHarness
let stripe: Stripe

// One emulator for the file: balance checks compare before and after, never absolute sums.
beforeAll(async () => {
  harness = await startHarness()
  stripe = harness.stripe
})
afterAll(() => harness.emulator.close())

const TWO_DAYS = 2 * 24 * 60 * 60

function usd(balance: Stripe.Balance, part: 'available' | 'pending') {
  return balance[part].find((b) => b.currency === 'usd')?.amount ?? 0
}

describe('balance', () => {
  it('holds a card charge as pending for two days, then makes it available', async () => {
    const before = await stripe.balance.retrieve()
    const { charge } = await paidCharge(stripe, 3000)
    const txn = await stripe.balanceTransactions.retrieve(charge.balance_transaction as string)
    expect(txn).toMatchObject({ status: 'pending', net: 2883 })
    expect(txn.available_on - txn.created).toBe(TWO_DAYS)
    const pending = await stripe.balance.retrieve()
    expect(usd(pending, 'pending') - usd(before, 'pending')).toBe(2883)
    expect(usd(pending, 'available')).toBe(usd(before, 'available'))

    await advanceClock(harness.emulator, TWO_DAYS)
    expect((await stripe.balanceTransactions.retrieve(txn.id)).status).toBe('available')
    const later = await stripe.balance.retrieve()
    expect(usd(later, 'available') - usd(before, 'available')).toBe(2883)
  })

  it('refuses a transfer beyond the available balance, without source_transaction', async () => {
    const { account } = await onboardedAccount(stripe)
    await paidCharge(stripe, 5000)
    const available = usd(await stripe.balance.retrieve(), 'available')
    const error = await stripe.transfers
      .create({ amount: available + 1, currency: 'usd', destination: account.id })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ statusCode: 400, code: 'balance_insufficient' })
    await advanceClock(harness.emulator, TWO_DAYS)
    const transfer = await stripe.transfers.create({
      amount: available + 1,
      currency: 'usd',
      destination: account.id,
      expand: ['balance_transaction'],
    })
    expect(transfer.balance_transaction).toMatchObject({
      amount: -(available + 1),
      type: 'transfer',
    })
  })

  it('caps a transfer from a charge by what refunds and earlier transfers left', async () => {
    const { account } = await onboardedAccount(stripe)
    const { charge } = await paidCharge(stripe, 3000)
    await stripe.refunds.create({ charge: charge.id, amount: 1000 })
    await stripe.transfers.create({
      amount: 1500,
      currency: 'usd',
      destination: account.id,
      source_transaction: charge.id,
    })
    const tooMuch = await stripe.transfers
      .create({
        amount: 501,
        currency: 'usd',
        destination: account.id,
        source_transaction: charge.id,
      })
      .catch((e: unknown) => e)
    expect(tooMuch).toMatchObject({ statusCode: 400, code: 'balance_insufficient' })
    const exact = await stripe.transfers.create({
      amount: 500,
      currency: 'usd',
      destination: account.id,
      source_transaction: charge.id,
    })
    const reversal = await stripe.transfers.createReversal(exact.id, {
      amount: 200,
      expand: ['balance_transaction'],
    })
    expect(reversal.balance_transaction).toMatchObject({ amount: 200, type: 'transfer_refund' })
    const listed = await stripe.transfers.listReversals(exact.id)
    expect(listed.data.map((r) => r.id)).toEqual([reversal.id])
  })

  it('books every refund as a retrievable balance transaction, fee kept', async () => {
    const { charge } = await paidCharge(stripe, 2000)
    const refund = await stripe.refunds.create({ charge: charge.id, amount: 700 }, {})
    const expanded = await stripe.refunds.retrieve(refund.id, { expand: ['balance_transaction'] })
    expect(expanded.balance_transaction).toMatchObject({ amount: -700, fee: 0, type: 'refund' })
  })
})

describe('refunds', () => {
  it('counts amount_too_large against what remains, then charge_already_refunded', async () => {
    const { charge } = await paidCharge(stripe, 3000)
    await stripe.refunds.create({ charge: charge.id, amount: 2000 })
    const tooLarge = await stripe.refunds
      .create({ charge: charge.id, amount: 1001 })
      .catch((e: unknown) => e)
    expect(tooLarge).toMatchObject({ statusCode: 400, code: 'amount_too_large', param: 'amount' })
    await stripe.refunds.create({ charge: charge.id })
    const again = await stripe.refunds.create({ charge: charge.id }).catch((e: unknown) => e)
    expect(again).toMatchObject({ statusCode: 400, code: 'charge_already_refunded' })
    expect((await stripe.charges.retrieve(charge.id)).amount_refunded).toBe(3000)
  })
})

describe('disputes', () => {
  it('withdraws the amount plus the 15.00 fee when 4000 0000 0000 0259 is disputed', async () => {
    const { charge, session } = await paidCharge(stripe, 3000, '4000000000000259')
    const types = (await listEvents(harness.emulator, session.id)).map((e) => e.type)
    expect(types.slice(-2)).toEqual(['charge.dispute.created', 'charge.dispute.funds_withdrawn'])
    const [dispute] = (await stripe.disputes.list({ charge: charge.id })).data
    expect(dispute).toMatchObject({ status: 'needs_response', amount: 3000 })
    expect(dispute!.balance_transactions).toEqual([
      expect.objectContaining({ amount: -3000, fee: 1500, net: -4500, type: 'adjustment' }),
    ])
    const refused = await stripe.refunds.create({ charge: charge.id }).catch((e: unknown) => e)
    expect(refused).toMatchObject({ statusCode: 400, code: 'charge_disputed' })
  })

  it('takes evidence, and when won reinstates the funds', async () => {
    const { charge } = await paidCharge(stripe, 3000, '4000000000000259')
    const [open] = (await stripe.disputes.list({ charge: charge.id })).data
    const staged = await stripe.disputes.update(open!.id, {
      evidence: { uncategorized_text: 'Delivered, signed for.' },
      submit: false,
    })
    expect(staged).toMatchObject({ status: 'needs_response' })
    expect(staged.evidence_details).toMatchObject({ has_evidence: true, submission_count: 0 })
    const submitted = await stripe.disputes.update(open!.id, { submit: true })
    expect(submitted.status).toBe('under_review')
    expect(submitted.evidence.uncategorized_text).toBe('Delivered, signed for.')
    const closed = await control(harness.emulator, `disputes/${open!.id}/close`, { status: 'won' })
    expect(closed.status).toBe(200)
    const won = await stripe.disputes.retrieve(open!.id)
    expect(won.status).toBe('won')
    expect(won.balance_transactions[1]).toMatchObject({ amount: 3000, net: 4500 })
    const types = (await listEvents(harness.emulator, open!.id)).map((e) => e.type)
    expect(types).toEqual([
      'charge.dispute.created',
      'charge.dispute.funds_withdrawn',
      'charge.dispute.updated',
      'charge.dispute.updated',
      'charge.dispute.closed',
      'charge.dispute.funds_reinstated',
    ])
  })

  it('loses a dispute by control or by accepting it, and then refuses to change it', async () => {
    const { charge } = await paidCharge(stripe, 3000, '4000000000000259')
    const [open] = (await stripe.disputes.list({ charge: charge.id })).data
    const lost = await stripe.disputes.close(open!.id)
    expect(lost.status).toBe('lost')
    expect(lost.balance_transactions).toHaveLength(1)
    const again = await control(harness.emulator, `disputes/${open!.id}/close`, { status: 'won' })
    expect(again.status).toBe(400)
    const update = await stripe.disputes
      .update(open!.id, { evidence: { uncategorized_text: 'late' } })
      .catch((e: unknown) => e)
    expect(update).toMatchObject({ statusCode: 400 })
  })
})
