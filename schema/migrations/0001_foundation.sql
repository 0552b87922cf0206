-- Fairstall foundation: accounts, sessions, membership, seller applications, Stripe events and
-- the double-entry ledger. Money is always INTEGER minor units; times are ISO 8601 UTC text.

CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 80),
  created_at TEXT NOT NULL,
  -- Membership: 'pending' while a share checkout is open; 'active' once the share is paid.
  membership_status TEXT NOT NULL DEFAULT 'none'
    CHECK (membership_status IN ('none', 'pending', 'active', 'withdrawn')),
  member_since TEXT,
  withdrawn_at TEXT,
  seller_status TEXT NOT NULL DEFAULT 'none'
    CHECK (seller_status IN ('none', 'pending', 'approved', 'rejected')),
  seller_since TEXT,
  stripe_account_id TEXT UNIQUE,
  payouts_ready INTEGER NOT NULL DEFAULT 0 CHECK (payouts_ready IN (0, 1)),
  CHECK (membership_status <> 'active' OR member_since IS NOT NULL)
);

CREATE TABLE account_roles (
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'board', 'worker')),
  granted_at TEXT NOT NULL,
  granted_by TEXT,
  PRIMARY KEY (account_id, role)
);

-- Only the SHA-256 of a session token is stored: a leaked table cannot be replayed as cookies.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_by_account ON sessions (account_id);

-- Fixed-window counters for rate limits (sign-in attempts per address and per email).
CREATE TABLE rate_limits (
  key TEXT PRIMARY KEY,
  window_start INTEGER NOT NULL,
  count INTEGER NOT NULL CHECK (count >= 0)
);

-- Every Checkout Session the app opened, with the amount the server priced. Webhooks are
-- checked against these rows, never against the amounts in the event.
CREATE TABLE checkout_sessions (
  id TEXT PRIMARY KEY,
  purpose TEXT NOT NULL CHECK (purpose IN ('member_share', 'order')),
  account_id TEXT NOT NULL REFERENCES accounts (id),
  order_id TEXT,
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  currency TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'complete', 'expired')),
  url TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  completed_at TEXT
);
CREATE INDEX checkout_sessions_by_account ON checkout_sessions (account_id, purpose, status);

-- The share register: one member share per member, ever (UNIQUE account_id).
CREATE TABLE member_shares (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL UNIQUE REFERENCES accounts (id),
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  currency TEXT NOT NULL,
  checkout_session_id TEXT NOT NULL UNIQUE REFERENCES checkout_sessions (id),
  payment_intent_id TEXT,
  ledger_transaction_id TEXT NOT NULL REFERENCES ledger_transactions (id),
  issued_at TEXT NOT NULL
);

CREATE TABLE seller_applications (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  statement TEXT NOT NULL,
  portfolio_url TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  note TEXT,
  decided_by TEXT REFERENCES accounts (id),
  decided_at TEXT,
  created_at TEXT NOT NULL,
  CHECK ((status = 'pending') = (decided_at IS NULL))
);
-- At most one application waiting per applicant.
CREATE UNIQUE INDEX seller_applications_one_pending
  ON seller_applications (account_id) WHERE status = 'pending';
CREATE INDEX seller_applications_queue ON seller_applications (status, created_at, id);

-- Each Stripe event id is processed at most once: the insert is part of the handler's batch.
CREATE TABLE stripe_events (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  received_at TEXT NOT NULL
);

-- The ledger. A transaction's entries are written in one batch together with a guard row whose
-- CHECK fails unless Σ debits = Σ credits, so an unbalanced transaction aborts the whole batch.
CREATE TABLE ledger_transactions (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  currency TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  reference TEXT NOT NULL UNIQUE,
  memo TEXT NOT NULL DEFAULT ''
);

CREATE TABLE ledger_entries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  transaction_id TEXT NOT NULL REFERENCES ledger_transactions (id),
  account TEXT NOT NULL,
  debit_cents INTEGER NOT NULL DEFAULT 0 CHECK (debit_cents >= 0),
  credit_cents INTEGER NOT NULL DEFAULT 0 CHECK (credit_cents >= 0),
  CHECK ((debit_cents > 0) <> (credit_cents > 0))
);
CREATE INDEX ledger_entries_by_account ON ledger_entries (account, transaction_id);
CREATE INDEX ledger_entries_by_transaction ON ledger_entries (transaction_id);

CREATE TABLE ledger_balance_checks (
  transaction_id TEXT PRIMARY KEY REFERENCES ledger_transactions (id),
  entries INTEGER NOT NULL CHECK (entries >= 2),
  imbalance_cents INTEGER NOT NULL CHECK (imbalance_cents = 0)
);

-- The ledger is append-only: a correction is a new reversing transaction.
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
CREATE TRIGGER ledger_transactions_no_update BEFORE UPDATE ON ledger_transactions
BEGIN SELECT RAISE(ABORT, 'ledger transactions are append-only'); END;
CREATE TRIGGER ledger_transactions_no_delete BEFORE DELETE ON ledger_transactions
BEGIN SELECT RAISE(ABORT, 'ledger transactions are append-only'); END;
