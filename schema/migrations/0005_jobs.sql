-- Background jobs: an outbox of work that calls Stripe after a state change (the refund of a
-- second member share now; seller transfers next). The state change writes the job row in its
-- own batch; a Cloudflare Queue delivers it; the cron re-sends any job left pending.

CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  -- A new kind of job needs a migration that widens this list: the kinds are code, not data.
  kind TEXT NOT NULL CHECK (kind IN ('share_refund')),
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
-- The cron's scan (pending, overdue) and the admin page's list (dead and failing jobs).
CREATE INDEX jobs_by_status ON jobs (status, run_after);
