import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import type Stripe from 'stripe'
import { beforeAll, describe, expect, it } from 'vitest'

import { InvalidBooking } from '../../functions/ledger/build.ts'
import * as coop from '../../functions/ledger/builders-coop.ts'
import * as sales from '../../functions/ledger/builders-sales.ts'
import { incomeStatement } from '../../functions/ledger/income.ts'
import { creditOf, debitOf } from '../../functions/ledger/ledger.ts'
import { recordTransaction } from '../../functions/ledger/repository.ts'
import { BalanceTransactionPending, paymentFacts } from '../../functions/ledger/stripe-fee.ts'
import { newId } from '../../functions/lib/crypto.ts'
import { atomically, database } from '../../functions/lib/db.ts'
import { signUp } from './helpers.ts'
import { applyDeltas, expectedDeltas, ledgerEvent, transactionOf } from './ledger-events.ts'

const db = database(env.DB)
let members: string[] = ['m1', 'm2', 'm3']

beforeAll(async () => {
  members = [(await signUp()).id, (await signUp()).id, (await signUp()).id]
})

const meta = { id: 'ltx_x', currency: 'usd', occurredAt: '2026-01-01T00:00:00.000Z' }

async function ledgerBalances() {
  const { results } = await env.DB.prepare(
    `SELECT account, sum(debit_cents) - sum(credit_cents) AS balance FROM ledger_entries
     GROUP BY account HAVING balance <> 0`,
  ).all<{ account: string; balance: number }>()
  return new Map(results.map((r) => [r.account, r.balance]))
}

describe('the ledger builders', () => {
  it('balance, post only positive amounts, and do what a bookkeeper expects', () => {
    fc.assert(
      fc.property(ledgerEvent(members), (event) => {
        const tx = transactionOf(event)
        const debits = tx.postings.reduce((s, p) => s + debitOf(p), 0)
        const credits = tx.postings.reduce((s, p) => s + creditOf(p), 0)
        expect(debits).toBe(credits)
        for (const p of tx.postings) expect(debitOf(p) + creditOf(p)).toBeGreaterThan(0)
        const got = new Map<string, number>()
        applyDeltas(
          got,
          tx.postings.map((p) => [p.account, debitOf(p) - creditOf(p)]),
        )
        const want = new Map<string, number>()
        applyDeltas(want, expectedDeltas(event))
        expect(got).toEqual(want)
      }),
      { numRuns: 500 },
    )
  })

  it('refuse amounts they cannot book, rather than write a zero or negative posting', () => {
    const line = { orderLineId: 'l', sellerId: 'm', subtotal: 100, shipping: 0, commission: 0 }
    expect(() => sales.sale(meta, { orderId: 'o', lines: [{ ...line, commission: 101 }] })).toThrow(
      InvalidBooking,
    )
    expect(() => sales.sale(meta, { orderId: 'o', lines: [{ ...line, subtotal: -5 }] })).toThrow(
      InvalidBooking,
    )
    expect(() => sales.sale(meta, { orderId: 'o', lines: [{ ...line, subtotal: 0.5 }] })).toThrow(
      InvalidBooking,
    )
    expect(coop.reserve(meta, { year: 2026, amount: 0 })).toBeNull()
  })

  it('neither make nor lose money across any sequence written to the database', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(ledgerEvent(members), { minLength: 1, maxLength: 12 }),
        async (events) => {
          const model = await ledgerBalances()
          for (const event of events) {
            await atomically(env.DB, recordTransaction(db, transactionOf(event)))
            applyDeltas(model, expectedDeltas(event))
          }
          const balances = await ledgerBalances()
          expect(balances).toEqual(model)
          expect([...balances.values()].reduce((s, b) => s + b, 0)).toBe(0)
        },
      ),
      { numRuns: 25 },
    )
  })
})

describe('the income statement', () => {
  it('is the ledger summed by SQL over the year: commission net of returns, fees, losses, board lines', async () => {
    const [seller] = members as [string]
    const at = (occurredAt: string) => ({ ...meta, id: newId('ltx'), occurredAt })
    const inYear = '2031-05-01T00:00:00.000Z'
    const txs = [
      sales.sale(at(inYear), {
        orderId: newId('o'),
        lines: [
          {
            orderLineId: 'l1',
            sellerId: seller,
            subtotal: 10_000,
            shipping: 500,
            commission: 1_000,
          },
        ],
      }),
      coop.processingFee(at(inYear), {
        fee: 330,
        balanceTransactionId: newId('txn'),
        source: { type: 'order', id: 'o' },
      }),
      sales.commissionReturned(at(inYear), { refundId: newId('r'), sellerId: seller, amount: 200 }),
      sales.disputeLost(at(inYear), { disputeId: newId('dp'), amount: 400, fee: 1_500 }),
      coop.boardIncome(at(inYear), { entryId: newId('be'), amount: 5_000 }),
      coop.boardExpense(at(inYear), { entryId: newId('be'), amount: 2_000 }),
      // Another year, and a share (capital, never income): neither counts.
      coop.boardIncome(at('2032-01-01T00:00:00.000Z'), { entryId: newId('be'), amount: 9_999 }),
      coop.sharePurchase(at(inYear), {
        shareId: newId('s'),
        memberId: seller,
        amount: 1_000,
        checkoutSessionId: newId('cs'),
      }),
    ]
    for (const tx of txs) await atomically(env.DB, recordTransaction(db, tx))
    expect(await incomeStatement(db, 'usd', '2031-01-01', '2032-01-01')).toEqual({
      commission: 800,
      processing_fees: 330,
      dispute_losses: 1_900,
      other_income: 5_000,
      expenses: 2_000,
      net_surplus: 800 - 330 - 1_900 + 5_000 - 2_000,
    })
  })
})

describe('the facts a fee is booked from', () => {
  const stripeWith = (latest_charge: unknown) =>
    ({ paymentIntents: { retrieve: async () => ({ latest_charge }) } }) as unknown as Stripe

  it('date the fee by Stripe’s balance transaction, not by the clock', async () => {
    const facts = await paymentFacts(
      stripeWith({
        id: 'ch_1',
        created: 1_700_000_000,
        balance_transaction: { id: 'txn_1', fee: 59, created: 1_700_000_100 },
      }),
      'pi_1',
    )
    expect(facts).toMatchObject({ fee: 59, balanceTransactionId: 'txn_1', chargeId: 'ch_1' })
    expect(facts.feeAt).toBe(new Date(1_700_000_100_000).toISOString())
  })

  it('throw "retry later" while the charge or its balance transaction is missing, never a fee of 0', async () => {
    for (const charge of [null, 'ch_1', { id: 'ch_1', created: 1, balance_transaction: null }]) {
      await expect(paymentFacts(stripeWith(charge), 'pi_1')).rejects.toThrow(
        BalanceTransactionPending,
      )
    }
  })
})
