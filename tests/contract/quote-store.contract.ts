import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewQuote } from '../../src/data/schemas.js';
import type { Store } from '../../src/data/store.js';
import { makeArticle } from './article-store.contract.js';

export function makeQuote(text: string, speaker: string | null, canonical = speaker?.toLowerCase() ?? null): NewQuote {
  return { text, speaker, canonicalSpeaker: canonical, speakerRole: null, kind: 'direct' };
}

/** The QuoteStore contract. `open` must give a new, empty store each time. */
export function describeQuoteStore(backend: string, open: () => Promise<Store>): void {
  describe(`${backend}: QuoteStore`, () => {
    let store: Store;
    let older: string;
    let newer: string;
    beforeEach(async () => {
      store = await open();
      const results = await store.articles.upsert([
        makeArticle({ title: 'Council approves the seawall', publishedAt: '2026-11-20T08:00:00Z' }),
        makeArticle({ title: 'Seawall works start early', publishedAt: '2026-11-22T08:00:00Z', url: null }),
      ]);
      older = results[0]?.id ?? '';
      newer = results[1]?.id ?? '';
      await store.quotes.replace([
        {
          articleId: older,
          quotes: [
            makeQuote('The seawall protects every home on the front', 'Rosa Whitcombe', 'rosa whitcombe'),
            makeQuote('We were not consulted', 'Ivo Brandt', 'ivo brandt'),
            makeQuote('Nobody expected this', null),
          ],
        },
        { articleId: newer, quotes: [makeQuote('Building starts on Monday, weather allowing', 'Dr. Rosa Whitcombe', 'rosa whitcombe')] },
      ]);
    });
    afterEach(async () => {
      await store.close();
    });

    it("lists one speaker's quotes across articles, newest article first, with the article", async () => {
      const quotes = await store.quotes.bySpeaker('rosa whitcombe', 10);
      expect(quotes.map((quote) => [quote.articleId, quote.text])).toEqual([
        [newer, 'Building starts on Monday, weather allowing'],
        [older, 'The seawall protects every home on the front'],
      ]);
      expect(quotes[0]).toEqual({
        articleId: newer,
        articleTitle: 'Seawall works start early',
        articleUrl: null,
        outlet: 'Example Daily',
        publishedAt: '2026-11-22T08:00:00Z',
        position: 0,
        text: 'Building starts on Monday, weather allowing',
        speaker: 'Dr. Rosa Whitcombe',
        canonicalSpeaker: 'rosa whitcombe',
        speakerRole: null,
        kind: 'direct',
      });
      expect(await store.quotes.bySpeaker('rosa whitcombe', 1)).toHaveLength(1);
      expect(await store.quotes.bySpeaker('nobody', 10)).toEqual([]);
      expect(await store.quotes.count()).toBe(4);
    });

    it('searches quote text by every word, stemmed, optionally for one speaker', async () => {
      const texts = async (query: string, canonicalSpeaker?: string) =>
        (await store.quotes.search(query, { limit: 10, ...(canonicalSpeaker === undefined ? {} : { canonicalSpeaker }) })).map(
          (quote) => quote.text,
        );
      expect(await texts('protect homes')).toEqual(['The seawall protects every home on the front']);
      expect(await texts('consulted')).toEqual(['We were not consulted']);
      expect(await texts('consulted', 'rosa whitcombe')).toEqual([]);
      expect(await texts('seawall monday')).toEqual([]);
      expect(await texts('"(*) OR')).toEqual([]);
    });

    it('suggests speakers whose name words start with the typed words, most quoted first', async () => {
      expect(await store.quotes.speakers(['whit'], 10)).toEqual([{ canonical: 'rosa whitcombe', speaker: 'Dr. Rosa Whitcombe', quotes: 2 }]);
      expect((await store.quotes.speakers(['ro', 'wh'], 10)).map((speaker) => speaker.canonical)).toEqual(['rosa whitcombe']);
      expect((await store.quotes.speakers(['i'], 10)).map((speaker) => speaker.canonical)).toEqual(['ivo brandt']);
      expect(await store.quotes.speakers(['zz'], 10)).toEqual([]);
      expect((await store.quotes.speakers([], 10)).map((speaker) => speaker.canonical)).toEqual(['rosa whitcombe', 'ivo brandt']);
      expect(await store.quotes.speakers(['"*'], 10)).toHaveLength(2);
    });

    it("replaces an article's quotes as a whole when they are stored again", async () => {
      await store.quotes.replace([{ articleId: older, quotes: [makeQuote('A different sentence entirely', 'Ivo Brandt', 'ivo brandt')] }]);
      expect((await store.quotes.bySpeaker('rosa whitcombe', 10)).map((quote) => quote.articleId)).toEqual([newer]);
      expect(await store.quotes.search('seawall protects', { limit: 10 })).toEqual([]);
      expect((await store.quotes.bySpeaker('ivo brandt', 10)).map((quote) => quote.text)).toEqual(['A different sentence entirely']);
      expect(await store.quotes.count()).toBe(2);
    });

    it("removes an article's quotes with the article", async () => {
      expect(await store.articles.delete(older)).toBe(true);
      expect(await store.quotes.bySpeaker('ivo brandt', 10)).toEqual([]);
      expect(await store.quotes.search('consulted', { limit: 10 })).toEqual([]);
      expect(await store.quotes.speakers(['ivo'], 10)).toEqual([]);
      expect(await store.quotes.count()).toBe(1);
    });

    it('marks articles indexed, and pending again once they are updated', async () => {
      const [fresh] = await store.articles.upsert([makeArticle({ title: 'Harbour ferry returns' })]);
      expect((await store.quotes.unindexed(10)).map((article) => article.id)).toEqual([fresh?.id]);
      await store.quotes.replace([{ articleId: fresh?.id ?? '', quotes: [] }, { articleId: '000000000000', quotes: [] }]);
      expect(await store.quotes.unindexed(10)).toEqual([]);
      const stored = await store.articles.get(older);
      await store.articles.upsert([{ ...(stored ?? makeArticle()), text: `${stored?.text ?? ''}\n\nA new paragraph.` }]);
      expect((await store.quotes.unindexed(10)).map((article) => article.id)).toEqual([older]);
    });
  });
}
