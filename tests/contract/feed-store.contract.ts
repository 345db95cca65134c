import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/data/store.js';

const T0 = '2026-11-25T08:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();

/** The FeedStore contract. `open` must give a new, empty store each time. */
export function describeFeedStore(backend: string, open: () => Promise<Store>): void {
  describe(`${backend}: FeedStore`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('adds, lists and returns the existing feed for a URL added twice', async () => {
      const feed = await store.feeds.addFeed({ url: 'https://news.example.com/rss', title: 'Example', outlet: 'Example Daily' }, T0);
      expect(feed).toMatchObject({
        url: 'https://news.example.com/rss',
        title: 'Example',
        outlet: 'Example Daily',
        section: null,
        addedAt: T0,
        etag: null,
        lastPolledAt: null,
        lastError: null,
        consecutiveFailures: 0,
        nextPollAt: null,
      });
      expect(feed.id).toBeGreaterThan(0);
      const again = await store.feeds.addFeed({ url: 'https://news.example.com/rss' }, at(1_000));
      expect(again).toEqual(feed);
      await store.feeds.addFeed({ url: 'https://other.example.com/atom.xml' }, T0);
      expect((await store.feeds.listFeeds()).map((f) => f.url)).toEqual([
        'https://news.example.com/rss',
        'https://other.example.com/atom.xml',
      ]);
    });

    it('removes by id and by URL', async () => {
      const a = await store.feeds.addFeed({ url: 'https://a.example.com/rss' }, T0);
      await store.feeds.addFeed({ url: 'https://b.example.com/rss' }, T0);
      expect(await store.feeds.removeFeed(a.id)).toBe(true);
      expect(await store.feeds.removeFeed(a.id)).toBe(false);
      expect(await store.feeds.removeFeed('https://b.example.com/rss')).toBe(true);
      expect(await store.feeds.removeFeed('https://b.example.com/rss')).toBe(false);
      expect(await store.feeds.listFeeds()).toEqual([]);
    });

    it('gives two claimers disjoint feeds and no feed twice within a lease', async () => {
      for (const name of ['a', 'b', 'c']) await store.feeds.addFeed({ url: `https://${name}.example.com/rss` }, T0);
      const first = await store.feeds.claimDueFeeds('instance-1', T0, 60_000, 2);
      const second = await store.feeds.claimDueFeeds('instance-2', T0, 60_000, 10);
      expect(first).toHaveLength(2);
      expect(second).toHaveLength(1);
      const ids = [...first, ...second].map((feed) => feed.id);
      expect(new Set(ids).size).toBe(3);
      expect(await store.feeds.claimDueFeeds('instance-3', at(59_000), 60_000, 10)).toEqual([]);
    });

    it('grants claims to racing claimers without overlap', async () => {
      for (let i = 0; i < 6; i += 1) await store.feeds.addFeed({ url: `https://f${i}.example.com/rss` }, T0);
      const claims = await Promise.all([1, 2, 3].map((n) => store.feeds.claimDueFeeds(`instance-${n}`, T0, 60_000, 4)));
      const ids = claims.flat().map((feed) => feed.id);
      expect(ids).toHaveLength(6);
      expect(new Set(ids).size).toBe(6);
    });

    it('lets an expired lease be claimed again', async () => {
      const feed = await store.feeds.addFeed({ url: 'https://a.example.com/rss' }, T0);
      expect((await store.feeds.claimDueFeeds('crashed', T0, 60_000, 10)).map((f) => f.id)).toEqual([feed.id]);
      expect(await store.feeds.claimDueFeeds('survivor', at(30_000), 60_000, 10)).toEqual([]);
      expect((await store.feeds.claimDueFeeds('survivor', at(60_000), 60_000, 10)).map((f) => f.id)).toEqual([feed.id]);
    });

    it('records a successful poll, releases the claim and waits for nextPollAt', async () => {
      const feed = await store.feeds.addFeed({ url: 'https://a.example.com/rss' }, T0);
      await store.feeds.claimDueFeeds('instance-1', T0, 60_000, 10);
      await store.feeds.recordPoll(feed.id, { ok: true, at: at(1_000), etag: '"v1"', lastModified: 'Wed, 25 Nov 2026 07:00:00 GMT', nextPollAt: at(900_000) });
      const [polled] = await store.feeds.listFeeds();
      expect(polled).toMatchObject({
        etag: '"v1"',
        lastModified: 'Wed, 25 Nov 2026 07:00:00 GMT',
        lastPolledAt: at(1_000),
        lastSuccessAt: at(1_000),
        lastError: null,
        consecutiveFailures: 0,
        nextPollAt: at(900_000),
      });
      expect(await store.feeds.claimDueFeeds('instance-2', at(899_000), 60_000, 10)).toEqual([]);
      expect(await store.feeds.claimDueFeeds('instance-2', at(900_000), 60_000, 10)).toHaveLength(1);
    });

    it('records failures with a growing count and clears them on success', async () => {
      const feed = await store.feeds.addFeed({ url: 'https://a.example.com/rss' }, T0);
      await store.feeds.recordPoll(feed.id, { ok: false, at: at(1_000), error: 'HTTP 503', nextPollAt: at(120_000) });
      await store.feeds.recordPoll(feed.id, { ok: false, at: at(130_000), error: 'timeout', nextPollAt: at(400_000) });
      const [failed] = await store.feeds.listFeeds();
      expect(failed).toMatchObject({ lastError: 'timeout', consecutiveFailures: 2, lastPolledAt: at(130_000), lastSuccessAt: null, nextPollAt: at(400_000) });
      await store.feeds.recordPoll(feed.id, { ok: true, at: at(500_000), etag: null, lastModified: null, nextPollAt: null });
      const [recovered] = await store.feeds.listFeeds();
      expect(recovered).toMatchObject({ lastError: null, consecutiveFailures: 0, lastSuccessAt: at(500_000), nextPollAt: null });
    });

    it('round-trips feeds through import', async () => {
      const a = await store.feeds.addFeed({ url: 'https://a.example.com/rss', section: 'Local' }, T0);
      await store.feeds.addFeed({ url: 'https://b.example.com/rss' }, T0);
      await store.feeds.recordPoll(a.id, { ok: false, at: at(1_000), error: 'HTTP 500', nextPollAt: at(60_000) });
      const exported = await store.feeds.listFeeds();
      const target = await open();
      try {
        expect(await target.feeds.importFeeds(exported)).toBe(2);
        expect(await target.feeds.listFeeds()).toEqual(exported);
        const added = await target.feeds.addFeed({ url: 'https://c.example.com/rss' }, T0);
        expect(exported.map((feed) => feed.id)).not.toContain(added.id);
      } finally {
        await target.close();
      }
    });
  });
}
