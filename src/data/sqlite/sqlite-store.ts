import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3, { SqliteError, type Database } from 'better-sqlite3';
import { StoreError, StoreUnavailableError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { SQLITE_MIGRATIONS } from '../migrations/sqlite/index.js';
import type { Store } from '../store.js';
import { applyMigrations } from './migrations.js';
import { DEFAULT_BUSY_RETRY, isBusy, retryingWrite, type BusyRetry, type SqliteWrite } from './sqlite-busy.js';
import { SqliteArticleStore } from './sqlite-article-store.js';
import { SqliteDigestStore } from './sqlite-digest-store.js';
import { SqliteFeedStore } from './sqlite-feed-store.js';
import { SqliteQuoteStore } from './sqlite-quote-store.js';
import { SqliteStoryStore } from './sqlite-story-store.js';

export type SqliteStoreOptions = {
  /** A file path (its folder is created when only that last level is missing) or `:memory:`. */
  path: string;
  log: Logger;
  /** How long one attempt at a write waits inside SQLite for another process's lock. Default 5 s. */
  busyTimeoutMs?: number;
  /** How often, and after what pauses, a write that found the database locked is tried again. */
  busyRetry?: BusyRetry;
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

  constructor(db: Database, write: SqliteWrite) {
    this.#db = db;
    this.articles = new SqliteArticleStore(db, write);
    this.feeds = new SqliteFeedStore(db, write);
    this.digests = new SqliteDigestStore(db, write);
    this.stories = new SqliteStoryStore(db, write);
    this.quotes = new SqliteQuoteStore(db, write);
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

const isFolder = (path: string): boolean | undefined => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return undefined;
  }
};

/**
 * Makes sure the folder of a database file exists, creating it only when its parent exists (`./data` on a fresh
 * checkout). A deeper missing path is most likely a typo, so it is refused rather than built with an empty store in it.
 */
function ensureFolder(path: string, log: Logger): void {
  const folder = dirname(resolve(path));
  const fail = (why: string): never => {
    throw new StoreUnavailableError(`Could not open the SQLite store at ${path}: ${why}`);
  };
  const state = isFolder(folder);
  if (state === true) return;
  if (state === false) fail(`${folder} is not a folder`);
  if (isFolder(dirname(folder)) !== true) fail(`the folder ${folder} does not exist`);
  mkdirSync(folder);
  log.info({ folder }, 'sqlite store folder created');
}

/** The driver's reason in plain words for the failures people meet when pointing at the wrong file. */
function openFailureReason(error: unknown): string {
  if (error instanceof SqliteError && error.code === 'SQLITE_NOTADB') return 'the file is not a SQLite database';
  if (error instanceof SqliteError && error.code === 'SQLITE_CANTOPEN') return 'the file cannot be opened; check the path and its permissions';
  return error instanceof Error ? error.message : String(error);
}

/**
 * Opens (creating if needed) the SQLite database at `path` and brings its schema up to date. WAL mode with
 * `synchronous=NORMAL`: readers never block the writer, and a commit survives a crash of the process.
 * Throws `StoreUnavailableError`, naming the path, when the file cannot be opened as a newsbrief store.
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  const inMemory = options.path === ':memory:' || options.path === '';
  const write = retryingWrite(options.busyRetry ?? DEFAULT_BUSY_RETRY, options.log.child({ store: 'sqlite' }));
  const connect = (): Database => {
    const db = new BetterSqlite3(inMemory ? ':memory:' : options.path);
    try {
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
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  };
  try {
    if (!inMemory) ensureFolder(options.path, options.log);
    // Several processes opening a new file at once race for WAL mode and the migrations: the losers wait and retry.
    return new SqliteStore(await write('open the database', connect), write);
  } catch (error) {
    if (error instanceof StoreUnavailableError) throw error;
    const cause = error instanceof StoreError && error.cause !== undefined ? error.cause : error;
    const reason = isBusy(cause) ? 'other processes kept the database locked throughout' : openFailureReason(cause);
    throw new StoreUnavailableError(`Could not open the SQLite store at ${options.path}: ${reason}`, { cause });
  }
}
