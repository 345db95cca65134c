import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NewArticle } from '../../../src/data/schemas.js';
import { openStore } from '../../../src/data/open-store.js';
import type { Store } from '../../../src/data/store.js';
import { silentLogger } from '../../../src/log.js';
import { runDigestSlot, type DigestPoster, type DigestRunDeps } from '../../../src/services/digest/digest-runner.js';
import { DigestScheduler } from '../../../src/services/digest/digest-scheduler.js';
import { describeWithPostgres } from '../../support/postgres.js';
import { makeArticle, makeSettings, RecordingPoster, renderAsText, titleLines } from './digest-test-kit.js';

const settings = makeSettings({ time: '07:00', timezone: 'Asia/Tokyo' });

function runDeps(store: Store, poster: DigestPoster<string>, instanceId: string, at: Date): DigestRunDeps<string> {
  return {
    store,
    log: silentLogger,
    now: () => at,
    instanceId,
    poster,
    render: renderAsText,
    lines: titleLines,
    sleep: async () => undefined,
  };
}

/** The same cases on every backend: separate connections stand for separate instances sharing one database. */
function describeDigestOnStore(backend: string, openShared: () => Promise<() => Promise<Store>>): void {
  describe(`${backend}: digest slots`, () => {
    let open: () => Promise<Store>;
    const opened: Store[] = [];
    const connect = async (): Promise<Store> => {
      const store = await open();
      opened.push(store);
      return store;
    };

    beforeEach(async () => {
      open = await openShared();
    });
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });

    it('lets exactly one of several instances post the same slot', async () => {
      const first = await connect();
      await first.articles.upsert([
        NewArticle.parse({ title: 'Tokyo port expands', section: 'World', publishedAt: '2026-06-14T20:00:00.000Z', text: 'The port grew.' }),
      ]);
      const stores = [first, await connect(), await connect(), await connect()];
      const poster = new RecordingPoster();
      const at = new Date('2026-06-14T22:00:00.000Z');
      const outcomes = await Promise.all(
        stores.map((store, index) => runDigestSlot(settings, '2026-06-15', runDeps(store, poster, `instance-${index}`, at))),
      );
      expect(outcomes.filter((outcome) => outcome.status === 'posted')).toHaveLength(1);
      expect(poster.posts).toEqual([{ channelId: settings.channelId, message: 'World: Tokyo port expands' }]);
      expect(await first.digests.getRecord(settings.guildId, '2026-06-15')).toMatchObject({ status: 'posted', messageIds: ['90000000000000001'] });
    });

    it("posts one entry for a story's articles, under the freshest headline", async () => {
      const store = await connect();
      const [older, newer, other] = await store.articles.upsert([
        NewArticle.parse({ title: 'Tokyo port strike begins', section: 'World', publishedAt: '2026-06-14T18:00:00.000Z', text: 'Dockers walked out.' }),
        NewArticle.parse({ title: 'Tokyo port strike spreads', section: 'World', publishedAt: '2026-06-14T20:00:00.000Z', text: 'More dockers walked out.' }),
        NewArticle.parse({ title: 'Rice prices ease', section: 'World', publishedAt: '2026-06-14T19:00:00.000Z', text: 'Rice is cheaper.' }),
      ]);
      await store.stories.assign([
        { articleId: older?.id ?? '', storyId: 'story-strike' },
        { articleId: newer?.id ?? '', storyId: 'story-strike' },
        { articleId: other?.id ?? '', storyId: 'story-rice' },
      ]);
      const poster = new RecordingPoster();
      await runDigestSlot(settings, '2026-06-15', runDeps(store, poster, 'instance-1', new Date('2026-06-14T22:00:00.000Z')));
      expect(poster.posts.map((post) => post.message)).toEqual(['World: Tokyo port strike spreads, Rice prices ease']);
    });

    it('lets another instance finish a digest the first left part-posted, without posting any message twice', async () => {
      const first = await connect();
      // Imported, so each keeps its stored time: a resumed digest reads only what was stored by its first attempt.
      await first.articles.importArticles([
        makeArticle({ title: 'Tokyo port expands', section: 'World', publishedAt: '2026-06-14T20:00:00.000Z' }),
        makeArticle({ title: 'Rice prices ease', section: 'Business', publishedAt: '2026-06-14T19:00:00.000Z' }),
        makeArticle({ title: 'Sumo final tonight', section: 'Sport', publishedAt: '2026-06-14T18:00:00.000Z' }),
      ]);
      const channel = new RecordingPoster();
      const refusesSecond: DigestPoster<string> = {
        post: async (channelId, message) =>
          channel.posts.length === 1 ? { ok: false, retryable: false, reason: 'Missing Access (50001)' } : channel.post(channelId, message),
      };
      const failed = await runDigestSlot(settings, '2026-06-15', runDeps(first, refusesSecond, 'instance-a', new Date('2026-06-14T22:00:00.000Z')));
      expect(failed).toMatchObject({ status: 'failed' });

      const second = await connect();
      const later = await runDigestSlot(settings, '2026-06-15', runDeps(second, channel, 'instance-b', new Date('2026-06-14T23:00:00.000Z')));
      expect(later).toMatchObject({ status: 'posted', messageIds: ['90000000000000001', '90000000000000002', '90000000000000003'] });
      expect(channel.posts.map((post) => post.message)).toEqual(['World: Tokyo port expands', 'Business: Rice prices ease', 'Sport: Sumo final tonight']);
      expect(await first.digests.getRecord(settings.guildId, '2026-06-15')).toMatchObject({
        status: 'posted',
        messageIds: ['90000000000000001', '90000000000000002', '90000000000000003'],
        windowTo: '2026-06-14T22:00:00.000Z',
      });
    });

    it('does not post again after a restart, and posts the next day', async () => {
      // The store's own timers (connection timeouts) run on the real clock, so time here is only the injected `now`.
      const poster = new RecordingPoster();
      const first = await connect();
      await first.digests.saveSettings(settings);
      const startAt = async (store: Store, instanceId: string, at: string) => {
        const scheduler = new DigestScheduler({ ...runDeps(store, poster, instanceId, new Date(at)), graceMinutes: 120 });
        const outcome = (await scheduler.start()).get(settings.guildId);
        await scheduler.stop();
        return outcome;
      };
      expect(await startAt(first, 'instance-a', '2026-06-14T22:05:00.000Z')).toMatchObject({ status: 'posted', localDate: '2026-06-15' });
      expect(await startAt(await connect(), 'instance-b', '2026-06-14T22:10:00.000Z')).toEqual({ status: 'already-posted', localDate: '2026-06-15' });
      expect(await startAt(await connect(), 'instance-c', '2026-06-15T22:05:00.000Z')).toMatchObject({ status: 'posted', localDate: '2026-06-16' });
      expect(poster.posts).toHaveLength(2);
      expect(await first.digests.lastPosted(settings.guildId)).toMatchObject({ localDate: '2026-06-16', status: 'posted' });
    });
  });
}

const sqliteDirs: string[] = [];
afterAll(() => {
  for (const dir of sqliteDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describeDigestOnStore('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-digest-'));
  sqliteDirs.push(dir);
  const path = join(dir, 'store.db');
  return () => openStore({ kind: 'sqlite', path }, { log: silentLogger });
});

describeWithPostgres('postgres: digest slots', (db) => {
  describeDigestOnStore('postgres', async () => {
    const url = await db.freshSchemaUrl();
    return () => openStore({ kind: 'postgres', url }, { log: silentLogger });
  });
});
