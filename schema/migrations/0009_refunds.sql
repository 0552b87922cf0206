-- Refunds of order lines (functions/refunds/): the request writes one `pending` with the line's
-- `refunded_cents` bumped and an `order_refund` job, in one batch; the job makes the Stripe
-- Refund and the reversal of the seller's transfer and records their ids here.

CREATE TABLE refunds (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES orders (id),
  order_item_id TEXT NOT NULL REFERENCES order_items (id),
  -- The line's seller, whose payable the refund is charged to and whose transfer is reversed.
  seller_id TEXT NOT NULL REFERENCES accounts (id),
  -- Who asked: the line's seller or an admin.
  requested_by TEXT NOT NULL REFERENCES accounts (id),
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  -- The line's refunded_cents before this refund: the refunds of a line form one chain, so the
  -- commission each returns (cumulative, surplus.md §2) is computed from a base that was true.
  line_refunded_before_cents INTEGER NOT NULL CHECK (line_refunded_before_cents >= 0),
  commission_returned_cents INTEGER NOT NULL
    CHECK (commission_returned_cents BETWEEN 0 AND amount_cents),
  currency TEXT NOT NULL CHECK (length(currency) = 3 AND currency = lower(currency)),
  reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded')),
  -- Stripe's ids, written as each call succeeds. The calls' idempotency keys derive from `id`
  -- (`refund:<id>`, `reversal:<id>`), so a job run again replays them instead of repeating them.
  stripe_refund_id TEXT UNIQUE,
  stripe_reversal_id TEXT UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  refunded_at TEXT,
  CHECK ((stripe_refund_id IS NULL) = (refunded_at IS NULL)),
  -- Succeeded: refunded, and the transfer reversed unless nothing was left to reverse.
  CHECK (status = 'pending' OR (stripe_refund_id IS NOT NULL AND
    (stripe_reversal_id IS NOT NULL OR commission_returned_cents = amount_cents))),
  UNIQUE (order_item_id, line_refunded_before_cents)
);
CREATE INDEX refunds_by_order ON refunds (order_id, created_at);

-- The guards of a new refund, in the batch that writes it: the line belongs to the order and
-- seller named, the order is paid (not disputed, not fully refunded), the chain is current and
-- the line's refunds together never exceed its subtotal (shipping is not refunded).
CREATE TRIGGER refunds_within_line BEFORE INSERT ON refunds
BEGIN
  SELECT RAISE(ABORT, 'refunds: not a line of this order and seller')
  WHERE NOT EXISTS (SELECT 1 FROM order_items
    WHERE id = NEW.order_item_id AND order_id = NEW.order_id AND seller_id = NEW.seller_id);
  SELECT RAISE(ABORT, 'refunds: order not refundable')
  WHERE (SELECT status FROM orders WHERE id = NEW.order_id) NOT IN ('paid', 'partially_refunded');
  SELECT RAISE(ABORT, 'refunds: more than the line')
  WHERE NEW.amount_cents + (SELECT coalesce(sum(amount_cents), 0) FROM refunds
      WHERE order_item_id = NEW.order_item_id)
    > (SELECT subtotal_cents FROM order_items WHERE id = NEW.order_item_id);
  SELECT RAISE(ABORT, 'refunds: line changed')
  WHERE NEW.line_refunded_before_cents
    <> (SELECT refunded_cents FROM order_items WHERE id = NEW.order_item_id);
END;

-- What a refund is stays as it was written; only its progress at Stripe changes.
CREATE TRIGGER refunds_fixed BEFORE UPDATE OF id, order_id, order_item_id, seller_id,
  requested_by, amount_cents, line_refunded_before_cents, commission_returned_cents, currency,
  reason, created_at ON refunds
BEGIN SELECT RAISE(ABORT, 'refunds: a refund is not edited'); END;

-- The jobs table gains the kind `order_refund` (kinds of 0007 kept). SQLite cannot alter a
-- CHECK, so the table is rebuilt as 0007_orders.sql did (nothing references jobs).
CREATE TABLE jobs_new (
  id TEXT PRIMARY KEY,
  -- A new kind of job needs a migration that widens this list: the kinds are code, not data.
  kind TEXT NOT NULL CHECK (kind IN ('share_refund', 'seller_transfer', 'order_refund')),
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
