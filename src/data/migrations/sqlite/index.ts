import { ARTICLES_SQL } from './001-articles.js';
import { FEEDS_SQL } from './002-feeds.js';
import { DIGESTS_SQL } from './003-digests.js';
import { FTS_MERGE_SQL } from './004-fts-merge.js';
import { DIGEST_PROGRESS_SQL } from './005-digest-progress.js';
import { FTS_HASHSIZE_SQL } from './006-fts-hashsize.js';
import { STORIES_QUOTES_SQL } from './007-stories-quotes.js';

/** One schema step. Versions only grow; a released migration is never edited, a new one is added instead. */
export type Migration = { readonly version: number; readonly name: string; readonly sql: string };

/**
 * The SQLite schema, in order. Kept as TypeScript strings (not .sql files) so they load the same from `tsx src/...`
 * and from the compiled `dist/src/...`.
 */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'articles', sql: ARTICLES_SQL },
  { version: 2, name: 'feeds', sql: FEEDS_SQL },
  { version: 3, name: 'digests', sql: DIGESTS_SQL },
  { version: 4, name: 'fts-merge', sql: FTS_MERGE_SQL },
  { version: 5, name: 'digest-progress', sql: DIGEST_PROGRESS_SQL },
  { version: 6, name: 'fts-hashsize', sql: FTS_HASHSIZE_SQL },
  { version: 7, name: 'stories-quotes', sql: STORIES_QUOTES_SQL },
];
