/**
 * The chart of accounts: every code the ledger may post to, and its type. Member-scoped codes
 * carry the member's account id after a colon. See ./README.md for what each one holds.
 */
import type { LedgerAccountType } from '../../schema/tables.ts'

/** Ledger account codes. */
export const LedgerAccount = {
  /** Money held at Stripe for the platform (charges in, fees, transfers and refunds out). */
  stripeClearing: 'stripe_clearing',
  /** Money held outside Stripe (the co-op's bank): board entries are paid from and into it. */
  bank: 'bank',
  /** Funds Stripe withdrew for an open dispute, until it is won or lost. */
  disputesPending: 'disputes_pending',
  commissionIncome: 'commission_income',
  otherIncome: 'other_income',
  processingFees: 'processing_fees',
  disputeLosses: 'dispute_losses',
  expenses: 'expenses',
  reserves: 'reserves',
  /** The year's net surplus once closed, until it is allocated or reserved. */
  undistributedSurplus: 'undistributed_surplus',
  sellerPayable: (memberId: string) => `seller_payable:${memberId}`,
  memberCapital: (memberId: string) => `member_capital:${memberId}`,
  shareRedemptionsPayable: (memberId: string) => `share_redemptions_payable:${memberId}`,
  patronagePayable: (memberId: string) => `patronage_payable:${memberId}`,
  retainedPatronage: (memberId: string) => `retained_patronage:${memberId}`,
} as const

const FIXED: Record<string, LedgerAccountType> = {
  stripe_clearing: 'asset',
  bank: 'asset',
  disputes_pending: 'asset',
  commission_income: 'income',
  other_income: 'income',
  processing_fees: 'expense',
  dispute_losses: 'expense',
  expenses: 'expense',
  reserves: 'equity',
  undistributed_surplus: 'equity',
}

const MEMBER_SCOPED: Record<string, LedgerAccountType> = {
  seller_payable: 'liability',
  share_redemptions_payable: 'liability',
  patronage_payable: 'liability',
  member_capital: 'equity',
  retained_patronage: 'equity',
}

/** An account as the ledger_accounts table holds it (without its currency). */
export interface AccountSpec {
  code: string
  type: LedgerAccountType
  memberId: string | null
}

/** Thrown for an account code outside the chart: a programming error, never client input. */
export class UnknownLedgerAccount extends Error {
  override name = 'UnknownLedgerAccount'
}

/** The type and member of an account code, or {@link UnknownLedgerAccount}. */
export function accountSpec(code: string): AccountSpec {
  const fixed = FIXED[code]
  if (fixed) return { code, type: fixed, memberId: null }
  const colon = code.indexOf(':')
  const type = colon > 0 ? MEMBER_SCOPED[code.slice(0, colon)] : undefined
  const memberId = code.slice(colon + 1)
  if (!type || memberId === '') throw new UnknownLedgerAccount(`not in the chart: ${code}`)
  return { code, type, memberId }
}
