import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/data/postgres/postgres-store.js';
import { openSqliteStore } from '../../src/data/sqlite/sqlite-store.js';
import type { Store } from '../../src/data/store.js';
import { silentLogger } from '../../src/log.js';
import { exportStore, importStore } from '../../src/platform/cli/store-verbs.js';
import { makeArticle } from '../contract/article-store.contract.js';
import { makeDigestSettings } from '../contract/digest-store.contract.js';
import { describeWithPostgres } from '../support/postgres.js';

const dir = mkdtempSync(join(tmpdir(), 'newsbrief-migration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T0 = Date.parse('2026-11-25T08:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();


/** A newsroom with the awkward cases: no URL, no date, offsets, diacritics, feeds with poll state, two servers. */
async function fillNewsroom(store: Store): Promise<void> {
  const [zurich, , ferry, offset] = await store.articles.upsert([
    makeArticle({ title: 'Zürich café owners protest rent rise', publishedAt: '2026-11-24T23:30:00-05:00' }),
    makeArticle({ url: null, publishedAt: null, section: null, outlet: null, authors: [], tags: [] }),
    makeArticle({ title: 'Ferry timetable changes', text: 'First paragraph.\n\nSecond paragraph, "quoted," she said.' }),
    makeArticle({ publishedAt: '2026-11-25T10:00:00+09:00', authors: ['Ana Ruiz', 'Tom Berg'], tags: ['port', 'budget'] }),
  ]);
  await store.articles.upsert(Array.from({ length: 40 }, (_, i) => makeArticle({ title: `Council budget item ${i}` })));
  await store.stories.assign([
    { articleId: zurich?.id ?? '', storyId: 'story-rent' },
    { articleId: offset?.id ?? '', storyId: 'story-rent' },
    { articleId: ferry?.id ?? '', storyId: 'story-ferry' },
  ]);
  const a = await store.feeds.addFeed({ url: 'https://a.example.com/rss', title: 'A', outlet: 'A Daily', section: 'Local' }, at(0));
  const b = await store.feeds.addFeed({ url: 'https://b.example.com/atom.xml' }, at(1_000));
  await store.feeds.addFeed({ url: 'https://c.example.com/feed.json' }, at(2_000));
  await store.feeds.recordPoll(a.id, { ok: true, at: at(5_000), etag: '"v1"', lastModified: 'Wed, 25 Nov 2026 07:00:00 GMT', nextPollAt: at(900_000) });
  await store.feeds.recordPoll(b.id, { ok: false, at: at(6_000), error: 'HTTP 503', nextPollAt: at(120_000) });
  await store.feeds.removeFeed('https://c.example.com/feed.json');
  await store.digests.saveSettings(makeDigestSettings());
  await store.digests.saveSettings(makeDigestSettings({ guildId: '333333333333333333', sections: [], enabled: false, emptyDay: 'skip', time: '18:05' }));
}

async function exportLines(store: Store): Promise<string[]> {
  const lines: string[] = [];
  await exportStore(store, async (line) => {
    lines.push(line);
  });
  return lines;
}

async function* iterate(lines: readonly string[]): AsyncIterable<string> {
  yield* lines;
}

/** Everything a store holds, in a form two stores can be compared by. */
async function snapshot(store: Store) {
  const articles = [];
  for await (const article of store.articles.exportAll()) articles.push(article);
  const stories = [];
  for await (const story of store.stories.exportAll()) stories.push(story);
  return {
    articles,
    stories,
    feeds: await store.feeds.listFeeds(),
    settings: await store.digests.listSettings(),
    search: (await store.articles.search('budget council', { limit: 50 })).map((hit) => hit.id),
    autocomplete: (await store.articles.autocomplete('zur caf', 5)).map((hit) => hit.id),
  };
}

/** Runs the CLI as its own process, as a newsroom would. */
function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join('node_modules', '.bin', 'tsx'), ['src/main.ts', ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: dir, LOG_LEVEL: 'silent', SEED_SAMPLES: 'false', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describeWithPostgres('moving a newsroom between SQLite and PostgreSQL', (db) => {
  it('round-trips articles, feeds and settings SQLite -> PostgreSQL -> SQLite unchanged', async () => {
    const source = await openSqliteStore({ path: ':memory:', log: silentLogger });
    const postgres = await openPostgresStore({ url: await db.freshSchemaUrl(), log: silentLogger, poolSize: 2 });
    const back = await openSqliteStore({ path: ':memory:', log: silentLogger });
    try {
      await fillNewsroom(source);
      const original = await snapshot(source);
      expect(original.articles).toHaveLength(44);
      expect(original.feeds).toHaveLength(2);
      expect(original.settings).toHaveLength(2);

      const fromSqlite = await exportLines(source);
      expect(fromSqlite).toHaveLength(50);
      const intoPostgres = await importStore(postgres, iterate(fromSqlite));
      expect(intoPostgres).toEqual({ articles: 44, feeds: 2, settings: 2, stories: 2, badLines: [] });
      expect(await snapshot(postgres)).toEqual(original);

      const fromPostgres = await exportLines(postgres);
      expect(fromPostgres).toEqual(fromSqlite);
      await importStore(back, iterate(fromPostgres));
      expect(await snapshot(back)).toEqual(original);
      // Polling state survives the move: a feed waiting for its next poll is not claimed early on the new store.
      expect((await postgres.feeds.claimDueFeeds('new-instance', at(60_000), 60_000, 10)).map((feed) => feed.url)).toEqual([]);
    } finally {
      await Promise.all([source.close(), postgres.close(), back.close()]);
    }
  });

  it('imports the good lines of a damaged file and names each bad line', async () => {
    const source = await openSqliteStore({ path: ':memory:', log: silentLogger });
    const target = await openPostgresStore({ url: await db.freshSchemaUrl(), log: silentLogger, poolSize: 2 });
    try {
      await fillNewsroom(source);
      const lines = await exportLines(source);
      const damaged = [...lines.slice(0, 3), '{"type":"article","data":{"id":"nope"}}', 'not json at all', '', ...lines.slice(3)];
      const report = await importStore(target, iterate(damaged));
      expect(report.badLines.map((bad) => bad.line)).toEqual([4, 5]);
      expect(report.badLines[0]?.reason).toContain('data.id');
      expect(report).toMatchObject({ articles: 44, feeds: 2, settings: 2 });
      expect(await target.articles.count()).toBe(44);
    } finally {
      await Promise.all([source.close(), target.close()]);
    }
  });

  it('moves a SQLite file to PostgreSQL with the two documented commands', async () => {
    const sqliteFile = join(dir, 'newsroom.db');
    const exportFile = join(dir, 'newsroom.jsonl');
    const seed = await openSqliteStore({ path: sqliteFile, log: silentLogger });
    await fillNewsroom(seed);
    const original = await snapshot(seed);
    await seed.close();
    const postgresUrl = await db.freshSchemaUrl();

    const exported = await runCli(['export', '--from-url', `sqlite:${sqliteFile}`, '--output', exportFile], {});
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain('exported 44 articles, 2 feeds, 2 digest settings, 2 stories');
    const imported = await runCli(['import', exportFile], { DATABASE_URL: postgresUrl });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('imported 44 articles, 2 feeds, 2 digest settings, 2 stories');
    expect(readFileSync(exportFile, 'utf8').trim().split('\n')).toHaveLength(50);

    const target = await openPostgresStore({ url: postgresUrl, log: silentLogger, poolSize: 2 });
    try {
      expect(await snapshot(target)).toEqual(original);
    } finally {
      await target.close();
    }
  }, 180_000);
});
