import { StoreError } from '../../errors.js';

/** Runs synchronous driver work, turning any driver failure into a `StoreError` that keeps the original as `cause`. */
export function guard<T>(operation: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof StoreError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new StoreError(`SQLite store could not ${operation}: ${reason}`, { cause: error });
  }
}

/** Milliseconds since the epoch for an ISO timestamp with offset; a `StoreError` for anything unparsable. */
export function toEpochMs(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new StoreError(`SQLite store got an unreadable timestamp: ${iso}`);
  return ms;
}
