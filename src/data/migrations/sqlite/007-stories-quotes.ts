/**
 * Stories and the quote bank.
 *
 * Each article gets the id of its story (`NULL` until assigned: articles stored before this migration are assigned by
 * the backfill) and a flag saying its quotes are in the bank (cleared when the article is updated). Story rows hold
 * fields derived from their articles, recomputed by the store whenever those change. Merged story ids are kept in
 * `story_merges` so that an id shown earlier still leads to its story.
 *
 * Quotes carry their article's date (`recency_ms`) so that one speaker's newest quotes are one index range. The
 * quote text has a contentless full-text index written by the store; speakers have their own small prefix index for
 * autocomplete, one row per canonical speaker. Deleting an article deletes its quotes (foreign key) and their index
 * entries (trigger).
 */
export const STORIES_QUOTES_SQL = `
ALTER TABLE articles ADD COLUMN story_id TEXT;
ALTER TABLE articles ADD COLUMN quotes_indexed INTEGER NOT NULL DEFAULT 0;
CREATE INDEX articles_story ON articles (story_id, recency_ms) WHERE story_id IS NOT NULL;
CREATE INDEX articles_story_pending ON articles (recency_ms, seq) WHERE story_id IS NULL;
CREATE INDEX articles_quotes_pending ON articles (seq) WHERE quotes_indexed = 0;

CREATE TABLE stories (
  id TEXT PRIMARY KEY,
  headline TEXT NOT NULL,
  first_ms INTEGER NOT NULL,
  last_ms INTEGER NOT NULL,
  article_count INTEGER NOT NULL,
  outlets TEXT NOT NULL
);
CREATE INDEX stories_last_seen ON stories (last_ms, first_ms);

CREATE TABLE story_merges (
  merged_id TEXT PRIMARY KEY,
  into_id TEXT NOT NULL,
  merged_at TEXT NOT NULL
);

CREATE TABLE quotes (
  seq INTEGER PRIMARY KEY,
  article_seq INTEGER NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  recency_ms INTEGER NOT NULL,
  speaker TEXT,
  canonical TEXT,
  role TEXT,
  kind TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX quotes_article ON quotes (article_seq);
CREATE INDEX quotes_speaker ON quotes (canonical, recency_ms DESC, seq) WHERE canonical IS NOT NULL;

CREATE VIRTUAL TABLE quotes_fts USING fts5(
  text,
  content = '', contentless_delete = 1,
  tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_after_delete AFTER DELETE ON quotes BEGIN
  DELETE FROM quotes_fts WHERE rowid = old.seq;
END;

CREATE TABLE quote_speakers (
  seq INTEGER PRIMARY KEY,
  canonical TEXT NOT NULL UNIQUE,
  speaker TEXT NOT NULL
);
CREATE VIRTUAL TABLE quote_speakers_fts USING fts5(
  canonical,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);
`;
