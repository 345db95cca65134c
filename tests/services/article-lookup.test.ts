import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/data/store.js';
import { findArticle } from '../../src/services/article-lookup.js';
import { FERRY_ARTICLE, HEARING_ARTICLE, useBotStore } from '../fixtures/bot-articles.js';

describe('findArticle', () => {
  let store: Store;
  let ids: string[];
  useBotStore((opened) => ({ store, ids } = opened));

  it('finds by exact id, in any case', async () => {
    expect((await findArticle(store.articles, (ids[1] ?? '').toUpperCase()))?.id).toBe(ids[1]);
  });

  it('finds by an id prefix of four or more hex digits', async () => {
    expect((await findArticle(store.articles, (ids[3] ?? '').slice(0, 4)))?.id).toBe(ids[3]);
  });

  it('finds by URL, ignoring tracking parameters and fragments', async () => {
    const found = await findArticle(store.articles, `${FERRY_ARTICLE.url ?? ''}?utm_source=chat#top`);
    expect(found?.id).toBe(ids[0]);
  });

  it('falls back to the best search match for free text', async () => {
    expect((await findArticle(store.articles, 'dredging testimony'))?.title).toBe(HEARING_ARTICLE.title);
  });

  it('returns undefined when nothing matches or the query is blank', async () => {
    expect(await findArticle(store.articles, 'zeppelin marmalade')).toBeUndefined();
    expect(await findArticle(store.articles, '   ')).toBeUndefined();
    expect(await findArticle(store.articles, 'https://elsewhere.example/none')).toBeUndefined();
  });
});
