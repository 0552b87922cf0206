/** The shapes of the email contract: which messages exist and what each template needs. */

/** Every email the app sends. */
export type EmailKind =
  | 'confirm_address'
  | 'password_reset'
  | 'email_changed'
  | 'new_sign_in'
  | 'sign_in_locked'
  | 'membership_active'
  | 'application_decided'
  | 'order_paid'
  | 'new_sale'
  | 'order_shipped'
  | 'refund_issued'
  | 'dispute_opened'
  | 'patronage_ready'

/** What each template needs (links are absolute URLs made by the caller with publicOrigin()). */
export interface EmailData {
  confirm_address: { name: string; url: string }
  password_reset: { name: string; url: string }
  email_changed: { name: string; new_email: string }
  new_sign_in: { name: string; client: string; at: string; sessions_url: string }
  sign_in_locked: { name: string; until: string; reset_url: string }
  membership_active: { name: string; account_url: string }
  application_decided: { name: string; approved: boolean; note: string; url: string }
  order_paid: { name: string; order_id: string; total_cents: number; currency: string; url: string }
  new_sale: {
    name: string
    order_id: string
    lines: { title: string; quantity: number }[]
    ship_to: string | null
    url: string
  }
  order_shipped: {
    name: string
    order_id: string
    title: string
    carrier: string
    tracking: string
    url: string
  }
  refund_issued: {
    name: string
    order_id: string
    amount_cents: number
    currency: string
    url: string
  }
  dispute_opened: {
    name: string
    order_id: string
    amount_cents: number
    currency: string
    url: string
  }
  patronage_ready: { name: string; year: number; url: string }
}

/** One email a change asks for. */
export interface EmailToSend<K extends EmailKind = EmailKind> {
  kind: K
  to: string
  accountId: string | null
  data: EmailData[K]
  /** Unique per message: a repeated change never sends twice, e.g. `order_paid:<order>` */
  dedupeKey: string
}

/** The categories a member can switch off. */
export type EmailCategory = 'orders' | 'sales' | 'coop'

/** The optional kinds and their category; every other kind is always sent. */
export const OPTIONAL_KINDS: Partial<Record<EmailKind, EmailCategory>> = {
  order_paid: 'orders',
  order_shipped: 'orders',
  refund_issued: 'orders',
  new_sale: 'sales',
  patronage_ready: 'coop',
}

export const EMAIL_CATEGORIES: readonly EmailCategory[] = ['orders', 'sales', 'coop']
