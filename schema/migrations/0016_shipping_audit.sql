-- Shipping with tracking, the admins' audit log, and the job that sends the year's patronage
-- notices (functions/shipping/, functions/audit/, functions/notify/).

-- A physical line is shipped once, by its seller, with the carrier and its tracking number.
-- All three are set together or not at all; a shipment is never changed or taken back.
ALTER TABLE order_items ADD COLUMN shipped_at TEXT;
ALTER TABLE order_items ADD COLUMN carrier TEXT;
ALTER TABLE order_items ADD COLUMN tracking_number TEXT;

CREATE TRIGGER order_items_shipment_once BEFORE UPDATE OF shipped_at, carrier, tracking_number
ON order_items
WHEN OLD.shipped_at IS NOT NULL
  AND (NEW.shipped_at IS NOT OLD.shipped_at OR NEW.carrier IS NOT OLD.carrier
    OR NEW.tracking_number IS NOT OLD.tracking_number)
BEGIN SELECT RAISE(ABORT, 'shipping: already shipped'); END;

CREATE TRIGGER order_items_shipment_valid BEFORE UPDATE OF shipped_at ON order_items
WHEN NEW.shipped_at IS NOT NULL AND (
  NEW.kind <> 'physical'
  OR NEW.carrier IS NULL OR length(NEW.carrier) NOT BETWEEN 1 AND 60
  OR NEW.tracking_number IS NULL OR length(NEW.tracking_number) NOT BETWEEN 1 AND 100
  OR (SELECT status FROM orders WHERE id = NEW.order_id) NOT IN ('paid', 'partially_refunded')
)
BEGIN SELECT RAISE(ABORT, 'shipping: not shippable'); END;

-- What admins did: append-only. Every row is written in the batch of the change it records.
CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  actor_id TEXT NOT NULL REFERENCES accounts (id),
  -- The action's name (functions/audit/actions.ts): code, not data.
  action TEXT NOT NULL CHECK (action IN (
    'role_granted', 'role_revoked', 'application_approved', 'application_rejected',
    'withdrawal_recorded', 'refund_requested'
  )),
  subject_type TEXT NOT NULL CHECK (subject_type IN ('account', 'application', 'refund')),
  subject_id TEXT NOT NULL,
  details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details))
);
-- The admin page: newest first, keyset pagination on (at, id).
CREATE INDEX audit_log_by_time ON audit_log (at DESC, id DESC);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log: append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log: append-only'); END;

-- The jobs table gains the kind `patronage_notices` (kinds of 0012 kept): one job, written in
-- the year's approval batch, that writes the members' emails in chunks. SQLite cannot alter a
-- CHECK, so the table is rebuilt as 0012_email.sql did (nothing references jobs).
CREATE TABLE jobs_new (
  id TEXT PRIMARY KEY,
  -- A new kind of job needs a migration that widens this list: the kinds are code, not data.
  kind TEXT NOT NULL CHECK (kind IN (
    'share_refund', 'seller_transfer', 'order_refund', 'email', 'patronage_notices'
  )),
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
