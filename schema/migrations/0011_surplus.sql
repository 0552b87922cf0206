-- The year-end surplus (spec/surplus.md): the board's rules, entries and workers' hours for each
-- fiscal year, and the approved report stored for good (a header row per year and one row per
-- member line, so no row nears D1's 2 MB limit). Once a year is approved its rules, entries and
-- hours can no longer change, and the stored report itself never changes.

CREATE TABLE surplus_rules (
  year INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  -- The rules of §4 as JSON, validated by functions/surplus/rules.ts before they are written.
  rules TEXT NOT NULL CHECK (json_valid(rules)),
  updated_by TEXT NOT NULL REFERENCES accounts (id),
  updated_at TEXT NOT NULL
);

CREATE TABLE surplus_entries (
  id TEXT PRIMARY KEY,
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  kind TEXT NOT NULL CHECK (kind IN ('income', 'expense')),
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  currency TEXT NOT NULL CHECK (length(currency) = 3 AND currency = lower(currency)),
  description TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 200),
  -- The local date in the co-op's time zone; the ledger books it at that day's first instant.
  entry_date TEXT NOT NULL CHECK (entry_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  ledger_transaction_id TEXT NOT NULL UNIQUE REFERENCES ledger_transactions (id),
  created_by TEXT NOT NULL REFERENCES accounts (id),
  created_at TEXT NOT NULL
);
CREATE INDEX surplus_entries_by_year ON surplus_entries (year, entry_date);

CREATE TABLE surplus_hours (
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  member_id TEXT NOT NULL REFERENCES accounts (id),
  -- Hundredths of an hour: 12.5 hours is 1250.
  hundredths INTEGER NOT NULL CHECK (hundredths >= 0),
  updated_by TEXT NOT NULL REFERENCES accounts (id),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (year, member_id)
);

CREATE TABLE surplus_approvals (
  -- One approval per year: a second approval of the same year fails the whole batch.
  year INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  currency TEXT NOT NULL CHECK (length(currency) = 3 AND currency = lower(currency)),
  approved_by TEXT NOT NULL REFERENCES accounts (id),
  approved_at TEXT NOT NULL,
  -- The report of §7 as approved, without its members (they are the rows of surplus_statements).
  report TEXT NOT NULL CHECK (json_valid(report)),
  member_count INTEGER NOT NULL CHECK (member_count >= 0)
);

CREATE TABLE surplus_statements (
  year INTEGER NOT NULL REFERENCES surplus_approvals (year),
  member_id TEXT NOT NULL REFERENCES accounts (id),
  display_name TEXT NOT NULL,
  -- JSON arrays in the order of the year's pools.
  weights TEXT NOT NULL CHECK (json_valid(weights)),
  parts TEXT NOT NULL CHECK (json_valid(parts)),
  allocation INTEGER NOT NULL CHECK (allocation >= 0),
  cash INTEGER NOT NULL CHECK (cash >= 0),
  retained INTEGER NOT NULL CHECK (retained >= 0),
  reportable INTEGER NOT NULL CHECK (reportable IN (0, 1)),
  CHECK (cash + retained = allocation),
  PRIMARY KEY (year, member_id)
);
-- A member's statements across years (GET /me/patronage).
CREATE INDEX surplus_statements_by_member ON surplus_statements (member_id, year);

-- The approved report is the record the members were told: it never changes.
CREATE TRIGGER surplus_approvals_no_update BEFORE UPDATE ON surplus_approvals
BEGIN SELECT RAISE(ABORT, 'an approved surplus report never changes'); END;
CREATE TRIGGER surplus_approvals_no_delete BEFORE DELETE ON surplus_approvals
BEGIN SELECT RAISE(ABORT, 'an approved surplus report never changes'); END;
CREATE TRIGGER surplus_statements_no_update BEFORE UPDATE ON surplus_statements
BEGIN SELECT RAISE(ABORT, 'an approved surplus report never changes'); END;
CREATE TRIGGER surplus_statements_no_delete BEFORE DELETE ON surplus_statements
BEGIN SELECT RAISE(ABORT, 'an approved surplus report never changes'); END;

-- An approved year's inputs are frozen with its report.
CREATE TRIGGER surplus_rules_frozen_insert BEFORE INSERT ON surplus_rules
WHEN EXISTS (SELECT 1 FROM surplus_approvals WHERE year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'the year is approved'); END;
CREATE TRIGGER surplus_rules_frozen_update BEFORE UPDATE ON surplus_rules
WHEN EXISTS (SELECT 1 FROM surplus_approvals WHERE year IN (OLD.year, NEW.year))
BEGIN SELECT RAISE(ABORT, 'the year is approved'); END;
CREATE TRIGGER surplus_rules_frozen_delete BEFORE DELETE ON surplus_rules
WHEN EXISTS (SELECT 1 FROM surplus_approvals WHERE year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'the year is approved'); END;
CREATE TRIGGER surplus_entries_frozen_insert BEFORE INSERT ON surplus_entries
WHEN EXISTS (SELECT 1 FROM surplus_approvals WHERE year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'the year is approved'); END;
CREATE TRIGGER surplus_entries_frozen_update BEFORE UPDATE ON surplus_entries
WHEN EXISTS (SELECT 1 FROM surplus_approvals WHERE year IN (OLD.year, NEW.year))
BEGIN SELECT RAISE(ABORT, 'the year is approved'); END;
CREATE TRIGGER surplus_entries_frozen_delete BEFORE DELETE ON surplus_entries
WHEN EXISTS (SELECT 1 FROM surplus_approvals WHERE year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'the year is approved'); END;
CREATE TRIGGER surplus_hours_frozen_insert BEFORE INSERT ON surplus_hours
WHEN EXISTS (SELECT 1 FROM surplus_approvals WHERE year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'the year is approved'); END;
CREATE TRIGGER surplus_hours_frozen_update BEFORE UPDATE ON surplus_hours
WHEN EXISTS (SELECT 1 FROM surplus_approvals WHERE year IN (OLD.year, NEW.year))
BEGIN SELECT RAISE(ABORT, 'the year is approved'); END;
CREATE TRIGGER surplus_hours_frozen_delete BEFORE DELETE ON surplus_hours
WHEN EXISTS (SELECT 1 FROM surplus_approvals WHERE year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'the year is approved'); END;

-- The report sums a year's paid orders and succeeded refunds by date.
CREATE INDEX orders_by_currency_paid ON orders (currency, paid_at) WHERE paid_at IS NOT NULL;
CREATE INDEX refunds_by_status_refunded ON refunds (status, refunded_at);
