/**
 * Articles, their full-text index and the title index for autocomplete.
 * Small columns come first and `text` last, so that lookups reading dates or titles stay on the row's first page.
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
  title TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX articles_content_hash ON articles (content_hash);
CREATE INDEX articles_published ON articles (published_ms);
CREATE INDEX articles_recency ON articles (recency_ms);
CREATE INDEX articles_ingested ON articles (ingested_ms, seq);

CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text,
  content = 'articles', content_rowid = 'seq',
  tokenize = 'porter unicode61 remove_diacritics 2'
);

-- No stemming here: autocomplete matches what was typed as a prefix ("electi" must find "election").
CREATE VIRTUAL TABLE article_titles_fts USING fts5(
  title,
  content = 'articles', content_rowid = 'seq',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);

CREATE TRIGGER articles_after_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
  INSERT INTO article_titles_fts (rowid, title) VALUES (new.seq, new.title);
END;
CREATE TRIGGER articles_after_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
  INSERT INTO article_titles_fts (article_titles_fts, rowid, title) VALUES ('delete', old.seq, old.title);
END;
CREATE TRIGGER articles_after_update AFTER UPDATE OF title, text ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
  INSERT INTO article_titles_fts (article_titles_fts, rowid, title) VALUES ('delete', old.seq, old.title);
  INSERT INTO article_titles_fts (rowid, title) VALUES (new.seq, new.title);
END;
`;
