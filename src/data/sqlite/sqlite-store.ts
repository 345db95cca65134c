import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { StoreError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { SQLITE_MIGRATIONS } from '../migrations/sqlite/index.js';
import type { Store } from '../store.js';
import { applyMigrations } from './migrations.js';
import { SqliteArticleStore } from './sqlite-article-store.js';
import { SqliteDigestStore } from './sqlite-digest-store.js';
import { SqliteFeedStore } from './sqlite-feed-store.js';
import { SqliteQuoteStore } from './sqlite-quote-store.js';
import { SqliteStoryStore } from './sqlite-story-store.js';

export type SqliteStoreOptions = {
  /** A file path (its directory is created) or `:memory:`. */
  path: string;
  log: Logger;
  /** How long a write waits for another process's lock before failing. Default 5 s. */
  busyTimeoutMs?: number;
};

/** Every store concern over one better-sqlite3 connection; synchronous calls behind the async `Store` interface. */
export class SqliteStore implements Store {
  readonly backend = 'sqlite';
  readonly articles: SqliteArticleStore;
  readonly feeds: SqliteFeedStore;
  readonly digests: SqliteDigestStore;
  readonly stories: SqliteStoryStore;
  readonly quotes: SqliteQuoteStore;
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
    this.articles = new SqliteArticleStore(db);
    this.feeds = new SqliteFeedStore(db);
    this.digests = new SqliteDigestStore(db);
    this.stories = new SqliteStoryStore(db);
    this.quotes = new SqliteQuoteStore(db);
  }

  async close(): Promise<void> {
    if (!this.#db.open) return;
    try {
      // Lets SQLite refresh its planner statistics for the next start; cheap when nothing changed.
      this.#db.pragma('optimize');
    } catch {
      // Best effort only: a read-only or busy database still closes.
    }
    this.#db.close();
  }
}

/**
 * Opens (creating if needed) the SQLite database at `path` and brings its schema up to date. WAL mode with
 * `synchronous=NORMAL`: readers never block the writer, and a commit survives a crash of the process.
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  const inMemory = options.path === ':memory:' || options.path === '';
  let db: Database | undefined;
  try {
    if (!inMemory) mkdirSync(dirname(options.path), { recursive: true });
    db = new BetterSqlite3(inMemory ? ':memory:' : options.path);
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5_000))}`);
    // 16 KiB pages for a new file (ignored for an existing one): an article's text (~4 KB) and several full-text
    // index leaves fit in one page, so bulk ingests write and checkpoint fewer pages.
    if (!inMemory) db.pragma('page_size = 16384');
    if (!inMemory) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -65536');
    if (!inMemory) db.pragma('mmap_size = 1073741824');
    // Fewer, larger checkpoints: bulk ingests rewrite the same index pages many times between two checkpoints.
    if (!inMemory) db.pragma('wal_autocheckpoint = 4000');
    applyMigrations(db, SQLITE_MIGRATIONS, options.log);
    return new SqliteStore(db);
  } catch (error) {
    db?.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new StoreError(`Could not open the SQLite store at ${options.path}: ${reason}`, { cause: error });
  }
}
