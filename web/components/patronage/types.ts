/**
 * A member's patronage as the pages show it: the fields of the service's PatronageStatement
 * (functions/surplus/types.ts) that they read. Every amount is integer cents of `currency`;
 * `weights` and `parts` are in the order of `pools`.
 */

/** A basis a pool measures patronage by (spec/surplus.md §3). */
export type Basis = 'sales' | 'purchases' | 'hours' | 'tenure' | 'equal'

/** Who may take part in a pool. */
export type Role = 'member' | 'seller' | 'worker'

/** One pool of the year, as the report has it. */
export type StatementPool = {
  name: string
  role: Role
  basis: Basis
  share_bp: number
  amount: number
  total_weight: number
  members: number
}

/** The member's own line of the year. */
export type StatementMember = {
  member_id: string
  display_name: string
  weights: number[]
  parts: number[]
  allocation: number
  cash: number
  retained: number
  /** Whether the year's total reaches the 1099-PATR threshold. */
  reportable: boolean
}

/** The rules the year was (or is being) computed under. */
export type StatementRules = {
  reserve_bp: number
  cash_bp: number
  min_cash_cents: number
  reportable_cents: number
}

/** One member's statement for one year. */
export type Statement = {
  year: number
  status: 'open' | 'approved'
  currency: string
  period: { start: string; end: string; time_zone: string }
  rules: StatementRules
  pools: StatementPool[]
  member: StatementMember | null
  approved_at: string | null
  /** The year's net surplus and reserve, where the service gives them. */
  income?: { net_surplus: number }
  reserve?: number
}
