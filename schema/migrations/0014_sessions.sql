-- Sessions a member can see and end (functions/accounts/session-list.ts), and the devices an
-- account has signed in from, so a sign-in from a new one is emailed.

-- Rebuilt rather than altered: SQLite cannot add a NOT NULL UNIQUE column to existing rows.
-- `id` is the public name of a session (the token hash never leaves the server); `client` is
-- a rough "Firefox on Linux" read from the User-Agent at sign-in; `device_hash` the SHA-256
-- of the browser's long-lived device cookie (null for sessions made before it existed).
CREATE TABLE sessions_new (
  token_hash TEXT PRIMARY KEY,
  id TEXT NOT NULL UNIQUE CHECK (id LIKE 'ses_%'),
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  client TEXT NOT NULL DEFAULT 'Unknown browser' CHECK (length(client) BETWEEN 1 AND 80),
  device_hash TEXT
);

INSERT INTO sessions_new (token_hash, id, account_id, csrf_token, created_at, last_seen_at, expires_at)
SELECT token_hash, 'ses_' || lower(hex(randomblob(16))), account_id, csrf_token, created_at,
  last_seen_at, expires_at
FROM sessions;

DROP TABLE sessions;
ALTER TABLE sessions_new RENAME TO sessions;
CREATE INDEX sessions_by_account ON sessions (account_id, created_at);

-- Every device (by the hash of its cookie) an account has signed up or in from. Kept after
-- its sessions end, so signing out and back in on the same browser is not "new".
CREATE TABLE account_devices (
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  device_hash TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  PRIMARY KEY (account_id, device_hash)
);
