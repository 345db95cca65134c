import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { SQLITE_MIGRATIONS } from '../../src/data/migrations/sqlite/index.js';
import { openStore } from '../../src/data/open-store.js';
import { applyMigrations } from '../../src/data/sqlite/migrations.js';
import { SEARCH_CANDIDATE_CAP } from '../../src/data/sqlite/sqlite-article-store.js';
import { openSqliteStore } from '../../src/data/sqlite/sqlite-store.js';
import { describeArticleStore, makeArticle } from '../contract/article-store.contract.js';
import { describeDigestStore } from '../contract/digest-store.contract.js';
import { describeFeedStore } from '../contract/feed-store.contract.js';
import { describeQuoteStore } from '../contract/quote-store.contract.js';
import { describeStoryStore } from '../contract/story-store.contract.js';
import { expectDigestRecordsMigrated } from './digest-records-migrated.js';

const dir = mkdtempSync(join(tmpdir(), 'newsbrief-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const openMemory = () => openSqliteStore({ path: ':memory:', log: silentLogger });
const openFile = () => {
  files += 1;
  return openSqliteStore({ path: join(dir, `store-${files}`, 'newsbrief.db'), log: silentLogger });
};

for (const [backend, open] of [
  ['sqlite :memory:', openMemory],
  ['sqlite file', openFile],
] as const) {
  describeArticleStore(backend, open);
  describeFeedStore(backend, open);
  describeDigestStore(backend, open);
  describeStoryStore(backend, open);
  describeQuoteStore(backend, open);
}

describe('SQLite store', () => {
  it('applies migrations once: opening twice, or running them again, changes nothing', async () => {
    const path = join(dir, 'twice', 'newsbrief.db');
    const first = await openSqliteStore({ path, log: silentLogger });
    await first.articles.upsert([makeArticle()]);
    await first.close();
    const second = await openSqliteStore({ path, log: silentLogger });
    expect(await second.articles.count()).toBe(1);
    await second.close();
    const db = new BetterSqlite3(path);
    try {
      expect(applyMigrations(db, SQLITE_MIGRATIONS, silentLogger)).toEqual([]);
      const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
      expect(versions).toEqual(SQLITE_MIGRATIONS.map((migration) => migration.version));
    } finally {
      db.close();
    }
  });

  it('applies every migration to an empty database and records it', () => {
    const db = new BetterSqlite3(':memory:');
    try {
      expect(applyMigrations(db, SQLITE_MIGRATIONS, silentLogger)).toEqual(SQLITE_MIGRATIONS.map((migration) => migration.version));
      expect(applyMigrations(db, SQLITE_MIGRATIONS, silentLogger)).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('lets the article index gather a bulk transaction\'s entries in memory rather than writing a segment per MiB', () => {
    const db = new BetterSqlite3(':memory:');
    try {
      applyMigrations(db, SQLITE_MIGRATIONS, silentLogger);
      const config = db.prepare<[string], number>('SELECT v FROM articles_fts_config WHERE k = ?').pluck();
      expect(config.get('hashsize')).toBe(16 * 1_048_576);
    } finally {
      db.close();
    }
  });

  it('keeps each digest slot\'s message id when it moves to the list of message ids', async () => {
    const path = join(dir, 'before-progress', 'newsbrief.db');
    mkdirSync(join(dir, 'before-progress'));
    const old = new BetterSqlite3(path);
    try {
      applyMigrations(old, SQLITE_MIGRATIONS.filter((migration) => migration.name !== 'digest-progress'), silentLogger);
      const insert = old.prepare(`INSERT INTO digest_records (guild_id, local_date, status, instance_id, claimed_at,
        claimed_ms, posted_at, message_id, attempts) VALUES ('1', ?, ?, 'a', '2026-11-23T07:00:00.000Z', 0, ?, ?, 1)`);
      insert.run('2026-11-23', 'posted', '2026-11-23T07:00:05.000Z', '555555555555555555');
      insert.run('2026-11-24', 'posted', '2026-11-24T07:00:05.000Z', '');
      insert.run('2026-11-25', 'failed', null, null);
    } finally {
      old.close();
    }
    const store = await openSqliteStore({ path, log: silentLogger });
    try {
      await expectDigestRecordsMigrated(store);
    } finally {
      await store.close();
    }
  });

  it('upgrades a store from before stories: its articles wait for a story and for their quotes', async () => {
    const path = join(dir, 'before-stories', 'newsbrief.db');
    mkdirSync(join(dir, 'before-stories'));
    const old = new BetterSqlite3(path);
    try {
      applyMigrations(old, SQLITE_MIGRATIONS.filter((migration) => migration.version < 7), silentLogger);
      old.prepare(`INSERT INTO articles (seq, id, content_hash, recency_ms, ingested_ms, ingested_at, language, authors, tags, title)
        VALUES (1, 'abcdefabcdef', ?, 0, 0, '1970-01-01T00:00:00.000Z', 'en', '[]', '[]', 'Old harbour story')`).run('0'.repeat(64));
      old.prepare(`INSERT INTO article_texts (seq, text) VALUES (1, '"It was quiet," said Ada Lind.')`).run();
    } finally {
      old.close();
    }
    const store = await openSqliteStore({ path, log: silentLogger });
    try {
      expect((await store.stories.unassigned(10)).map((article) => article.id)).toEqual(['abcdefabcdef']);
      expect((await store.quotes.unindexed(10)).map((article) => article.id)).toEqual(['abcdefabcdef']);
      expect(await store.articles.delete('abcdefabcdef')).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('refuses a path under two missing folders and creates nothing', async () => {
    const path = join(dir, 'missing', 'deeper', 'newsbrief.db');
    await expect(openStore({ kind: 'sqlite', path }, { log: silentLogger })).rejects.toThrow(
      `Could not open the SQLite store at ${path}: the folder ${join(dir, 'missing', 'deeper')} does not exist`,
    );
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  it('opens a file in WAL mode, creating its folder when only that last level is missing', async () => {
    const path = join(dir, 'nested', 'newsbrief.db');
    const store = await openStore({ kind: 'sqlite', path }, { log: silentLogger });
    try {
      expect(store.backend).toBe('sqlite');
      expect(existsSync(path)).toBe(true);
      const db = new BetterSqlite3(path, { readonly: true });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.close();
    } finally {
      await store.close();
    }
  });

  it('keeps the full-text index in step with updates and deletes', async () => {
    const store = await openMemory();
    try {
      const first = makeArticle({ title: 'Orchard harvest', text: 'Apples everywhere.' });
      const [a] = await store.articles.upsert([first]);
      await store.articles.upsert([{ ...first, title: 'Vineyard harvest', text: 'Grapes everywhere.' }]);
      expect(await store.articles.search('apples')).toEqual([]);
      expect(await store.articles.autocomplete('orch', 5)).toEqual([]);
      expect((await store.articles.search('grapes')).map((hit) => hit.id)).toEqual([a?.id]);
      expect((await store.articles.autocomplete('viney', 5)).map((hit) => hit.id)).toEqual([a?.id]);
    } finally {
      await store.close();
    }
  });

  it('answers autocomplete for a broad prefix from the newest titles', async () => {
    const store = await openMemory();
    try {
      const many = Array.from({ length: 2_100 }, (_, i) =>
        makeArticle({ title: `Storm report ${i}`, publishedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString() }),
      );
      await store.articles.upsert(many);
      await store.articles.upsert([makeArticle({ title: 'Sunny day', publishedAt: '2027-01-01T00:00:00Z' })]);
      const found = await store.articles.autocomplete('s', 3);
      expect(found.map((summary) => summary.title)).toEqual(['Sunny day', 'Storm report 2099', 'Storm report 2098']);
      expect((await store.articles.autocomplete('storm rep', 2)).map((s) => s.title)).toEqual(['Storm report 2099', 'Storm report 2098']);
    } finally {
      await store.close();
    }
  });

  it('ranks a very broad query among its newest matches, title matches first', async () => {
    const store = await openMemory();
    try {
      const mentions = Array.from({ length: SEARCH_CANDIDATE_CAP + 50 }, (_, i) =>
        makeArticle({ title: `Council notes ${i}`, text: `Among other things, the weather was discussed (${i}).` }),
      );
      await store.articles.upsert(mentions);
      const [titled] = await store.articles.upsert([makeArticle({ title: 'Weather warning for the coast', text: 'Gales expected.' })]);
      const hits = await store.articles.search('weather', { limit: 5 });
      expect(hits).toHaveLength(5);
      expect(hits[0]?.id).toBe(titled?.id);
    } finally {
      await store.close();
    }
  });

  it('wraps driver failures in StoreError', async () => {
    const store = await openSqliteStore({ path: join(dir, 'plain.db'), log: silentLogger });
    await store.close();
    await expect(store.articles.count()).rejects.toBeInstanceOf(StoreError);
    await expect(openSqliteStore({ path: join(dir, 'plain.db', 'inside', 'x.db'), log: silentLogger })).rejects.toBeInstanceOf(StoreError);
  });
});
