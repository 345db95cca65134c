import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** Another process holding a SQLite file's write lock; `release` ends it (a no-op once it let go by itself). */
export type LockHolder = { process: ChildProcessWithoutNullStreams; release(): Promise<void> };

/**
 * Starts tests/support/sqlite-lock-holder.ts on the (already created) file at `path` and resolves once that process
 * holds the write lock: for `holdMs` milliseconds, or until `release` when `holdMs` is absent.
 */
export async function holdWriteLock(path: string, holdMs?: number): Promise<LockHolder> {
  const args = ['tests/support/sqlite-lock-holder.ts', path, ...(holdMs === undefined ? [] : [String(holdMs)])];
  const child = spawn(join('node_modules', '.bin', 'tsx'), args, { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' } });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit');
  const locked = once(createInterface({ input: child.stdout }), 'line');
  const first = await Promise.race([locked, exited.then(() => null)]);
  if (first === null) throw new Error(`the lock holder exited before locking: ${stderr}`);
  return {
    process: child,
    async release() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin.end();
      await exited;
    },
  };
}
