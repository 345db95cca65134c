/** Registered feeds, their polling state, and the lease that gives one instance a feed per cycle. */
export const FEEDS_SQL = `
CREATE TABLE feeds (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  url TEXT NOT NULL UNIQUE,
  title TEXT,
  outlet TEXT,
  section TEXT,
  added_at TEXT NOT NULL,
  etag TEXT,
  last_modified TEXT,
  last_polled_at TEXT,
  last_success_at TEXT,
  last_error TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  next_poll_at TEXT,
  next_poll_ms INTEGER,
  claimed_by TEXT,
  claim_expires_ms INTEGER
);
CREATE INDEX feeds_next_poll ON feeds (next_poll_ms);
`;
