import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  control,
  createSession,
  listEvents,
  onboardedAccount,
  paidCharge,
  payOnPage,
  startHarness,
  type EmulatorHarness,
} from './stripe-emulator.helpers'
import { shapeProblems, stripeObjectShapes } from './stripe-types'

let harness: EmulatorHarness
let stripe: Stripe
/** Every object the emulator answered with or sent in an event, by its `object` kind. */
const seen = new Map<string, Record<string, unknown>[]>()

function collect(value: unknown): void {
  if (Array.isArray(value)) return value.forEach(collect)
  if (!value || typeof value !== 'object') return
  const record = value as Record<string, unknown>
  if (typeof record.object === 'string') {
    const list = seen.get(record.object) ?? []
    list.push(record)
    seen.set(record.object, list)
  }
  for (const [key, child] of Object.entries(record)) if (key !== 'lastResponse') collect(child)
}

async function served<T>(call: Promise<T>): Promise<T> {
  const result = await call
  collect(result)
  return result
}

/** Exercises every endpoint and flow once, collecting what comes back. */
async function scenario() {
  const { intent, charge, session } = await paidCharge(stripe)
  collect(session)
  await served(stripe.checkout.sessions.retrieve(session.id, { expand: ['line_items'] }))
  await served(stripe.checkout.sessions.listLineItems(session.id))
  const shipped = await served(
    createSession(stripe, {
      shipping_address_collection: { allowed_countries: ['US'] },
      shipping_options: [
        {
          shipping_rate_data: {
            display_name: 'Post',
            type: 'fixed_amount',
            fixed_amount: { amount: 500, currency: 'usd' },
          },
        },
      ],
    }),
  )
  await payOnPage(shipped.url!, '4000000000000002')
  await served(
    stripe.checkout.sessions.retrieve(shipped.id, {
      expand: ['payment_intent.latest_charge', 'shipping_cost.shipping_rate'],
    }),
  )
  await served(stripe.paymentIntents.retrieve(intent.id))
  await served(stripe.balanceTransactions.retrieve(charge.balance_transaction as string))
  await served(stripe.balance.retrieve())
  const refund = await served(stripe.refunds.create({ charge: charge.id, amount: 100 }))
  await served(stripe.refunds.retrieve(refund.id, { expand: ['balance_transaction'] }))
  const disputed = await paidCharge(stripe, 3000, '4000000000000259')
  const [dispute] = (await served(stripe.disputes.list({ charge: disputed.charge.id }))).data
  await served(stripe.disputes.update(dispute!.id, { evidence: { uncategorized_text: 'ok' } }))
  await control(harness.emulator, `disputes/${dispute!.id}/close`, { status: 'won' })
  await served(stripe.disputes.retrieve(dispute!.id))
  const { account, link } = await onboardedAccount(stripe)
  collect(account)
  collect(link)
  await served(stripe.accounts.update(account.id, { metadata: { a: 'b' } }))
  await served(stripe.accounts.createLoginLink(account.id))
  const transfer = await served(
    stripe.transfers.create({
      amount: 500,
      currency: 'usd',
      destination: account.id,
      source_transaction: charge.id,
    }),
  )
  const reversal = await served(
    stripe.transfers.createReversal(transfer.id, { amount: 100, expand: ['balance_transaction'] }),
  )
  await served(stripe.transfers.retrieveReversal(transfer.id, reversal.id))
  await served(stripe.transfers.retrieve(transfer.id, { expand: ['balance_transaction'] }))
  const lists: Promise<unknown>[] = [
    stripe.charges.list(),
    stripe.paymentIntents.list(),
    stripe.refunds.list(),
    stripe.transfers.list(),
    stripe.transfers.listReversals(transfer.id),
    stripe.balanceTransactions.list({ limit: 100 }),
    stripe.disputes.list(),
    stripe.checkout.sessions.list(),
    stripe.accounts.list(),
    stripe.events.list({ limit: 100 }),
  ]
  for (const list of lists) await served(list)
  for (const event of await listEvents(harness.emulator)) collect(JSON.parse(event.payload))
}

beforeAll(async () => {
  harness = await startHarness()
  stripe = harness.stripe
  await scenario()
}, 30_000)
afterAll(() => harness.emulator.close())

describe('object shapes against the stripe package’s own types', () => {
  const shapes = stripeObjectShapes()

  it('finds the interfaces in node_modules/stripe', () => {
    expect(shapes.get('charge')?.interfaceName).toBe('Charge')
    expect(shapes.get('checkout.session')?.interfaceName).toBe('Session')
    expect(shapes.get('charge')?.required.map((f) => f.name)).toContain('amount_refunded')
  })

  it('saw every kind the brief names', () => {
    const kinds = ['checkout.session', 'payment_intent', 'charge', 'balance_transaction', 'refund']
    kinds.push('transfer', 'transfer_reversal', 'account', 'account_link', 'event', 'dispute')
    kinds.push('balance', 'login_link', 'item', 'price', 'shipping_rate')
    for (const kind of kinds) expect(seen.has(kind), kind).toBe(true)
  })

  it('checks every kind the emulator stores or answers with (a new kind needs a scenario)', async () => {
    const response = await fetch(`${harness.emulator.url}/_emulator/kinds`)
    const stored = ((await response.json()) as { data: string[] }).data
    for (const kind of stored) expect(seen.has(kind), `no ${kind} was checked`).toBe(true)
    for (const kind of seen.keys()) {
      if (kind === 'list') continue
      expect(shapes.has(kind), `the stripe package declares no interface for ${kind}`).toBe(true)
    }
  })

  it('gives every object each field its interface always has, null only where allowed', () => {
    const problems: string[] = []
    for (const [kind, objects] of seen) {
      const shape = shapes.get(kind)
      if (!shape) continue
      for (const object of objects)
        for (const problem of shapeProblems(object, shape))
          problems.push(`${kind} ${String(object.id ?? '')}: ${problem}`)
    }
    expect([...new Set(problems)]).toEqual([])
  })

  it('answers lists in Stripe’s shape', () => {
    for (const list of seen.get('list') ?? []) {
      expect(Object.keys(list).sort()).toEqual(
        expect.arrayContaining(['data', 'has_more', 'object', 'url']),
      )
    }
  })
})
