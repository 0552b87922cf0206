-- Verified addresses and the single-use tokens sent by email (functions/account-tokens/):
-- confirming an address, resetting a password, changing the address.

-- When the member proved they read mail at their address; null until then. Accounts made
-- before this migration are taken as verified (their created_at), so nobody already using the
-- app is locked out of checkout or selling by a check they were never asked to pass.
ALTER TABLE accounts ADD COLUMN email_verified_at TEXT;
UPDATE accounts SET email_verified_at = created_at;

-- Only the token's SHA-256 is stored: the token itself exists only in the emailed link, so a
-- copy of the database cannot be used to confirm or reset anything.
CREATE TABLE account_tokens (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  purpose TEXT NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'change_email')),
  token_hash TEXT NOT NULL UNIQUE,
  -- The address a change_email token moves the account to; no other purpose has one.
  new_email TEXT CHECK ((purpose = 'change_email') = (new_email IS NOT NULL)),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL CHECK (expires_at > created_at),
  -- Set when the token is used, or when a newer token of the same purpose replaces it.
  used_at TEXT
);

CREATE INDEX account_tokens_open ON account_tokens (account_id, purpose) WHERE used_at IS NULL;

-- Single use, held by the database: a token's batch starts by marking it used, and marking a
-- token that is already used aborts the whole batch, so two racing uses make one change.
CREATE TRIGGER account_tokens_single_use BEFORE UPDATE OF used_at ON account_tokens
WHEN OLD.used_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'account_tokens: already used'); END;
