import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/data/open-store.js';
import type { Store } from '../../../src/data/store.js';
import { silentLogger } from '../../../src/log.js';
import { indexBacklog } from '../../../src/services/stories/index-backlog.js';
import { recordingLogger } from '../../commands/command-context.js';
import { makeArticle } from '../../contract/article-store.contract.js';

describe('indexBacklog', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore({ kind: 'sqlite', path: ':memory:' }, { log: silentLogger });
    // Stored without the ingest service, as articles from before stories and the quote bank were.
    await store.articles.upsert(
      Array.from({ length: 5 }, (_, i) =>
        makeArticle({ text: `Item ${i} of the ferry review.\n\n"We listen to every passenger," said Runa Vale.` }),
      ),
    );
  });
  afterEach(async () => {
    await store.close();
  });

  it('indexes the quotes of every waiting article and puts each in a story, and logs what it did', async () => {
    const { log, lines } = recordingLogger();
    expect(await indexBacklog(store, { log, batchSize: 2 })).toEqual({ quoted: 5, quotes: 5, assigned: 5 });
    expect(await store.quotes.unindexed(10)).toEqual([]);
    expect(await store.stories.unassigned(10)).toEqual([]);
    expect(await store.quotes.bySpeaker('runa vale', 10)).toHaveLength(5);
    expect(lines.find((line) => line['msg'] === 'story and quote backlog indexed')).toMatchObject({ quoted: 5, assigned: 5 });
    expect(await indexBacklog(store, { log })).toEqual({ quoted: 0, quotes: 0, assigned: 0 });
  });

  it('stops at its bound and leaves the rest for the next call', async () => {
    expect(await indexBacklog(store, { log: silentLogger, batchSize: 2, maxArticles: 3 })).toMatchObject({ quoted: 3, assigned: 3 });
    expect(await store.quotes.unindexed(10)).toHaveLength(2);
    expect(await store.stories.unassigned(10)).toHaveLength(2);
    const stop = new AbortController();
    stop.abort();
    expect(await indexBacklog(store, { log: silentLogger, signal: stop.signal })).toMatchObject({ quoted: 0, assigned: 0 });
  });
});
