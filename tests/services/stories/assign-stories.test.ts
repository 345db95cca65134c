import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/data/open-store.js';
import type { Store } from '../../../src/data/store.js';
import { silentLogger } from '../../../src/log.js';
import { storeArticles } from '../../../src/services/ingest/ingest.js';
import { makeArticle } from '../../contract/article-store.contract.js';

const now = () => new Date('2026-11-25T12:00:00Z');

/** Invented coverage of one event by three outlets, and an unrelated story. */
const coverage = () => [
  makeArticle({
    title: 'Glassworks fire forces evacuation of Millbrook riverside homes',
    outlet: 'Millbrook Echo',
    publishedAt: '2026-11-24T07:00:00Z',
    text: 'A fire at the Millbrook glassworks forced the evacuation of forty riverside homes overnight.\n\n"The smoke came under the doors," said Petra Haldane, a resident.',
  }),
  makeArticle({
    title: 'Millbrook glassworks fire: riverside homes evacuated',
    outlet: 'Valley Courier',
    publishedAt: '2026-11-24T09:30:00Z',
    text: 'Firefighters spent the night at the Millbrook glassworks after riverside homes were evacuated.\n\n"We had twelve crews on the scene," said Ansel Brook, the fire chief.',
  }),
  makeArticle({
    title: 'Millbrook glassworks fire: riverside homes reopen to residents',
    outlet: 'Millbrook Echo',
    publishedAt: '2026-11-24T12:00:00Z',
    text: 'Riverside residents returned home on Monday after the glassworks fire in Millbrook was put out.',
  }),
  makeArticle({
    title: 'School choir wins regional carol contest',
    outlet: 'Valley Courier',
    publishedAt: '2026-11-24T18:00:00Z',
    text: 'The Oakfield school choir won the regional carol contest on Monday evening.',
  }),
];

describe('story assignment at ingest', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore({ kind: 'sqlite', path: ':memory:' }, { log: silentLogger });
  });
  afterEach(async () => {
    await store.close();
  });

  it('gives every stored article a story, one story for the coverage of one event', async () => {
    const articles = coverage();
    await storeArticles(store, articles, now);
    expect(await store.stories.unassigned(10)).toEqual([]);
    const ids = (await store.articles.autocomplete('', 10)).map((summary) => summary.id);
    const stories = await store.stories.storyIdsOf(ids);
    expect(stories.size).toBe(4);
    const fire = await store.stories.list({ from: '2026-11-24T00:00:00Z', to: '2026-11-26T00:00:00Z', limit: 10 });
    expect(fire.map((story) => story.articleCount).sort()).toEqual([1, 3]);
    expect(fire.find((story) => story.articleCount === 3)).toMatchObject({
      headline: 'Millbrook glassworks fire: riverside homes reopen to residents',
      outlets: ['Millbrook Echo', 'Valley Courier'],
    });
  });

  it('restores the clusterer from the store, so a later ingest joins the stored story', async () => {
    const [first, second, third, other] = coverage();
    await storeArticles(store, [first!, other!], now);
    await storeArticles(store, [second!], now);
    await storeArticles(store, [third!], now);
    const stories = await store.stories.list({ from: '2026-11-24T00:00:00Z', to: '2026-11-26T00:00:00Z', limit: 10 });
    expect(stories.map((story) => story.articleCount).sort()).toEqual([1, 3]);
  });

  it('indexes the quotes of every stored article, and re-indexes an updated one', async () => {
    const articles = coverage();
    await storeArticles(store, articles, now);
    expect(await store.quotes.unindexed(10)).toEqual([]);
    expect((await store.quotes.bySpeaker('petra haldane', 10)).map((quote) => quote.text)).toEqual(['The smoke came under the doors']);
    const changed = { ...articles[0]!, text: articles[0]!.text.replace('under the doors', 'through the windows') };
    const counts = await storeArticles(store, [changed], now);
    expect(counts.updated).toBe(1);
    expect((await store.quotes.bySpeaker('petra haldane', 10)).map((quote) => quote.text)).toEqual(['The smoke came through the windows']);
    // An update keeps the article's story.
    expect(await store.stories.list({ from: '2026-11-24T00:00:00Z', to: '2026-11-26T00:00:00Z', limit: 10 })).toHaveLength(2);
  });
});
