/**
 * Worlds for the reconciliation's property tests: random sales (share purchases, transfers,
 * reversals, refunds, disputes) and the facts Stripe and the ledger hold of them, in agreement.
 */
import fc from 'fast-check'

import type { LedgerFact, LedgerFacts, StripeFacts } from '../../tools/reconcile/facts.ts'

export interface Sale {
  amount: number
  fee: number
  currency: 'usd' | 'eur'
  share: boolean
  transfer: number | null
  reversal: number | null
  refund: number | null
  dispute: { fee: number; status: 'needs_response' | 'won' | 'lost' } | null
}

export const saleArb: fc.Arbitrary<Sale> = fc
  .record({
    amount: fc.integer({ min: 100, max: 100_000 }),
    currency: fc.constantFrom('usd' as const, 'eur' as const),
    share: fc.boolean(),
    parts: fc.array(fc.integer({ min: 1, max: 99 }), { minLength: 4, maxLength: 4 }),
    has: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    status: fc.constantFrom('needs_response' as const, 'won' as const, 'lost' as const),
  })
  .map(({ amount, currency, share, parts, has, status }) => {
    const [f = 1, t = 1, r = 1, d = 1] = parts
    const transfer = has[0] && !share ? Math.max(1, Math.floor((amount * t) / 100)) : null
    return {
      amount,
      fee: Math.floor((amount * f) / 1000),
      currency,
      share,
      transfer,
      reversal: transfer && has[1] ? Math.max(1, Math.floor((transfer * r) / 100)) : null,
      refund: has[2] ? Math.max(1, Math.floor((amount * r) / 100)) : null,
      dispute: has[3] ? { fee: d * 10, status } : null,
    }
  })

export const tx = (
  id: string,
  kind: string,
  currency: string,
  amount: number,
  refs: Partial<LedgerFact>,
) =>
  ({
    id,
    kind,
    currency,
    amount,
    charge: null,
    transfer: null,
    reversal: null,
    refund: null,
    dispute: null,
    balanceTransaction: null,
    ...refs,
  }) satisfies LedgerFact

/** Stripe's and the ledger's facts of the same sales, as the app books them: in agreement. */
export function world(sales: readonly Sale[]): { stripe: StripeFacts; ledger: LedgerFacts } {
  const stripe: StripeFacts = {
    charges: [],
    transfers: [],
    refunds: [],
    disputes: [],
    balanceTransactions: [],
  }
  const txs: LedgerFact[] = []
  sales.forEach((s, i) => {
    const [ch, bt, c] = [`ch_${i}`, `txn_${i}`, s.currency]
    stripe.charges.push({
      id: ch,
      amount: s.amount,
      currency: c,
      succeeded: true,
      balanceTransaction: bt,
    })
    stripe.balanceTransactions.push({
      id: bt,
      amount: s.amount,
      fee: s.fee,
      currency: c,
      source: ch,
      type: 'charge',
    })
    txs.push(tx(`ltx_sale_${i}`, s.share ? 'share_purchase' : 'sale', c, s.amount, { charge: ch }))
    if (s.fee > 0)
      txs.push(
        tx(`ltx_fee_${i}`, 'processing_fee', c, s.fee, { charge: ch, balanceTransaction: bt }),
      )
    if (s.transfer) {
      const reversals = s.reversal ? [{ id: `trr_${i}`, amount: s.reversal }] : []
      stripe.transfers.push({
        id: `tr_${i}`,
        amount: s.transfer,
        currency: c,
        charge: ch,
        reversals,
      })
      txs.push(
        tx(`ltx_tr_${i}`, 'seller_transfer', c, s.transfer, { charge: ch, transfer: `tr_${i}` }),
      )
      if (s.reversal)
        txs.push(
          tx(`ltx_trr_${i}`, 'transfer_reversal', c, s.reversal, {
            transfer: `tr_${i}`,
            reversal: `trr_${i}`,
          }),
        )
    }
    if (s.refund) {
      stripe.refunds.push({ id: `re_${i}`, amount: s.refund, currency: c, charge: ch, moved: true })
      txs.push(tx(`ltx_re_${i}`, 'refund', c, s.refund, { charge: ch, refund: `re_${i}` }))
    }
    if (s.dispute) {
      const withdrawn = s.amount + s.dispute.fee
      const { status } = s.dispute
      stripe.disputes.push({ id: `dp_${i}`, currency: c, charge: ch, status, withdrawn })
      txs.push(
        tx(`ltx_dpo_${i}`, 'dispute_opened', c, withdrawn, { charge: ch, dispute: `dp_${i}` }),
      )
      if (status !== 'needs_response')
        txs.push(tx(`ltx_dpc_${i}`, `dispute_${status}`, c, withdrawn, { dispute: `dp_${i}` }))
    }
  })
  // A declined card moved nothing: neither side has money for it.
  stripe.charges.push({
    id: 'ch_failed',
    amount: 500,
    currency: 'usd',
    succeeded: false,
    balanceTransaction: null,
  })
  return { stripe, ledger: { transactions: txs } }
}
