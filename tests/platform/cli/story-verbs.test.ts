import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { openSqliteStore } from '../../../src/data/sqlite/sqlite-store.js';
import type { Store } from '../../../src/data/store.js';
import { UsageError } from '../../../src/errors.js';
import { silentLogger } from '../../../src/log.js';
import type { CliApp } from '../../../src/platform/cli/cli-app.js';
import { registerStoryVerbs } from '../../../src/platform/cli/story-verbs.js';
import { makeArticle } from '../../contract/article-store.contract.js';

describe('stories verb', () => {
  let store: Store;
  const out: string[] = [];
  const app: CliApp = {
    config: loadConfig({ SEED_SAMPLES: 'false', NEWSROOM_TIMEZONE: 'Europe/Berlin' }),
    log: silentLogger,
    withStore: (work) => work(store),
    print: (line) => out.push(line),
  };
  const run = async (...args: string[]): Promise<string[]> => {
    const program = new Command('newsbrief').exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
    registerStoryVerbs(program, () => app);
    out.length = 0;
    try {
      await program.parseAsync(args, { from: 'user' });
    } finally {
      process.exitCode = undefined;
    }
    return [...out];
  };

  beforeAll(async () => {
    store = await openSqliteStore({ path: ':memory:', log: silentLogger });
    const [a, b, c] = await store.articles.upsert([
      makeArticle({ title: 'Dockers vote to strike', outlet: 'Harbour Post', publishedAt: '2026-11-23T22:30:00Z' }),
      makeArticle({ title: 'Port strike begins', outlet: 'Coast Times', publishedAt: '2026-11-24T06:00:00Z' }),
      makeArticle({ title: 'Library hours extended', outlet: null, publishedAt: '2026-11-25T09:00:00Z' }),
    ]);
    await store.stories.assign([
      { articleId: a?.id ?? '', storyId: 'story-port' },
      { articleId: b?.id ?? '', storyId: 'story-port' },
      { articleId: c?.id ?? '', storyId: 'story-library' },
    ]);
  });
  afterAll(async () => {
    await store.close();
  });

  it('lists the stories seen on a day in the newsroom timezone, one line each', async () => {
    // 22:30 UTC on the 23rd is already the 24th in Berlin.
    expect(await run('stories', '--date', '2026-11-24')).toEqual([
      'story-port  2 articles   2026-11-24 06:00  Port strike begins  (Coast Times, Harbour Post)',
    ]);
    expect(await run('stories', '--date', '2026-11-26')).toEqual(['No stories seen on 2026-11-26 (Europe/Berlin).']);
  });

  it('writes one JSON object per story with --json', async () => {
    const lines = await run('stories', '--date', '2026-11-25', '--json');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      {
        id: 'story-library',
        headline: 'Library hours extended',
        firstSeenAt: '2026-11-25T09:00:00.000Z',
        lastSeenAt: '2026-11-25T09:00:00.000Z',
        articleCount: 1,
        outlets: [],
      },
    ]);
  });

  it('refuses a day that is not a date', async () => {
    await expect(run('stories', '--date', 'tuesday')).rejects.toThrow(UsageError);
    await expect(run('stories', '--limit', '0')).rejects.toThrow(/--limit "0"/);
  });
});
