/**
 * Articles, their full-text index and the title index for autocomplete.
 *
 * The text lives in its own table so that `articles` stays small (a few hundred bytes a row): search ranks and
 * filters thousands of rows by date, outlet and section, and those lookups stay in cache. Both full-text indexes
 * are contentless (they keep no copy of the text). The store writes a new article's index entries itself, in the
 * same transaction as its rows; triggers keep the indexes in step when a row is updated or deleted.
 */
export const ARTICLES_SQL = `
CREATE TABLE articles (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  canonical_url TEXT UNIQUE,
  content_hash TEXT NOT NULL,
  published_ms INTEGER,
  recency_ms INTEGER NOT NULL,
  ingested_ms INTEGER NOT NULL,
  ingested_at TEXT NOT NULL,
  published_at TEXT,
  outlet TEXT,
  section TEXT,
  language TEXT NOT NULL,
  url TEXT,
  authors TEXT NOT NULL,
  tags TEXT NOT NULL,
  title TEXT NOT NULL
);
CREATE INDEX articles_content_hash ON articles (content_hash);
CREATE INDEX articles_published ON articles (published_ms);
CREATE INDEX articles_recency ON articles (recency_ms);
CREATE INDEX articles_ingested ON articles (ingested_ms, seq);

CREATE TABLE article_texts (
  seq INTEGER PRIMARY KEY,
  text TEXT NOT NULL
);

-- detail stays full: with detail = column a contentless table gives every row a bm25 of 0 (it cannot count
-- a word's hits without the text), so title matches would no longer rank above passing mentions.
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text,
  content = '', contentless_delete = 1,
  tokenize = 'porter unicode61 remove_diacritics 2'
);

-- No stemming here: autocomplete matches what was typed as a prefix ("electi" must find "election").
CREATE VIRTUAL TABLE article_titles_fts USING fts5(
  title,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);

-- No insert triggers: writing the index entries from insert triggers cost about 80 us more CPU an article in
-- bulk ingests than plain INSERTs (a quarter of the total; FTS5 seems to flush its pending entries at each
-- trigger's statement savepoint). SqliteArticleStore inserts a new article's index entries itself.
CREATE TRIGGER articles_after_update_title AFTER UPDATE OF title ON articles BEGIN
  DELETE FROM article_titles_fts WHERE rowid = old.seq;
  INSERT INTO article_titles_fts (rowid, title) VALUES (new.seq, new.title);
END;
CREATE TRIGGER articles_after_delete AFTER DELETE ON articles BEGIN
  DELETE FROM article_titles_fts WHERE rowid = old.seq;
  DELETE FROM article_texts WHERE seq = old.seq;
END;
CREATE TRIGGER article_texts_after_update AFTER UPDATE ON article_texts BEGIN
  DELETE FROM articles_fts WHERE rowid = old.seq;
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, (SELECT title FROM articles WHERE seq = new.seq), new.text);
END;
CREATE TRIGGER article_texts_after_delete AFTER DELETE ON article_texts BEGIN
  DELETE FROM articles_fts WHERE rowid = old.seq;
END;
`;
