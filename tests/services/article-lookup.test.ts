import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/data/store.js';
import { findArticle, firstUrl, isUrl } from '../../src/services/article-lookup.js';
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

describe('firstUrl', () => {
  it.each([
    ['see https://a.example/x.', 'https://a.example/x'],
    ['(https://a.example/x), then https://b.example/', 'https://a.example/x'],
    ['[story](https://a.example/x?id=1&p=2)', 'https://a.example/x?id=1&p=2'],
    ['<https://a.example/x>', 'https://a.example/x'],
    ['https://a.example/wiki/Bridge_(1990)', 'https://a.example/wiki/Bridge_(1990)'],
    ['**https://a.example/x**', 'https://a.example/x'],
  ])('finds the link in %j', (text, url) => {
    expect(firstUrl(text)).toBe(url);
  });

  it('finds none in text without an http(s) link', () => {
    expect(firstUrl('ftp://a.example/x and www.a.example')).toBeUndefined();
  });
});

describe('isUrl', () => {
  it('is true only for one link and nothing else', () => {
    expect(isUrl(' https://a.example/x ')).toBe(true);
    expect(isUrl('https://a.example/x and words')).toBe(false);
    expect(isUrl('harbour https://a.example/x')).toBe(false);
  });
});
