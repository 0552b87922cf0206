/**
 * Kysely table types, one interface per table in schema/migrations. Keep them in step with the
 * SQL: the migrations are the source of truth, these types are how the code reads them.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

export type MembershipStatus = 'none' | 'pending' | 'active' | 'withdrawn'
export type SellerStatus = 'none' | 'pending' | 'approved' | 'rejected'
export type StaffRole = 'admin' | 'board' | 'worker'
export type ApplicationStatus = 'pending' | 'approved' | 'rejected'

export interface AccountsTable {
  id: string
  email: string
  password_hash: string
  display_name: string
  created_at: string
  membership_status: Generated<MembershipStatus>
  member_since: string | null
  withdrawn_at: string | null
  seller_status: Generated<SellerStatus>
  seller_since: string | null
  stripe_account_id: string | null
  payouts_ready: Generated<0 | 1>
  bio: Generated<string>
  /** When the address was confirmed (0013); null until then. */
  email_verified_at: string | null
}
export type AccountRow = Selectable<AccountsTable>
export type NewAccount = Insertable<AccountsTable>
export type AccountUpdate = Updateable<AccountsTable>

export interface AccountRolesTable {
  account_id: string
  role: StaffRole
  granted_at: string
  granted_by: string | null
}

export interface SessionsTable {
  token_hash: string
  /** Public id (0014): what the member's session list and `DELETE /me/sessions/:id` name. */
  id: string
  account_id: string
  csrf_token: string
  created_at: string
  last_seen_at: string
  expires_at: string
  /** A rough "Firefox on Linux" from the User-Agent at sign-in (0014). */
  client: Generated<string>
  /** SHA-256 of the browser's device cookie (0014); null for older sessions. */
  device_hash: string | null
}
export type SessionRow = Selectable<SessionsTable>

export interface RateLimitsTable {
  key: string
  window_start: number
  count: number
}

export interface CheckoutSessionsTable {
  id: string
  purpose: 'member_share' | 'order'
  account_id: string
  order_id: string | null
  amount_cents: number
  currency: string
  status: Generated<'open' | 'complete' | 'expired'>
  url: string
  created_at: string
  expires_at: string
  completed_at: string | null
}
export type CheckoutSessionRow = Selectable<CheckoutSessionsTable>

export interface MemberSharesTable {
  id: string
  account_id: string
  amount_cents: number
  currency: string
  checkout_session_id: string
  payment_intent_id: string | null
  ledger_transaction_id: string
  issued_at: string
  redeemed_at: string | null
  redemption_ledger_transaction_id: string | null
}
export type MemberShareRow = Selectable<MemberSharesTable>

// ---- Membership over time (0004_membership_periods.sql) ----

export interface MembershipPeriodsTable {
  id: string
  account_id: string
  share_id: string
  started_at: string
  ended_at: string | null
  end_reason: 'withdrawal' | null
  withdrawal_request_id: string | null
  ended_by: string | null
  end_note: string | null
}
export type MembershipPeriodRow = Selectable<MembershipPeriodsTable>

export type WithdrawalRequestStatus = 'pending' | 'recorded'

export interface WithdrawalRequestsTable {
  id: string
  account_id: string
  reason: Generated<string>
  status: Generated<WithdrawalRequestStatus>
  created_at: string
  decided_at: string | null
  decided_by: string | null
}
export type WithdrawalRequestRow = Selectable<WithdrawalRequestsTable>

export interface SellerApplicationsTable {
  id: string
  account_id: string
  statement: string
  portfolio_url: string
  status: Generated<ApplicationStatus>
  note: string | null
  decided_by: string | null
  decided_at: string | null
  created_at: string
}
export type SellerApplicationRow = Selectable<SellerApplicationsTable>

export interface StripeEventsTable {
  id: string
  type: string
  received_at: string
}

// ---- The ledger (0003_ledger.sql; the kinds and sources are typed in functions/ledger) ----

export type LedgerAccountType = 'asset' | 'liability' | 'equity' | 'income' | 'expense'

export interface LedgerAccountsTable {
  code: string
  type: LedgerAccountType
  member_id: string | null
  currency: string
  created_at: string
}

export interface LedgerTransactionsTable {
  id: string
  kind: import('../functions/ledger/ledger.ts').LedgerKind
  currency: string
  occurred_at: string
  reference: string
  memo: Generated<string>
  source_type: import('../functions/ledger/ledger.ts').LedgerSourceType
  source_id: string
  stripe_payment_intent_id: string | null
  stripe_charge_id: string | null
  stripe_transfer_id: string | null
  stripe_reversal_id: string | null
  stripe_refund_id: string | null
  stripe_dispute_id: string | null
  stripe_balance_transaction_id: string | null
}

export interface LedgerEntriesTable {
  id: Generated<number>
  transaction_id: string
  account: string
  currency: string
  debit_cents: Generated<number>
  credit_cents: Generated<number>
}

export interface LedgerBalanceChecksTable {
  transaction_id: string
  entries: number
  imbalance_cents: number
}

export type ListingKind = 'physical' | 'digital'
export type ListingStatus = 'draft' | 'published' | 'archived' | 'sold_out'

export interface CategoriesTable {
  slug: string
  name: string
  parent_slug: string | null
  position: number
}

export interface ListingsTable {
  seq: Generated<number>
  id: string
  seller_id: string
  title: Generated<string>
  description: Generated<string>
  price_cents: Generated<number>
  currency: string
  kind: ListingKind
  quantity: number | null
  shipping_cents: Generated<number>
  category_slug: string | null
  category_root: string | null
  /** JSON array of strings. */
  tags: Generated<string>
  status: Generated<ListingStatus>
  featured: Generated<0 | 1>
  cover_image_id: string | null
  cover_thumb_key: string | null
  cover_width: number | null
  cover_height: number | null
  image_count: Generated<number>
  file_key: string | null
  file_name: string | null
  file_bytes: number | null
  created_at: string
  updated_at: string
  published_at: string | null
  pub_seq: number | null
}
export type ListingRow = Selectable<ListingsTable>

export interface ListingImagesTable {
  id: string
  listing_id: string
  position: number
  original_key: string
  thumb_key: string
  large_key: string
  content_type: 'image/jpeg' | 'image/png' | 'image/webp'
  width: number
  height: number
  bytes: number
  created_at: string
}
export type ListingImageRow = Selectable<ListingImagesTable>

// ---- Background jobs (schema/migrations/0005_jobs.sql) ----

/** The kinds of background job; each feature registers the handler of its own kinds. */
export type JobKind =
  | 'share_refund'
  | 'seller_transfer'
  | 'order_refund'
  | 'email'
  /** 0016: writes a year's patronage notices in chunks (functions/notify/patronage.ts). */
  | 'patronage_notices'
export type JobStatus = 'pending' | 'done' | 'dead'

export interface JobsTable {
  id: string
  kind: JobKind
  /** JSON object: the job's input, read by its handler. */
  payload: string
  dedupe_key: string
  status: Generated<JobStatus>
  attempts: Generated<number>
  last_error: string | null
  run_after: string
  created_at: string
  updated_at: string
}
export type JobRow = Selectable<JobsTable>

// ---- end of background jobs ----

// ---- Stock holds (schema/migrations/0006_stock.sql) ----

/** A hold is `held` until it is settled once: `released` (units back) or `sold`. */
export type StockHoldStatus = 'held' | 'released' | 'sold'

export interface StockHoldsTable {
  id: string
  listing_id: string
  /** The order line the units are held for. */
  holder: string
  quantity: number
  status: Generated<StockHoldStatus>
  created_at: string
  settled_at: string | null
}
export type StockHoldRow = Selectable<StockHoldsTable>

// ---- end of stock holds ----

// ---- Cart (schema/migrations/0008_cart.sql) ----

export interface CartItemsTable {
  member_id: string
  listing_id: string
  /** 1..100; the price is never stored, it is read from the listing. */
  quantity: number
  added_at: string
  updated_at: string
}
export type CartItemRow = Selectable<CartItemsTable>

// ---- end of cart ----

// ---- Orders (schema/migrations/0007_orders.sql) ----

export type OrderStatus =
  'pending' | 'paid' | 'cancelled' | 'refunded' | 'partially_refunded' | 'disputed'

export interface OrdersTable {
  id: string
  buyer_id: string
  status: Generated<OrderStatus>
  currency: string
  subtotal_cents: number
  shipping_cents: number
  total_cents: number
  commission_cents: number
  /** JSON: the ship-to address (the buyer's, then the one Checkout collected). */
  shipping_address: string | null
  stripe_checkout_session_id: string | null
  checkout_url: string | null
  stripe_payment_intent_id: string | null
  stripe_charge_id: string | null
  created_at: string
  updated_at: string
  paid_at: string | null
  cancelled_at: string | null
}
export type OrderRow = Selectable<OrdersTable>

export interface OrderItemsTable {
  id: string
  order_id: string
  listing_id: string
  seller_id: string
  position: number
  title: string
  kind: ListingKind
  quantity: number
  unit_price_cents: number
  shipping_cents: number
  subtotal_cents: number
  commission_cents: number
  refunded_cents: Generated<number>
  /** Shipping with tracking (0016_shipping_audit.sql): set together, once, by the seller. */
  shipped_at: Generated<string | null>
  carrier: Generated<string | null>
  tracking_number: Generated<string | null>
}
export type OrderItemRow = Selectable<OrderItemsTable>

// ---- end of orders ----

// ---- Disputes (schema/migrations/0010_disputes.sql) ----

/** Stripe's statuses of a Dispute. */
export type DisputeStatus =
  | 'warning_needs_response'
  | 'warning_under_review'
  | 'warning_closed'
  | 'needs_response'
  | 'under_review'
  | 'won'
  | 'lost'
  | 'prevented'

export interface DisputesTable {
  id: string
  order_id: string
  stripe_dispute_id: string
  stripe_charge_id: string
  currency: string
  amount_cents: number
  /** Stripe's dispute fee, once the funds are withdrawn (0 before). */
  fee_cents: Generated<number>
  status: DisputeStatus
  reason: string
  evidence_due_by: string | null
  opened_at: string
  funds_withdrawn_at: string | null
  closed_at: string | null
  created_at: string
  updated_at: string
}
export type DisputeRow = Selectable<DisputesTable>

// ---- end of disputes ----

// ---- Refunds (schema/migrations/0009_refunds.sql) ----

export type RefundStatus = 'pending' | 'succeeded'

export interface RefundsTable {
  id: string
  order_id: string
  order_item_id: string
  seller_id: string
  requested_by: string
  amount_cents: number
  line_refunded_before_cents: number
  commission_returned_cents: number
  currency: string
  reason: string
  status: Generated<RefundStatus>
  stripe_refund_id: string | null
  stripe_reversal_id: string | null
  created_at: string
  updated_at: string
  refunded_at: string | null
}
export type RefundRow = Selectable<RefundsTable>

// ---- end of refunds ----

// ---- Surplus (schema/migrations/0011_surplus.sql) ----

export interface SurplusRulesTable {
  year: number
  /** The rules of spec/surplus.md §4 as JSON. */
  rules: string
  updated_by: string
  updated_at: string
}

export interface SurplusEntriesTable {
  id: string
  year: number
  kind: 'income' | 'expense'
  amount_cents: number
  currency: string
  description: string
  /** Local date `YYYY-MM-DD` in the co-op's time zone. */
  entry_date: string
  ledger_transaction_id: string
  created_by: string
  created_at: string
}

export interface SurplusHoursTable {
  year: number
  member_id: string
  hundredths: number
  updated_by: string
  updated_at: string
}

export interface SurplusApprovalsTable {
  year: number
  currency: string
  approved_by: string
  approved_at: string
  /** The approved report (§7) as JSON, without its members. */
  report: string
  member_count: number
}

export interface SurplusStatementsTable {
  year: number
  member_id: string
  display_name: string
  /** JSON arrays in the order of the year's pools. */
  weights: string
  parts: string
  allocation: number
  cash: number
  retained: number
  reportable: number
}

// ---- end of surplus ----

/** The whole database, as Kysely sees it. */
// ---- email (0012, functions/email) ----

export type EmailStatus = 'queued' | 'sent' | 'failed'

export interface EmailsTable {
  id: string
  /** An EmailKind of functions/email/types.ts. */
  kind: string
  to_address: string
  account_id: string | null
  subject: string
  text_body: string
  html_body: string
  dedupe_key: string
  /** SHA-256 hex of the message's unsubscribe token; null for kinds that are always sent. */
  unsubscribe_token_hash: string | null
  status: Generated<EmailStatus>
  /** The RFC 5322 message handed to the send_email binding, built when the row is written. */
  raw_mime: string
  created_at: string
  sent_at: string | null
}
export type EmailRow = Selectable<EmailsTable>

export interface EmailPreferencesTable {
  account_id: string
  category: 'orders' | 'sales' | 'coop'
  /** 0 or 1; no row means on. */
  enabled: number
  updated_at: string
}

// ---- end of email ----

// ---- account tokens (0013, functions/account-tokens) ----

export type AccountTokenPurpose = 'verify_email' | 'reset_password' | 'change_email'

export interface AccountTokensTable {
  id: string
  account_id: string
  purpose: AccountTokenPurpose
  /** SHA-256 hex of the token in the emailed link. */
  token_hash: string
  /** The address a change_email token moves the account to. */
  new_email: string | null
  created_at: string
  expires_at: string
  used_at: string | null
}
export type AccountTokenRow = Selectable<AccountTokensTable>

// ---- end of account tokens ----

// ---- Audit log (schema/migrations/0016_shipping_audit.sql) ----

/** What an admin did, as audit_log names it. */
export type AuditAction =
  | 'role_granted'
  | 'role_revoked'
  | 'application_approved'
  | 'application_rejected'
  | 'withdrawal_recorded'
  | 'refund_requested'

export interface AuditLogTable {
  id: string
  at: string
  actor_id: string
  action: AuditAction
  subject_type: 'account' | 'application' | 'refund'
  subject_id: string
  /** JSON object: what the action changed, in the action's own terms. */
  details: Generated<string>
}
export type AuditLogRow = Selectable<AuditLogTable>

// ---- end of audit log ----

export interface Database {
  accounts: AccountsTable
  account_tokens: AccountTokensTable
  account_roles: AccountRolesTable
  sessions: SessionsTable
  account_devices: AccountDevicesTable
  rate_limits: RateLimitsTable
  checkout_sessions: CheckoutSessionsTable
  member_shares: MemberSharesTable
  membership_periods: MembershipPeriodsTable
  withdrawal_requests: WithdrawalRequestsTable
  seller_applications: SellerApplicationsTable
  stripe_events: StripeEventsTable
  ledger_accounts: LedgerAccountsTable
  ledger_transactions: LedgerTransactionsTable
  ledger_entries: LedgerEntriesTable
  ledger_balance_checks: LedgerBalanceChecksTable
  categories: CategoriesTable
  listings: ListingsTable
  listing_images: ListingImagesTable
  stock_holds: StockHoldsTable
  jobs: JobsTable
  emails: EmailsTable
  email_preferences: EmailPreferencesTable
  cart_items: CartItemsTable
  orders: OrdersTable
  order_items: OrderItemsTable
  refunds: RefundsTable
  disputes: DisputesTable
  surplus_rules: SurplusRulesTable
  surplus_entries: SurplusEntriesTable
  surplus_hours: SurplusHoursTable
  surplus_approvals: SurplusApprovalsTable
  surplus_statements: SurplusStatementsTable
  audit_log: AuditLogTable
}

/** A Kysely instance over the whole database (the Worker's, or the tools' compile-only one). */
export type DB = import('kysely').Kysely<Database>

// ---- Profiles (issue 10, migration 0015): columns 0015 adds to accounts ----
// Declaration merging adds them to AccountsTable above, so this section stays apart from the
// columns other migrations add.
export interface AccountsTable {
  /** Where the member is, as they write it; '' when they have not said. */
  location: Generated<string>
  /** The public square WebP avatar (served by /media/), or NULL. */
  avatar_key: string | null
  /** The uploaded original, kept private in R2. */
  avatar_original_key: string | null
  avatar_width: number | null
  avatar_height: number | null
}
// ---- end of profiles ----

// ── Sessions and devices (issue 10, migration 0014) ──────────────────────────────────────

/** A device an account has signed up or in from, by the hash of its device cookie. */
export interface AccountDevicesTable {
  account_id: string
  device_hash: string
  first_seen_at: string
}
