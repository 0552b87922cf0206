/**
 * The reconciliation's comparison: facts that agree give no mismatch, and each planted
 * difference (an unbooked transfer, a booking Stripe lacks, a wrong amount, an orphan refund, a
 * fee or currency that differs…) is found, and nothing else is.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { compare } from '../../tools/reconcile/compare.ts'
import type { LedgerFact, Mismatch } from '../../tools/reconcile/facts.ts'
import { describe as line, report } from '../../tools/reconcile/report.ts'
import { saleArb, tx, world } from './reconcile-world.ts'

type World = ReturnType<typeof world>
type Plant = (w: World, pick: number) => Pick<Mismatch, 'kind' | 'object' | 'stripeId'> | null

const nth = <T>(items: readonly T[], pick: number): T | undefined =>
  items[pick % Math.max(1, items.length)]
const ofKind = (w: World, kind: string) => w.ledger.transactions.filter((t) => t.kind === kind)
const drop = (w: World, t: LedgerFact) =>
  w.ledger.transactions.splice(w.ledger.transactions.indexOf(t), 1)

/** Each plant changes one fact and says the one mismatch it must cause (null: not applicable). */
const PLANTS: Record<string, Plant> = {
  'transfer the ledger lacks': (w, pick) => {
    const t = nth(ofKind(w, 'seller_transfer'), pick)
    return t ? (drop(w, t), { kind: 'orphan', object: 'transfer', stripeId: t.transfer! }) : null
  },
  'booked transfer Stripe lacks': (w) => {
    w.ledger.transactions.push(tx('ltx_x', 'seller_transfer', 'usd', 700, { transfer: 'tr_ghost' }))
    return { kind: 'missing', object: 'transfer', stripeId: 'tr_ghost' }
  },
  'orphan refund': (w) => {
    w.stripe.refunds.push({
      id: 're_orphan',
      amount: 300,
      currency: 'usd',
      charge: 'ch_0',
      moved: true,
    })
    return { kind: 'orphan', object: 'refund', stripeId: 're_orphan' }
  },
  'orphan charge': (w) => {
    w.stripe.charges.push({
      id: 'ch_orphan',
      amount: 900,
      currency: 'eur',
      succeeded: true,
      balanceTransaction: null,
    })
    return { kind: 'orphan', object: 'charge', stripeId: 'ch_orphan' }
  },
  'wrong amount booked': (w, pick) => {
    const candidates = w.ledger.transactions.filter(
      (t) => t.kind !== 'processing_fee' && !t.kind.startsWith('dispute_'),
    )
    const t = nth(candidates, pick)
    if (!t) return null
    t.amount += 1 + (pick % 50)
    const [object, stripeId] = t.reversal
      ? ['reversal', t.reversal]
      : t.refund
        ? ['refund', t.refund]
        : t.transfer
          ? ['transfer', t.transfer]
          : ['charge', t.charge!]
    return { kind: 'amount', object: object as Mismatch['object'], stripeId }
  },
  'fee differs': (w, pick) => {
    const b = nth(w.stripe.balanceTransactions, pick)
    return b ? ((b.fee += 7), { kind: 'fee', object: 'charge', stripeId: b.source! }) : null
  },
  'currency differs': (w, pick) => {
    const t = nth(ofKind(w, 'sale').concat(ofKind(w, 'share_purchase')), pick)
    return t
      ? ((t.currency = t.currency === 'usd' ? 'eur' : 'usd'),
        { kind: 'currency', object: 'charge', stripeId: t.charge! })
      : null
  },
  'dispute booked, nothing withdrawn': (w, pick) => {
    const d = nth(
      w.stripe.disputes.filter((x) => x.status === 'needs_response'),
      pick,
    )
    return d ? ((d.withdrawn = null), { kind: 'amount', object: 'dispute', stripeId: d.id }) : null
  },
  'dispute withdrawn, not booked': (w, pick) => {
    const d = nth(
      w.stripe.disputes.filter((x) => x.status === 'needs_response'),
      pick,
    )
    const t = d && ofKind(w, 'dispute_opened').find((x) => x.dispute === d.id)
    return d && t ? (drop(w, t), { kind: 'orphan', object: 'dispute', stripeId: d.id }) : null
  },
}

describe('compare', () => {
  it('finds nothing when Stripe and the ledger agree', () => {
    fc.assert(
      fc.property(fc.array(saleArb, { maxLength: 8 }), (sales) => {
        const { stripe, ledger } = world(sales)
        expect(compare(stripe, ledger)).toEqual([])
      }),
    )
  })

  it.each(Object.keys(PLANTS))('finds exactly the planted mismatch: %s', (name) => {
    fc.assert(
      fc.property(fc.array(saleArb, { minLength: 1, maxLength: 8 }), fc.nat(), (sales, pick) => {
        const w = world(sales)
        const expected = PLANTS[name]!(w, pick)
        fc.pre(expected !== null)
        const found = compare(w.stripe, w.ledger)
        expect(found).toHaveLength(1)
        expect(found[0]).toMatchObject(expected!)
      }),
    )
  })

  it('prints one line per mismatch, then a summary', () => {
    const w = world([])
    PLANTS['orphan refund']!(w, 0)
    PLANTS['booked transfer Stripe lacks']!(w, 0)
    const found = compare(w.stripe, w.ledger)
    const text = report(found, 'test')
    expect(text.split('\n')).toEqual([
      ...found.map(line),
      '',
      '2 mismatch(es): 1 orphan, 1 missing (test).',
    ])
    expect(text).toContain('re_orphan')
    expect(report([], 'test')).toMatch(/agree/)
  })
})
