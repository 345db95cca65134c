import { setTimeout as sleep } from 'node:timers/promises';
import { SqliteError } from 'better-sqlite3';
import { backoffPauseMs, type Backoff } from '../../backoff.js';
import { StoreError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { guard } from './sqlite-errors.js';

/**
 * How a write waits out other processes holding the database's write lock. Each attempt already waits up to the
 * connection's busy timeout inside SQLite; SQLite's busy handler is not fair, so under several busy writers one of
 * them can lose every race for that long. After a busy attempt the write pauses (exponential back-off with full
 * jitter, so waiting processes do not retry in step) and tries again, at most `attempts` times in all.
 */
export type BusyRetry = Backoff & {
  /** Attempts in all, the first included. */
  attempts: number;
};

/** With the 5 s busy timeout: eight attempts, about 45 s at most before a write gives up. */
export const DEFAULT_BUSY_RETRY: BusyRetry = { attempts: 8, baseMs: 100, maxMs: 2_000 };

/** True for SQLite's "another connection holds the lock" results (`SQLITE_BUSY*`, `SQLITE_LOCKED*`). */
export function isBusy(error: unknown): boolean {
  return error instanceof SqliteError && /^SQLITE_(BUSY|LOCKED)/.test(error.code);
}

/** Runs one synchronous write (a whole transaction or one statement) and resolves with its result. */
export type SqliteWrite = <T>(operation: string, work: () => T) => Promise<T>;

/**
 * A `SqliteWrite` that retries the write while the database is busy, logging each retry. The work must be
 * all-or-nothing (one transaction or one statement), so a busy attempt leaves nothing behind. Any other failure,
 * or a database still busy after the last attempt, is a `StoreError` saying so.
 */
export function retryingWrite(policy: BusyRetry, log: Logger): SqliteWrite {
  return async (operation, work) => {
    const started = Date.now();
    for (let attempt = 1; ; attempt += 1) {
      try {
        return guard(operation, work);
      } catch (error) {
        if (!(error instanceof StoreError) || !isBusy(error.cause)) throw error;
        if (attempt >= policy.attempts) {
          const seconds = Math.round((Date.now() - started) / 1_000);
          throw new StoreError(
            `SQLite store could not ${operation}: the database stayed locked by another process through ${attempt} attempts (${seconds} s)`,
            { cause: error.cause },
          );
        }
        const pauseMs = backoffPauseMs(attempt, policy);
        log.warn({ operation, attempt, pauseMs }, 'sqlite store busy, retrying');
        await sleep(pauseMs);
      }
    }
  };
}
