-- Disputes: a buyer's bank contesting an order's charge (functions/disputes/). One row per
-- Stripe dispute, kept in step with Stripe's current state by every dispute event; the money
-- is in the ledger (dispute_opened, dispute_lost / dispute_won), not here.

CREATE TABLE disputes (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES orders (id),
  stripe_dispute_id TEXT NOT NULL UNIQUE,
  stripe_charge_id TEXT NOT NULL,
  currency TEXT NOT NULL CHECK (length(currency) = 3 AND currency = lower(currency)),
  -- The disputed amount, and Stripe's dispute fee once the funds are withdrawn (0 before).
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  fee_cents INTEGER NOT NULL DEFAULT 0 CHECK (fee_cents >= 0),
  -- Stripe's own statuses, as its Dispute object names them.
  status TEXT NOT NULL CHECK (status IN (
    'warning_needs_response', 'warning_under_review', 'warning_closed', 'needs_response',
    'under_review', 'won', 'lost', 'prevented'
  )),
  reason TEXT NOT NULL,
  -- When the respondent must answer by (evidence_details.due_by), if Stripe says.
  evidence_due_by TEXT,
  -- Stripe's clock: the dispute's creation, the funds' withdrawal, and its closing (the
  -- reinstatement when won, the `charge.dispute.closed` event when lost). Not tied to `status`
  -- by a CHECK: an earlier event can find the dispute already closed before its closing arrives.
  opened_at TEXT NOT NULL,
  funds_withdrawn_at TEXT,
  closed_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- An order's disputes (the order view), and the open ones first for the admins' list.
CREATE INDEX disputes_by_order ON disputes (order_id);
CREATE INDEX disputes_by_status ON disputes (status, opened_at);
