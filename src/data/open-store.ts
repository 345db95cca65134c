import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

/**
 * Opens the configured store: SQLite (a file, or `:memory:`) or PostgreSQL. The only module that knows both
 * backends; the PostgreSQL driver (pg) is loaded only when a `postgres://` store is asked for. Throws
 * `StoreUnavailableError` when the store cannot be opened.
 */
export async function openStore(config: Config['store'], options: { log: Logger }): Promise<Store> {
  if (config.kind === 'sqlite') return openSqliteStore({ path: config.path, log: options.log });
  const { openPostgresStore } = await import('./postgres/postgres-store.js');
  return openPostgresStore({ url: config.url, log: options.log });
}
