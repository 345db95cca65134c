import type { Pool, PoolClient } from 'pg';
import { StoreError } from '../../errors.js';

/**
 * Runs driver work, turning any driver failure into a `StoreError` that keeps the original as `cause`.
 * The message carries the server's reason, never the connection string (it holds a password).
 */
export async function guard<T>(operation: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StoreError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new StoreError(`PostgreSQL store could not ${operation}: ${reason}`, { cause: error });
  }
}

/** Runs `work` in one transaction on one pooled connection: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    client.release();
  }
}

/** Validates an ISO timestamp before it reaches SQL, so a bad value is named rather than failing as a cast error. */
export function checkIso(iso: string, what: string): string {
  if (Number.isNaN(Date.parse(iso))) throw new StoreError(`PostgreSQL store got an unreadable ${what} timestamp: ${iso}`);
  return iso;
}
