import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoryExport } from '../../src/data/schemas.js';
import type { Store } from '../../src/data/store.js';
import { collect, makeArticle } from './article-store.contract.js';

/** The StoryStore contract. `open` must give a new, empty store each time. */
export function describeStoryStore(backend: string, open: () => Promise<Store>): void {
  describe(`${backend}: StoryStore`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    /** Three articles on one event from two outlets over two days, and one on another event. */
    async function storeEvent(): Promise<string[]> {
      const results = await store.articles.upsert([
        makeArticle({ title: 'Dockers vote to strike at the east port', outlet: 'Harbour Post', publishedAt: '2026-11-20T08:00:00Z' }),
        makeArticle({ title: 'East port strike begins at dawn', outlet: 'Coast Times', publishedAt: '2026-11-21T06:00:00Z' }),
        makeArticle({ title: 'Port strike talks resume', outlet: 'Harbour Post', publishedAt: '2026-11-21T15:30:00+01:00' }),
        makeArticle({ title: 'Library extends its opening hours', outlet: null, publishedAt: '2026-11-21T09:00:00Z' }),
      ]);
      return results.map((result) => result.id);
    }

    it('derives headline, first and last seen, count and outlets from the articles of a story', async () => {
      const [a, b, c, d] = await storeEvent();
      await store.stories.assign([
        { articleId: a ?? '', storyId: 's-port' },
        { articleId: b ?? '', storyId: 's-port' },
        { articleId: c ?? '', storyId: 's-port' },
        { articleId: d ?? '', storyId: 's-library' },
      ]);
      expect(await store.stories.get('s-port')).toEqual({
        id: 's-port',
        headline: 'Port strike talks resume',
        firstSeenAt: '2026-11-20T08:00:00.000Z',
        lastSeenAt: '2026-11-21T14:30:00.000Z',
        articleCount: 3,
        outlets: ['Coast Times', 'Harbour Post'],
      });
      expect((await store.stories.ofArticle(d ?? ''))).toMatchObject({ id: 's-library', articleCount: 1, outlets: [] });
      expect((await store.stories.articles('s-port', 10)).map((article) => article.id)).toEqual([c, b, a]);
      expect((await store.stories.articles('s-port', 1)).map((article) => article.id)).toEqual([c]);
      expect(await store.stories.storyIdsOf([a ?? '', d ?? '', '000000000000'])).toEqual(
        new Map([
          [a, 's-port'],
          [d, 's-library'],
        ]),
      );
    });

    it('gives no story for an article not yet assigned, and lists those articles oldest first', async () => {
      const [a, b, c, d] = await storeEvent();
      expect(await store.stories.ofArticle(a ?? '')).toBeUndefined();
      expect(await store.stories.get('nothing')).toBeUndefined();
      await store.stories.assign([{ articleId: b ?? '', storyId: 's1' }]);
      expect((await store.stories.unassigned(10)).map((article) => article.id)).toEqual([a, d, c]);
      expect((await store.stories.unassigned(1)).map((article) => article.id)).toEqual([a]);
    });

    it('moves every article of a merged story and still finds the story by the merged id', async () => {
      const [a, b, c] = await storeEvent();
      await store.stories.assign([
        { articleId: a ?? '', storyId: 's-a' },
        { articleId: b ?? '', storyId: 's-b' },
      ]);
      await store.stories.assign([{ articleId: c ?? '', storyId: 's-a', mergedStoryIds: ['s-b'] }]);
      expect(await store.stories.get('s-a')).toMatchObject({ articleCount: 3 });
      expect((await store.stories.get('s-b'))?.id).toBe('s-a');
      expect((await store.stories.ofArticle(b ?? ''))?.id).toBe('s-a');
      // A story merged again carries the earlier merges along.
      await store.stories.assign([{ articleId: c ?? '', storyId: 's-z', mergedStoryIds: ['s-a'] }]);
      expect((await store.stories.get('s-b'))?.id).toBe('s-z');
      expect(await store.stories.list({ from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z', limit: 10 })).toHaveLength(1);
    });

    it('recomputes a story when an article moves out, is updated or is deleted, and drops an emptied story', async () => {
      const [a, b] = await storeEvent();
      await store.stories.assign([
        { articleId: a ?? '', storyId: 's1' },
        { articleId: b ?? '', storyId: 's1' },
      ]);
      await store.stories.assign([{ articleId: b ?? '', storyId: 's2' }]);
      expect(await store.stories.get('s1')).toMatchObject({ articleCount: 1, headline: 'Dockers vote to strike at the east port' });
      const original = await store.articles.get(a ?? '');
      await store.articles.upsert([{ ...(original ?? makeArticle()), title: 'Dockers vote for an all-out strike' }]);
      expect((await store.stories.get('s1'))?.headline).toBe('Dockers vote for an all-out strike');
      expect(await store.articles.delete(a ?? '')).toBe(true);
      expect(await store.stories.get('s1')).toBeUndefined();
      expect(await store.stories.get('s2')).toMatchObject({ articleCount: 1 });
    });

    it('lists the stories seen in a range, last seen first', async () => {
      const [a, b, c, d] = await storeEvent();
      await store.stories.assign([
        { articleId: a ?? '', storyId: 's-port' },
        { articleId: b ?? '', storyId: 's-port' },
        { articleId: c ?? '', storyId: 's-port' },
        { articleId: d ?? '', storyId: 's-library' },
      ]);
      const day = (from: string, to: string) => store.stories.list({ from, to, limit: 10 }).then((all) => all.map((story) => story.id));
      expect(await day('2026-11-20T00:00:00Z', '2026-11-21T00:00:00Z')).toEqual(['s-port']);
      expect(await day('2026-11-21T00:00:00Z', '2026-11-22T00:00:00Z')).toEqual(['s-port', 's-library']);
      expect(await day('2026-11-22T00:00:00Z', '2026-11-23T00:00:00Z')).toEqual([]);
      expect(await store.stories.list({ from: '2026-11-21T00:00:00Z', to: '2026-11-22T00:00:00Z', limit: 1 })).toHaveLength(1);
    });

    it('gives the recent window of assigned articles, newest first, bounded by date and count', async () => {
      const [a, b, c, d] = await storeEvent();
      await store.stories.assign([
        { articleId: a ?? '', storyId: 's-port' },
        { articleId: b ?? '', storyId: 's-port' },
        { articleId: c ?? '', storyId: 's-port' },
      ]);
      const window = { from: '2026-11-21T00:00:00Z', to: '2026-11-21T14:00:00Z', limit: 10, leadChars: 12 };
      expect(await store.stories.recent(window)).toEqual([
        { id: b, storyId: 's-port', title: 'East port strike begins at dawn', outlet: 'Coast Times', publishedAt: '2026-11-21T06:00:00Z', lead: 'The harbour ' },
      ]);
      const wider = await store.stories.recent({ ...window, to: '2026-11-22T00:00:00Z' });
      expect(wider.map((member) => member.id)).toEqual([c, b]);
      expect(wider.map((member) => member.id)).not.toContain(d);
      expect(await store.stories.recent({ ...window, from: '2026-11-01T00:00:00Z', limit: 1 })).toHaveLength(1);
    });

    it('exports stories with their articles and imports them into another store', async () => {
      const [a, b, c, d] = await storeEvent();
      await store.stories.assign([
        { articleId: a ?? '', storyId: 's-port' },
        { articleId: b ?? '', storyId: 's-port' },
        { articleId: c ?? '', storyId: 's-port' },
        { articleId: d ?? '', storyId: 's-library' },
      ]);
      const exported: StoryExport[] = await collect(store.stories.exportAll());
      expect(exported.map((story) => [story.id, story.articleIds])).toEqual([
        ['s-library', [d]],
        ['s-port', [a, b, c]],
      ]);
      const target = await open();
      try {
        await target.articles.importArticles(await collect(store.articles.exportAll()));
        expect(await target.stories.importStories([...exported, { ...exported[0]!, id: 's-gone', articleIds: ['000000000000'] }])).toBe(2);
        expect(await collect(target.stories.exportAll())).toEqual(exported);
        // Re-importing an article keeps its story's figures right.
        await target.articles.importArticles([(await target.articles.get(a ?? ''))!]);
        expect(await target.stories.get('s-port')).toMatchObject({ articleCount: 2 });
      } finally {
        await target.close();
      }
    });
  });
}
