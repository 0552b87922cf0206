-- Orders: a buyer's checkout of one cart, its lines as priced by the server, and the new job
-- kind that pays each seller their part (functions/orders/).

CREATE TABLE orders (
  id TEXT PRIMARY KEY,
  buyer_id TEXT NOT NULL REFERENCES accounts (id),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN (
    'pending', 'paid', 'cancelled', 'refunded', 'partially_refunded', 'disputed'
  )),
  currency TEXT NOT NULL CHECK (length(currency) = 3 AND currency = lower(currency)),
  -- The sums of the lines, written with them; the CHECK keeps the total their sum.
  subtotal_cents INTEGER NOT NULL CHECK (subtotal_cents > 0),
  shipping_cents INTEGER NOT NULL CHECK (shipping_cents >= 0),
  total_cents INTEGER NOT NULL,
  commission_cents INTEGER NOT NULL CHECK (commission_cents BETWEEN 0 AND subtotal_cents),
  -- JSON: the address the buyer gave, replaced by the one Stripe's Checkout collected.
  shipping_address TEXT CHECK (shipping_address IS NULL OR json_valid(shipping_address)),
  stripe_checkout_session_id TEXT UNIQUE,
  checkout_url TEXT,
  stripe_payment_intent_id TEXT,
  stripe_charge_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  paid_at TEXT,
  cancelled_at TEXT,
  CHECK (total_cents = subtotal_cents + shipping_cents),
  CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
  CHECK ((status IN ('pending', 'cancelled')) = (paid_at IS NULL)),
  CHECK (paid_at IS NULL OR stripe_charge_id IS NOT NULL)
);
-- A buyer's orders, newest first (GET /api/v1/orders).
CREATE INDEX orders_by_buyer ON orders (buyer_id, created_at, id);

CREATE TABLE order_items (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES orders (id),
  listing_id TEXT NOT NULL REFERENCES listings (id),
  seller_id TEXT NOT NULL REFERENCES accounts (id),
  position INTEGER NOT NULL CHECK (position >= 0),
  title TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('physical', 'digital')),
  quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 100000),
  unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents > 0),
  -- The listing's shipping price once per line, whatever the quantity (spec/api.md).
  shipping_cents INTEGER NOT NULL CHECK (shipping_cents >= 0),
  subtotal_cents INTEGER NOT NULL CHECK (subtotal_cents = unit_price_cents * quantity),
  -- surplus.md §2: never above the line's subtotal.
  commission_cents INTEGER NOT NULL CHECK (commission_cents BETWEEN 0 AND subtotal_cents),
  refunded_cents INTEGER NOT NULL DEFAULT 0 CHECK (refunded_cents BETWEEN 0 AND subtotal_cents),
  CHECK (kind = 'physical' OR shipping_cents = 0),
  UNIQUE (order_id, listing_id),
  UNIQUE (order_id, position)
);
-- A seller's lines (their sales, and the transfer job's sum).
CREATE INDEX order_items_by_seller ON order_items (seller_id, order_id);

-- An order's status only moves forward: a cancelled order is never paid (its stock went back)
-- and a paid one is never pending or cancelled again. A payment that races a cancellation
-- aborts its whole batch here, sale booking included, instead of selling released stock.
CREATE TRIGGER orders_status_forward BEFORE UPDATE OF status ON orders
WHEN OLD.status IS NOT NEW.status AND (
  OLD.status = 'cancelled'
  OR (OLD.status <> 'pending' AND NEW.status IN ('pending', 'cancelled'))
)
BEGIN SELECT RAISE(ABORT, 'orders: status cannot go back'); END;

-- The jobs table gains the kind `seller_transfer`. SQLite cannot alter a CHECK, so the table is
-- rebuilt: create new, copy, drop old, rename, recreate its index (nothing references jobs).
CREATE TABLE jobs_new (
  id TEXT PRIMARY KEY,
  -- A new kind of job needs a migration that widens this list: the kinds are code, not data.
  kind TEXT NOT NULL CHECK (kind IN ('share_refund', 'seller_transfer')),
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
