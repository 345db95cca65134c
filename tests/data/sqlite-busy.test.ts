import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/data/sqlite/sqlite-store.js';
import { StoreError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { makeArticle } from '../contract/article-store.contract.js';
import { holdWriteLock, type LockHolder } from '../support/sqlite-lock.js';

const dir = mkdtempSync(join(tmpdir(), 'newsbrief-busy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** A fresh, migrated store file that no process has open. */
async function freshFile(): Promise<string> {
  files += 1;
  const path = join(dir, `busy-${files}.db`);
  await (await openSqliteStore({ path, log: silentLogger })).close();
  return path;
}

const holders: LockHolder[] = [];
afterEach(async () => {
  await Promise.all(holders.splice(0).map((holder) => holder.release()));
});
const holdLock = async (path: string, holdMs?: number): Promise<LockHolder> => {
  const holder = await holdWriteLock(path, holdMs);
  holders.push(holder);
  return holder;
};

describe('SQLite writes while another process holds the lock', () => {
  const quick = { busyTimeoutMs: 50, log: silentLogger };

  it('waits out a lock held for many busy timeouts and stores the whole batch', async () => {
    const path = await freshFile();
    const store = await openSqliteStore({ ...quick, path, busyRetry: { attempts: 100, baseMs: 20, maxMs: 100 } });
    try {
      await holdLock(path, 1_500);
      const batch = [1, 2, 3].map((n) => makeArticle({ url: `https://harbour.example/ferry-${n}`, title: `Ferry timetable ${n}` }));
      const results = await store.articles.upsert(batch);
      expect(results.map((result) => result.outcome)).toEqual(['inserted', 'inserted', 'inserted']);
      expect(await store.articles.count()).toBe(3);
    } finally {
      await store.close();
    }
  });

  it('gives up after its last attempt, saying the database stayed locked, and stores nothing of the batch', async () => {
    const path = await freshFile();
    const store = await openSqliteStore({ ...quick, path, busyRetry: { attempts: 3, baseMs: 10, maxMs: 20 } });
    try {
      const holder = await holdLock(path);
      const error = await store.articles.upsert([makeArticle()]).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as Error).message).toMatch(/^SQLite store could not store articles: the database stayed locked by another process through 3 attempts/);
      await holder.release();
      expect(await store.articles.count()).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('waits out a lock while opening the file', async () => {
    const path = await freshFile();
    await holdLock(path, 1_000);
    const store = await openSqliteStore({ ...quick, path, busyRetry: { attempts: 100, baseMs: 20, maxMs: 100 } });
    try {
      await store.feeds.addFeed({ url: 'https://harbour.example/rss', title: null, outlet: null, section: null }, '2026-11-25T08:00:00.000Z');
      expect(await store.feeds.listFeeds()).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});
