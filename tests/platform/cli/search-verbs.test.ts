import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { NewArticle } from '../../../src/data/schemas.js';
import { openSqliteStore } from '../../../src/data/sqlite/sqlite-store.js';
import type { Store } from '../../../src/data/store.js';
import { UsageError } from '../../../src/errors.js';
import { silentLogger } from '../../../src/log.js';
import type { CliApp } from '../../../src/platform/cli/cli-app.js';
import { formatArticle, lookUpArticle, notFoundText, registerSearchVerbs, resolveDateBound } from '../../../src/platform/cli/search-verbs.js';

const budget = NewArticle.parse({
  url: 'https://harbour.example.com/2026/11/24/budget-vote',
  title: 'Harbour council passes budget after long night',
  authors: ['Maria Lindqvist', 'Tom Berg'],
  outlet: 'Harbour Post',
  section: 'Politics',
  publishedAt: '2026-11-24T22:30:00+01:00',
  text: 'The council passed the budget at 2 a.m.\n\n"We kept the ferries running," said Mayor Ana Ruiz.',
});
const ferry = NewArticle.parse({
  url: 'https://wire.example.com/ferry',
  title: 'Ferry timetable to change in spring',
  outlet: 'City Wire',
  section: 'Local',
  publishedAt: '2026-11-20T08:00:00Z',
  text: 'Ferries will run every twenty minutes from March, the budget office said.',
});

describe('resolveDateBound', () => {
  it('passes ISO timestamps through and turns days into newsroom-local day bounds', () => {
    expect(resolveDateBound('2026-11-24T09:00:00+01:00', 'from', 'UTC')).toBe('2026-11-24T09:00:00+01:00');
    expect(resolveDateBound('2026-11-24', 'from', 'UTC')).toBe('2026-11-24T00:00:00.000Z');
    expect(resolveDateBound('2026-11-24', 'to', 'UTC')).toBe('2026-11-25T00:00:00.000Z');
    expect(resolveDateBound('2026-11-24', 'from', 'Europe/Berlin')).toBe('2026-11-23T23:00:00.000Z');
  });

  it('refuses anything else with a usage error', () => {
    expect(() => resolveDateBound('yesterday', 'from', 'UTC')).toThrow(UsageError);
    expect(() => resolveDateBound('2026-13-01', 'to', 'UTC')).toThrow(/--to "2026-13-01"/);
  });
});

describe('show lookup and format', () => {
  let store: Store;
  let budgetId = '';
  beforeAll(async () => {
    store = await openSqliteStore({ path: ':memory:', log: silentLogger });
    const [result] = await store.articles.upsert([budget, ferry]);
    budgetId = result?.id ?? '';
  });
  afterAll(async () => {
    await store.close();
  });

  it('finds an article by id, id prefix and URL', async () => {
    for (const reference of [budgetId, budgetId.slice(0, 6).toUpperCase(), `${budget.url ?? ''}?utm_source=x`]) {
      const found = await lookUpArticle(store, reference);
      expect('article' in found && found.article.id, reference).toBe(budgetId);
    }
  });

  it('finds nothing for unknown or malformed references', async () => {
    for (const reference of ['ffffffffffff', 'abc', 'budget', 'https://nowhere.example.com/x']) {
      expect(await lookUpArticle(store, reference), reference).toEqual({ candidates: [] });
    }
  });

  it('prints headline, byline, outlet, date, link and id before the text', async () => {
    const article = await store.articles.get(budgetId);
    if (article === undefined) throw new Error('seeded article missing');
    expect(formatArticle(article).split('\n')).toEqual([
      'Harbour council passes budget after long night',
      'By Maria Lindqvist, Tom Berg',
      'Harbour Post / Politics',
      'Published 2026-11-24T22:30:00+01:00',
      'https://harbour.example.com/2026/11/24/budget-vote',
      `id ${budgetId}`,
      '',
      'The council passed the budget at 2 a.m.',
      '',
      '"We kept the ferries running," said Mayor Ana Ruiz.',
    ]);
  });
});

type Harness = { out: string[]; run: (...args: string[]) => Promise<number | undefined> };

/** The verbs wired into a real commander program, over an in-memory store, printing into `out`. */
function harness(store: Store): Harness {
  const out: string[] = [];
  const app: CliApp = {
    config: loadConfig({ SEED_SAMPLES: 'false', NEWSROOM_TIMEZONE: 'UTC' }),
    log: silentLogger,
    withStore: (work) => work(store),
    print: (line) => out.push(line),
  };
  return {
    out,
    async run(...args) {
      const program = new Command('newsbrief').exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
      registerSearchVerbs(program, () => app);
      out.length = 0;
      process.exitCode = undefined;
      try {
        await program.parseAsync(args, { from: 'user' });
        return typeof process.exitCode === 'number' ? process.exitCode : undefined;
      } finally {
        process.exitCode = undefined;
      }
    },
  };
}

describe('search and show verbs', () => {
  let store: Store;
  let cli: Harness;
  let budgetId = '';
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  beforeAll(async () => {
    store = await openSqliteStore({ path: ':memory:', log: silentLogger });
    const [result] = await store.articles.upsert([budget, ferry]);
    budgetId = result?.id ?? '';
    cli = harness(store);
  });
  afterAll(async () => {
    stderr.mockRestore();
    await store.close();
  });

  it('prints one JSON object per hit, best first', async () => {
    expect(await cli.run('search', 'budget', '--json')).toBe(0);
    const lines = cli.out.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line.title)).toEqual([budget.title, ferry.title]);
    expect(lines[0]).toMatchObject({ id: budgetId, url: budget.url, publishedAt: budget.publishedAt });
  });

  it('prints a readable list, or says that nothing matched', async () => {
    expect(await cli.run('search', 'ferry', 'timetable')).toBe(0);
    expect(cli.out[0]).toContain(ferry.title);
    expect(await cli.run('search', 'glacier')).toBe(0);
    expect(cli.out).toEqual(['No stored article matches "glacier".']);
  });

  it('applies the outlet filter, the date bounds and the limit', async () => {
    await cli.run('search', 'budget', '--outlet', 'city wire', '--json');
    expect(cli.out.map((line) => (JSON.parse(line) as { title: string }).title)).toEqual([ferry.title]);
    await cli.run('search', 'budget', '--from', '2026-11-24', '--to', '2026-11-24', '--json');
    expect(cli.out.map((line) => (JSON.parse(line) as { title: string }).title)).toEqual([budget.title]);
    await cli.run('search', 'budget', '--limit', '1', '--json');
    expect(cli.out).toHaveLength(1);
  });

  it('rejects bad options as usage errors', async () => {
    await expect(cli.run('search', 'budget', '--limit', 'many')).rejects.toThrow(UsageError);
    await expect(cli.run('search', 'budget', '--from', 'last tuesday')).rejects.toThrow(UsageError);
    await expect(cli.run('search', ' ')).rejects.toThrow(UsageError);
    await expect(cli.run('search', 'budget', '--from', '2026-11-25', '--to', '2026-11-01')).rejects.toThrow(
      '--from 2026-11-25 is after --to 2026-11-01',
    );
    await expect(cli.run('show')).rejects.toThrow(CommanderError);
  });

  it('shows an article for a person or as JSON, and exits 1 when there is none', async () => {
    expect(await cli.run('show', budgetId.slice(0, 6))).toBe(0);
    expect(cli.out.join('\n').split('\n').slice(0, 2)).toEqual([budget.title, 'By Maria Lindqvist, Tom Berg']);
    expect(await cli.run('show', budget.url ?? '', '--json')).toBe(0);
    expect(JSON.parse(cli.out[0] ?? '')).toMatchObject({ id: budgetId, title: budget.title, text: budget.text });
    expect(await cli.run('show', 'ffffffffffff')).toBe(1);
    expect(cli.out).toEqual([]);
  });

  it('lists stored articles, the latest ingested first, as lines or JSON', async () => {
    expect(await cli.run('list')).toBe(0);
    expect(cli.out).toHaveLength(2);
    expect(cli.out.join('\n')).toContain(`${budgetId}  2026-11-24  ${budget.title}  (Harbour Post / Politics)`);
    expect(await cli.run('list', '--json', '--limit', '1')).toBe(0);
    expect(cli.out).toHaveLength(1);
    expect(await cli.run('list', '--since', '2999-01-01')).toBe(0);
    expect(cli.out).toEqual(['No stored articles ingested since 2999-01-01.']);
    await expect(cli.run('list', '--since', 'soon')).rejects.toThrow(UsageError);
  });

  it('deletes one article by id prefix, and exits 1 for none', async () => {
    const [extra] = await store.articles.upsert([NewArticle.parse({ title: 'Quay lamp repainted', text: 'The old quay lamp was repainted green.' })]);
    const id = extra?.id ?? '';
    expect(await cli.run('delete', id.slice(0, 6))).toBe(0);
    expect(cli.out).toEqual([`Deleted ${id}: Quay lamp repainted`]);
    expect(await store.articles.get(id)).toBeUndefined();
    expect(await cli.run('delete', id)).toBe(1);
  });

  it('says an id prefix needs 4 characters', () => {
    expect(notFoundText(budgetId.slice(0, 3))).toContain('an id prefix needs at least 4 characters');
    expect(notFoundText('ffffffffffff')).toBe('No stored article has the id or URL "ffffffffffff" (try: newsbrief search WORDS).');
  });
});

describe('newsbrief search and show (as a process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-cli-'));
  const dbPath = join(dir, 'cli.db');
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: `sqlite:${dbPath}`, LOG_LEVEL: 'error', SEED_SAMPLES: 'false', NEWSROOM_TIMEZONE: 'UTC' },
      timeout: 120_000,
    });
  beforeAll(async () => {
    const store = await openSqliteStore({ path: dbPath, log: silentLogger });
    await store.articles.upsert([budget, ferry]);
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('searches as JSON lines and exits 1 for an unknown article', { timeout: 240_000 }, () => {
    const found = run('search', 'budget', '--json');
    expect(found.status).toBe(0);
    expect(found.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { title: string }).title)).toEqual([budget.title, ferry.title]);
    const missing = run('show', 'ffffffffffff');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('No stored article');
  });
});
