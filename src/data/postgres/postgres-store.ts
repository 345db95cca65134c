import pg from 'pg';
import { StoreUnavailableError } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { Store } from '../store.js';
import { migratePostgres } from './migrations.js';
import { PostgresArticleStore } from './postgres-article-store.js';
import { PostgresDigestStore } from './postgres-digest-store.js';
import { PostgresFeedStore } from './postgres-feed-store.js';
import { PostgresQuoteStore } from './postgres-quote-store.js';
import { PostgresStoryStore } from './postgres-story-store.js';

export type PostgresStoreOptions = {
  /**
   * `postgres://USER:PASSWORD@HOST:PORT/DB`; never logged (it holds a password). Query parameters pass through to
   * `pg`, e.g. `?options=-c%20search_path%3Dtenant_a` for a schema per newsroom or per test.
   */
  url: string;
  log: Logger;
  /** Connections in the pool. Default 10. */
  poolSize?: number;
  /** Apply pending migrations while opening (under an advisory lock). Default true. */
  migrate?: boolean;
};

/** Every store concern over one `pg` pool; several processes may share the database (claims are row locks). */
export class PostgresStore implements Store {
  readonly backend = 'postgres';
  readonly articles: PostgresArticleStore;
  readonly feeds: PostgresFeedStore;
  readonly digests: PostgresDigestStore;
  readonly stories: PostgresStoryStore;
  readonly quotes: PostgresQuoteStore;
  readonly #pool: pg.Pool;
  #closed = false;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
    this.articles = new PostgresArticleStore(pool);
    this.feeds = new PostgresFeedStore(pool);
    this.digests = new PostgresDigestStore(pool);
    this.stories = new PostgresStoryStore(pool);
    this.quotes = new PostgresQuoteStore(pool);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }
}

/** Where a URL points, for log lines: host, port and database, never the user or password. */
export function describePostgresUrl(url: string): { host: string; database: string } {
  try {
    const parsed = new URL(url);
    return { host: `${parsed.hostname}:${parsed.port || '5432'}`, database: parsed.pathname.replace(/^\//, '') };
  } catch {
    return { host: 'unparsable', database: 'unparsable' };
  }
}

/** The URL as a person may see it: the password, when there is one, shown as `***`. */
export function maskPostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

/** Network failures in plain words; the server's own messages (bad password, unknown database) are plain already. */
function connectFailureReason(error: unknown): string {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  if (code === 'ECONNREFUSED') return 'nothing accepts connections there; is the server running?';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name does not resolve';
  if (code === 'ETIMEDOUT' || (error instanceof Error && /timeout/i.test(error.message))) return 'the server did not answer in time';
  return error instanceof Error ? error.message : String(error);
}

/**
 * Connects a pool to the server at `url`, checks the connection and brings the schema up to date (several
 * instances starting together apply each migration once). Throws `StoreUnavailableError` naming the store by its
 * URL with the password masked.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const where = describePostgresUrl(options.url);
  const log = options.log.child({ store: 'postgres', ...where });
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    application_name: 'newsbrief',
  });
  // An idle connection dropped by the server must not crash the process; the pool replaces it on next use.
  pool.on('error', (error) => log.warn({ err: { message: error.message } }, 'postgres idle connection lost'));
  try {
    await pool.query('SELECT 1');
    if (options.migrate ?? true) await migratePostgres(pool, log);
    return new PostgresStore(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new StoreUnavailableError(
      `Could not open the PostgreSQL store at ${maskPostgresUrl(options.url)}: ${connectFailureReason(error)}`,
      { cause: error },
    );
  }
}
