-- The ledger, closed by the database: a chart of accounts that every entry references, a
-- currency on every entry, the known kinds, each transaction's source and Stripe objects, and a
-- guard row that seals the transaction. SQLite cannot add foreign keys with ALTER, so the ledger
-- tables (and the share register, which references them and gains redemptions) are rebuilt:
-- create new, copy, drop old (children first, so no reference dangles), rename, then recreate
-- the indexes and triggers. Existing rows are only share purchases and duplicate-share fees.

-- The chart of accounts. Member-scoped codes carry the member's id after a colon
-- (`member_capital:<account id>`); an account holds one currency.
CREATE TABLE ledger_accounts (
  code TEXT PRIMARY KEY,
  type TEXT NOT NULL CHECK (type IN ('asset', 'liability', 'equity', 'income', 'expense')),
  member_id TEXT REFERENCES accounts (id),
  currency TEXT NOT NULL CHECK (length(currency) = 3 AND currency = lower(currency)),
  created_at TEXT NOT NULL,
  UNIQUE (code, currency),
  CHECK (
    (instr(code, ':') = 0 AND member_id IS NULL)
    OR (instr(code, ':') > 0 AND member_id = substr(code, instr(code, ':') + 1))
  )
);
CREATE INDEX ledger_accounts_by_member ON ledger_accounts (member_id) WHERE member_id IS NOT NULL;

CREATE TABLE ledger_transactions_new (
  -- Every transaction must have its guard row by the end of the batch that writes it (deferred).
  id TEXT PRIMARY KEY REFERENCES ledger_balance_checks_new (transaction_id)
    DEFERRABLE INITIALLY DEFERRED,
  kind TEXT NOT NULL CHECK (kind IN (
    'share_purchase', 'share_redemption', 'sale', 'processing_fee', 'seller_transfer', 'refund',
    'transfer_reversal', 'commission_returned', 'dispute_opened', 'dispute_lost', 'dispute_won',
    'board_income', 'board_expense', 'patronage_allocation', 'reserve'
  )),
  currency TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  -- Unique per business event (`share:<checkout session>`, `fee:<balance transaction>`).
  reference TEXT NOT NULL UNIQUE,
  memo TEXT NOT NULL DEFAULT '',
  source_type TEXT NOT NULL CHECK (source_type IN (
    'share', 'order', 'order_line', 'refund', 'dispute', 'board_entry', 'allocation'
  )),
  source_id TEXT NOT NULL,
  stripe_payment_intent_id TEXT,
  stripe_charge_id TEXT,
  stripe_transfer_id TEXT,
  stripe_reversal_id TEXT,
  stripe_refund_id TEXT,
  stripe_dispute_id TEXT,
  stripe_balance_transaction_id TEXT,
  UNIQUE (id, currency)
);

CREATE TABLE ledger_entries_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  transaction_id TEXT NOT NULL,
  account TEXT NOT NULL,
  currency TEXT NOT NULL,
  debit_cents INTEGER NOT NULL DEFAULT 0 CHECK (debit_cents >= 0),
  credit_cents INTEGER NOT NULL DEFAULT 0 CHECK (credit_cents >= 0),
  CHECK ((debit_cents > 0) <> (credit_cents > 0)),
  -- One currency per transaction, and the account's own currency: Σ per currency = Σ overall.
  FOREIGN KEY (transaction_id, currency) REFERENCES ledger_transactions_new (id, currency),
  FOREIGN KEY (account, currency) REFERENCES ledger_accounts (code, currency)
);

CREATE TABLE ledger_balance_checks_new (
  transaction_id TEXT PRIMARY KEY REFERENCES ledger_transactions_new (id),
  entries INTEGER NOT NULL CHECK (entries >= 2),
  imbalance_cents INTEGER NOT NULL CHECK (imbalance_cents = 0)
);

CREATE TABLE member_shares_new (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  currency TEXT NOT NULL,
  checkout_session_id TEXT NOT NULL UNIQUE REFERENCES checkout_sessions (id),
  payment_intent_id TEXT,
  ledger_transaction_id TEXT NOT NULL REFERENCES ledger_transactions_new (id),
  issued_at TEXT NOT NULL,
  -- Set when the member withdraws: the share moves to a redemption payable (repaid outside).
  redeemed_at TEXT,
  redemption_ledger_transaction_id TEXT UNIQUE REFERENCES ledger_transactions_new (id),
  CHECK ((redeemed_at IS NULL) = (redemption_ledger_transaction_id IS NULL))
);

INSERT INTO ledger_accounts (code, type, member_id, currency, created_at)
SELECT DISTINCT
  e.account,
  CASE
    WHEN e.account IN ('stripe_clearing', 'bank', 'disputes_pending') THEN 'asset'
    WHEN e.account LIKE 'seller_payable:%' OR e.account LIKE 'share_redemptions_payable:%'
      OR e.account LIKE 'patronage_payable:%' THEN 'liability'
    WHEN e.account LIKE 'member_capital:%' OR e.account LIKE 'retained_patronage:%'
      OR e.account IN ('reserves', 'undistributed_surplus') THEN 'equity'
    WHEN e.account IN ('commission_income', 'other_income') THEN 'income'
    WHEN e.account IN ('processing_fees', 'dispute_losses', 'expenses') THEN 'expense'
  END,
  CASE WHEN instr(e.account, ':') > 0 THEN substr(e.account, instr(e.account, ':') + 1) END,
  t.currency,
  (SELECT min(occurred_at) FROM ledger_transactions)
FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id;

INSERT INTO ledger_transactions_new
  (id, kind, currency, occurred_at, reference, memo, source_type, source_id,
   stripe_payment_intent_id)
SELECT
  t.id,
  CASE t.kind
    WHEN 'member_share' THEN 'share_purchase'
    WHEN 'member_share_duplicate' THEN 'processing_fee'
    ELSE t.kind
  END,
  t.currency,
  t.occurred_at,
  t.reference,
  t.memo,
  'share',
  -- A share's transactions name the share; a refunded duplicate payment never became one, so
  -- it names its checkout session (the one time the reference is read, here in the migration).
  coalesce(
    (SELECT s.id FROM member_shares s WHERE s.ledger_transaction_id = t.id),
    CASE WHEN t.reference LIKE 'share-duplicate:%' THEN substr(t.reference, 17) END,
    t.reference
  ),
  (SELECT s.payment_intent_id FROM member_shares s WHERE s.ledger_transaction_id = t.id)
FROM ledger_transactions t;

INSERT INTO ledger_entries_new (id, transaction_id, account, currency, debit_cents, credit_cents)
SELECT e.id, e.transaction_id, e.account, t.currency, e.debit_cents, e.credit_cents
FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id;

INSERT INTO ledger_balance_checks_new (transaction_id, entries, imbalance_cents)
SELECT transaction_id, entries, imbalance_cents FROM ledger_balance_checks;

INSERT INTO member_shares_new
  (id, account_id, amount_cents, currency, checkout_session_id, payment_intent_id,
   ledger_transaction_id, issued_at)
SELECT id, account_id, amount_cents, currency, checkout_session_id, payment_intent_id,
  ledger_transaction_id, issued_at
FROM member_shares;

DROP TABLE member_shares;
DROP TABLE ledger_balance_checks;
DROP TABLE ledger_entries;
DROP TABLE ledger_transactions;
ALTER TABLE ledger_transactions_new RENAME TO ledger_transactions;
ALTER TABLE ledger_entries_new RENAME TO ledger_entries;
ALTER TABLE ledger_balance_checks_new RENAME TO ledger_balance_checks;
ALTER TABLE member_shares_new RENAME TO member_shares;

-- A year's range (surplus report) reads transactions by date, then their entries.
CREATE INDEX ledger_transactions_by_time ON ledger_transactions (occurred_at, kind);
CREATE INDEX ledger_transactions_by_source ON ledger_transactions (source_type, source_id);
CREATE INDEX ledger_entries_by_account ON ledger_entries (account, transaction_id);
CREATE INDEX ledger_entries_by_transaction ON ledger_entries (transaction_id);

-- At most one unredeemed share per member: a former member may join again with a new share.
CREATE UNIQUE INDEX member_shares_one_unredeemed ON member_shares (account_id)
  WHERE redeemed_at IS NULL;

-- The ledger is append-only: a correction is a new reversing transaction.
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
CREATE TRIGGER ledger_transactions_no_update BEFORE UPDATE ON ledger_transactions
BEGIN SELECT RAISE(ABORT, 'ledger transactions are append-only'); END;
CREATE TRIGGER ledger_transactions_no_delete BEFORE DELETE ON ledger_transactions
BEGIN SELECT RAISE(ABORT, 'ledger transactions are append-only'); END;
CREATE TRIGGER ledger_balance_checks_no_update BEFORE UPDATE ON ledger_balance_checks
BEGIN SELECT RAISE(ABORT, 'ledger balance checks are append-only'); END;
CREATE TRIGGER ledger_balance_checks_no_delete BEFORE DELETE ON ledger_balance_checks
BEGIN SELECT RAISE(ABORT, 'ledger balance checks are append-only'); END;
CREATE TRIGGER ledger_accounts_no_update BEFORE UPDATE ON ledger_accounts
BEGIN SELECT RAISE(ABORT, 'ledger accounts are append-only'); END;
CREATE TRIGGER ledger_accounts_no_delete BEFORE DELETE ON ledger_accounts
BEGIN SELECT RAISE(ABORT, 'ledger accounts are append-only'); END;

-- The guard row seals its transaction: no entry can join a transaction once it is checked.
CREATE TRIGGER ledger_entries_closed BEFORE INSERT ON ledger_entries
WHEN EXISTS (SELECT 1 FROM ledger_balance_checks WHERE transaction_id = NEW.transaction_id)
BEGIN SELECT RAISE(ABORT, 'ledger transaction is closed'); END;

-- The guard's figures must be the entries' own, so a hand-written guard cannot vouch for an
-- unbalanced transaction; its CHECKs then require two entries and a zero imbalance.
CREATE TRIGGER ledger_balance_checks_match BEFORE INSERT ON ledger_balance_checks
WHEN NEW.entries IS NOT
    (SELECT count(*) FROM ledger_entries WHERE transaction_id = NEW.transaction_id)
  OR NEW.imbalance_cents IS NOT
    (SELECT coalesce(sum(debit_cents), 0) - coalesce(sum(credit_cents), 0)
     FROM ledger_entries WHERE transaction_id = NEW.transaction_id)
BEGIN SELECT RAISE(ABORT, 'ledger balance check does not match the entries'); END;

-- A redeemed share stays redeemed: the register only ever moves forward.
CREATE TRIGGER member_shares_redeemed_final BEFORE UPDATE ON member_shares
WHEN OLD.redeemed_at IS NOT NULL
  OR NEW.id IS NOT OLD.id OR NEW.account_id IS NOT OLD.account_id
  OR NEW.amount_cents IS NOT OLD.amount_cents OR NEW.ledger_transaction_id IS NOT OLD.ledger_transaction_id
BEGIN SELECT RAISE(ABORT, 'the share register only records redemptions'); END;
