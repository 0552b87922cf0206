-- Membership over time: each period from joining (a paid share) to withdrawal, so that a member
-- who leaves and joins again keeps both periods. accounts.membership_status, member_since and
-- withdrawn_at stay as the current state for cheap reads, written in the same batches.

-- A member's request to withdraw, waiting for an admin to record it (one pending per member).
CREATE TABLE withdrawal_requests (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  reason TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'recorded')),
  created_at TEXT NOT NULL,
  decided_at TEXT,
  decided_by TEXT REFERENCES accounts (id),
  CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE UNIQUE INDEX withdrawal_requests_one_pending ON withdrawal_requests (account_id)
  WHERE status = 'pending';

CREATE TABLE membership_periods (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  -- The share that opened the period: one period per share.
  share_id TEXT NOT NULL UNIQUE REFERENCES member_shares (id),
  started_at TEXT NOT NULL,
  -- NULL while active. The effective date of the withdrawal, at 00:00 UTC: the member's last
  -- day is the day before.
  ended_at TEXT,
  end_reason TEXT CHECK (end_reason IN ('withdrawal')),
  withdrawal_request_id TEXT REFERENCES withdrawal_requests (id),
  ended_by TEXT REFERENCES accounts (id),
  end_note TEXT,
  CHECK ((ended_at IS NULL) = (end_reason IS NULL)),
  CHECK (ended_at IS NULL OR ended_at >= started_at)
);
-- One open period per member; periods of one member never overlap (trigger below).
CREATE UNIQUE INDEX membership_periods_one_open ON membership_periods (account_id)
  WHERE ended_at IS NULL;
CREATE INDEX membership_periods_by_account ON membership_periods (account_id, started_at);

CREATE TRIGGER membership_periods_no_overlap BEFORE INSERT ON membership_periods
WHEN EXISTS (
  SELECT 1 FROM membership_periods
  WHERE account_id = NEW.account_id AND (ended_at IS NULL OR ended_at > NEW.started_at)
)
BEGIN SELECT RAISE(ABORT, 'membership periods of a member cannot overlap'); END;

-- A period, once ended, is history: only the end of an open period may be written.
CREATE TRIGGER membership_periods_ended_final BEFORE UPDATE ON membership_periods
WHEN OLD.ended_at IS NOT NULL OR NEW.started_at IS NOT OLD.started_at
  OR NEW.account_id IS NOT OLD.account_id OR NEW.share_id IS NOT OLD.share_id
BEGIN SELECT RAISE(ABORT, 'an ended membership period cannot change'); END;
CREATE TRIGGER membership_periods_no_delete BEFORE DELETE ON membership_periods
BEGIN SELECT RAISE(ABORT, 'membership periods are kept'); END;

-- The periods of today's members: each share held opened one, from the member's joining.
INSERT INTO membership_periods (id, account_id, share_id, started_at, ended_at, end_reason)
SELECT
  'period_' || s.id,
  s.account_id,
  s.id,
  coalesce(a.member_since, s.issued_at),
  CASE WHEN a.membership_status = 'withdrawn'
    THEN max(coalesce(a.withdrawn_at, s.issued_at), coalesce(a.member_since, s.issued_at)) END,
  CASE WHEN a.membership_status = 'withdrawn' THEN 'withdrawal' END
FROM member_shares s JOIN accounts a ON a.id = s.account_id;
