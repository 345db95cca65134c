/** Per-server digest settings and one posting slot per server per local day. */
export const DIGESTS_SQL = `
CREATE TABLE digest_settings (
  guild_id TEXT PRIMARY KEY,
  channel_id TEXT NOT NULL,
  time TEXT NOT NULL,
  timezone TEXT NOT NULL,
  max_stories INTEGER NOT NULL,
  sections TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  empty_day TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE digest_records (
  guild_id TEXT NOT NULL,
  local_date TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('claimed', 'posted', 'failed')),
  instance_id TEXT NOT NULL,
  claimed_at TEXT NOT NULL,
  claimed_ms INTEGER NOT NULL,
  posted_at TEXT,
  message_id TEXT,
  error TEXT,
  attempts INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (guild_id, local_date)
) WITHOUT ROWID;
`;
