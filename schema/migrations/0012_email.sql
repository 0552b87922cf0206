-- Email (functions/email/): every message is an `emails` row written in the batch of the change
-- it tells of, with an `email` job that sends it; the rendered message is stored, so the dev
-- mailbox shows exactly what was sent, with the raw MIME handed to the send_email binding.

CREATE TABLE emails (
  id TEXT PRIMARY KEY,
  -- A template of functions/email/templates: the kinds are code, not data.
  kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
  to_address TEXT NOT NULL CHECK (length(to_address) BETWEEN 3 AND 320),
  -- The member it is about; NULL for an address with no account behind it.
  account_id TEXT REFERENCES accounts (id),
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  html_body TEXT NOT NULL,
  -- The message's business key (`order_paid:<order>`): a repeated change writes nothing twice.
  dedupe_key TEXT NOT NULL UNIQUE,
  -- SHA-256 (hex) of the one-click unsubscribe token in this message; NULL for kinds that are
  -- always sent. A token per message: the raw token is only in the message itself.
  unsubscribe_token_hash TEXT UNIQUE,
  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  -- The RFC 5322 message handed to the binding, built once when the row is written (it carries
  -- the List-Unsubscribe header, whose token only the message knows).
  raw_mime TEXT NOT NULL,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
-- The dev mailbox: newest first, and one recipient's.
CREATE INDEX emails_by_created ON emails (created_at DESC, id DESC);
CREATE INDEX emails_by_recipient ON emails (to_address, created_at DESC);

-- Which optional emails a member gets. No row means on: a member opts out, never in.
CREATE TABLE email_preferences (
  account_id TEXT NOT NULL REFERENCES accounts (id),
  category TEXT NOT NULL CHECK (category IN ('orders', 'sales', 'coop')),
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (account_id, category)
);

-- The jobs table gains the kind `email` (kinds of 0009 kept). SQLite cannot alter a CHECK, so
-- the table is rebuilt as 0009_refunds.sql did (nothing references jobs).
CREATE TABLE jobs_new (
  id TEXT PRIMARY KEY,
  -- A new kind of job needs a migration that widens this list: the kinds are code, not data.
  kind TEXT NOT NULL CHECK (kind IN ('share_refund', 'seller_transfer', 'order_refund', 'email')),
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  -- The business effect the job makes (e.g. `share-refund:<checkout session>`): one job each.
  dedupe_key TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error TEXT,
  -- When the job is next expected to run; the cron re-sends pending jobs long past it.
  run_after TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
INSERT INTO jobs_new (id, kind, payload, dedupe_key, status, attempts, last_error, run_after,
  created_at, updated_at)
SELECT id, kind, payload, dedupe_key, status, attempts, last_error, run_after, created_at,
  updated_at
FROM jobs;
DROP TABLE jobs;
ALTER TABLE jobs_new RENAME TO jobs;
-- The cron's scan (pending, overdue) and the admin page's list (dead and failing jobs).
CREATE INDEX jobs_by_status ON jobs (status, run_after);
