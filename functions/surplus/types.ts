/**
 * The shapes of the year-end surplus report (spec/surplus.md §7) and of what the board and the
 * members read about it. One definition, used by the computation, the routes, the exports, the
 * charts and the pages. Every amount is integer cents of `currency`.
 */
import type { MemberResult, PoolResult } from './allocation.ts'
import type { SurplusRules } from './rules.ts'

/**
 * Where a year stands: `open` until its last day has passed, `ended` from then until the board
 * approves it (the report is still a live preview), `approved` once it is stored for good.
 * The report's own `status` (§7) is `open` for both of the first two, `approved` after.
 */
export type YearStatus = 'open' | 'ended' | 'approved'

/** The income statement of §2 for one year. */
export interface IncomeLines {
  commission: number
  processing_fees: number
  dispute_losses: number
  other_income: number
  expenses: number
  net_surplus: number
}

/** The report of §7, exactly the JSON the board downloads. */
export interface SurplusReport {
  year: number
  status: 'open' | 'approved'
  currency: string
  period: { start: string; end: string; time_zone: string }
  rules: SurplusRules
  income: IncomeLines
  reserve: number
  distributable: number
  unallocated: number
  pools: PoolResult[]
  /** Ordered by `member_id`; `weights` and `parts` in the order of `pools`. */
  members: MemberResult[]
  approved_at: string | null
  /** The approving board member's account id. */
  approved_by: string | null
}

/** A line of the board's list of years. */
export interface YearSummary {
  year: number
  status: YearStatus
  period: { start: string; end: string; time_zone: string }
  /** Whether the board has set rules for the year (else the defaults of §4 apply). */
  rules_set: boolean
  entries: number
  net_surplus: number
  approved_at: string | null
}

/** An income or expense line the board entered. */
export interface BoardEntry {
  id: string
  year: number
  kind: 'income' | 'expense'
  amount_cents: number
  currency: string
  description: string
  /** The local date in the co-op's time zone, `YYYY-MM-DD`. */
  date: string
  created_by: string
  created_at: string
}

/** A worker's hours for a year, in hundredths of an hour. */
export interface WorkerHours {
  member_id: string
  display_name: string
  hundredths: number
}

/** One member's statement for one year: their line of the report with the year's pools. */
export interface PatronageStatement {
  year: number
  status: 'open' | 'approved'
  currency: string
  period: { start: string; end: string; time_zone: string }
  rules: SurplusRules
  pools: PoolResult[]
  /** The year's income statement and reserve: the start of the statement's plain words. */
  income: IncomeLines
  reserve: number
  /** Null where the member had no patronage in the year. */
  member: MemberResult | null
  approved_at: string | null
}

/** `GET /api/v1/me/patronage`: every approved year, newest first, and this year so far. */
export interface MemberPatronage {
  years: PatronageStatement[]
  /** The current year's live preview under its current rules: an estimate, not a promise. */
  current: PatronageStatement
}
