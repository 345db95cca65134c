import type { Database } from 'better-sqlite3';
import type { Logger } from '../../log.js';
import type { Migration } from '../migrations/sqlite/index.js';

/**
 * Applies the migrations not yet recorded in `schema_migrations`, each in its own immediate transaction (which
 * also serialises two processes starting on the same file). Running it again applies nothing. Returns the versions
 * applied by this call.
 */
export function applyMigrations(db: Database, migrations: readonly Migration[], log: Logger): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const isApplied = db.prepare<[number], { version: number }>('SELECT version FROM schema_migrations WHERE version = ?');
  const record = db.prepare<[number, string, string]>(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    const apply = db.transaction(() => {
      // Checked inside the transaction: another process may have applied it since we looked.
      if (isApplied.get(migration.version) !== undefined) return false;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
      return true;
    });
    if (apply.immediate()) {
      applied.push(migration.version);
      log.info({ version: migration.version, migration: migration.name }, 'store migration applied');
    }
  }
  return applied;
}
