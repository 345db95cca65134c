import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DigestSettings } from '../../src/data/schemas.js';
import type { Store } from '../../src/data/store.js';

const T0 = '2026-11-25T07:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();
const STALE_MS = 10 * 60_000;

/** Settings for one server, with `overrides`; the migration tests store them too. */
export function makeDigestSettings(overrides: Partial<DigestSettings> = {}): DigestSettings {
  return {
    guildId: '111111111111111111',
    channelId: '222222222222222222',
    time: '07:30',
    timezone: 'Europe/Berlin',
    maxStories: 10,
    sections: ['Politics', 'Local'],
    enabled: true,
    emptyDay: 'note',
    updatedAt: T0,
    ...overrides,
  };
}

/** The DigestStore contract. `open` must give a new, empty store each time. */
export function describeDigestStore(backend: string, open: () => Promise<Store>): void {
  describe(`${backend}: DigestStore`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('settings', () => {
      it('saves, reads, replaces, lists and deletes settings', async () => {
        expect(await store.digests.getSettings('111111111111111111')).toBeUndefined();
        await store.digests.saveSettings(makeDigestSettings());
        expect(await store.digests.getSettings('111111111111111111')).toEqual(makeDigestSettings());
        const changed = makeDigestSettings({ time: '18:05', timezone: 'America/New_York', sections: [], enabled: false, emptyDay: 'skip', updatedAt: at(1_000) });
        await store.digests.saveSettings(changed);
        expect(await store.digests.getSettings('111111111111111111')).toEqual(changed);
        await store.digests.saveSettings(makeDigestSettings({ guildId: '333333333333333333' }));
        expect((await store.digests.listSettings()).map((s) => s.guildId).sort()).toEqual(['111111111111111111', '333333333333333333']);
        expect(await store.digests.deleteSettings('111111111111111111')).toBe(true);
        expect(await store.digests.deleteSettings('111111111111111111')).toBe(false);
        expect(await store.digests.getSettings('111111111111111111')).toBeUndefined();
      });

      it('round-trips settings through import', async () => {
        await store.digests.saveSettings(makeDigestSettings());
        await store.digests.saveSettings(makeDigestSettings({ guildId: '444444444444444444', maxStories: 3 }));
        const exported = await store.digests.listSettings();
        const target = await open();
        try {
          expect(await target.digests.importSettings(exported)).toBe(2);
          expect(await target.digests.listSettings()).toEqual(exported);
        } finally {
          await target.close();
        }
      });
    });

    describe('claims', () => {
      const guild = '111111111111111111';
      const day = '2026-11-25';

      it('grants the slot to exactly one of several racing claimers', async () => {
        const instances = ['a', 'b', 'c', 'd', 'e'];
        const claims = await Promise.all(instances.map((id) => store.digests.claim(guild, day, id, T0, STALE_MS)));
        expect(claims.filter(Boolean)).toHaveLength(1);
        const winner = instances[claims.indexOf(true)];
        expect(await store.digests.getRecord(guild, day)).toMatchObject({
          guildId: guild,
          localDate: day,
          status: 'claimed',
          instanceId: winner,
          claimedAt: T0,
          postedAt: null,
          messageIds: [],
          windowTo: null,
          attempts: 1,
        });
      });

      it('keeps separate slots per server and per day', async () => {
        expect(await store.digests.claim(guild, day, 'a', T0, STALE_MS)).toBe(true);
        expect(await store.digests.claim(guild, '2026-11-26', 'a', T0, STALE_MS)).toBe(true);
        expect(await store.digests.claim('999999999999999999', day, 'a', T0, STALE_MS)).toBe(true);
        expect(await store.digests.claim(guild, day, 'b', T0, STALE_MS)).toBe(false);
      });

      it('never grants a posted slot again', async () => {
        expect(await store.digests.claim(guild, day, 'a', T0, STALE_MS)).toBe(true);
        await store.digests.markPosted(guild, day, { messageIds: ['555555555555555555'], windowTo: T0 }, at(5_000));
        expect(await store.digests.claim(guild, day, 'b', at(6_000), STALE_MS)).toBe(false);
        expect(await store.digests.claim(guild, day, 'b', at(STALE_MS * 10), STALE_MS)).toBe(false);
        await store.digests.markFailed(guild, day, 'late retry failed', at(7_000));
        expect(await store.digests.getRecord(guild, day)).toMatchObject({
          status: 'posted',
          messageIds: ['555555555555555555'],
          windowTo: T0,
          postedAt: at(5_000),
        });
        expect(await store.digests.claim(guild, day, 'c', at(8_000), STALE_MS)).toBe(false);
      });

      it('lets a failed slot be claimed again, counting attempts', async () => {
        expect(await store.digests.claim(guild, day, 'a', T0, STALE_MS)).toBe(true);
        await store.digests.markFailed(guild, day, 'Missing Access', at(1_000));
        expect(await store.digests.getRecord(guild, day)).toMatchObject({ status: 'failed', error: 'Missing Access' });
        const retries = await Promise.all(['b', 'c', 'd'].map((id) => store.digests.claim(guild, day, id, at(2_000), STALE_MS)));
        expect(retries.filter(Boolean)).toHaveLength(1);
        expect(await store.digests.getRecord(guild, day)).toMatchObject({ status: 'claimed', attempts: 2, claimedAt: at(2_000) });
      });

      it('lets a stale claim (crashed holder) be taken over, but not a fresh one', async () => {
        expect(await store.digests.claim(guild, day, 'crashed', T0, STALE_MS)).toBe(true);
        expect(await store.digests.claim(guild, day, 'b', at(STALE_MS - 1_000), STALE_MS)).toBe(false);
        expect(await store.digests.claim(guild, day, 'b', at(STALE_MS + 1_000), STALE_MS)).toBe(true);
        expect((await store.digests.getRecord(guild, day))?.instanceId).toBe('b');
      });

      it('returns the most recent posted slot', async () => {
        expect(await store.digests.lastPosted(guild)).toBeUndefined();
        for (const date of ['2026-11-23', '2026-11-24']) {
          await store.digests.claim(guild, date, 'a', T0, STALE_MS);
          await store.digests.markPosted(guild, date, { messageIds: [`77777777777777777${date.slice(-1)}`], windowTo: T0 }, T0);
        }
        await store.digests.claim(guild, day, 'a', T0, STALE_MS);
        expect(await store.digests.lastPosted(guild)).toMatchObject({ localDate: '2026-11-24', status: 'posted', messageIds: ['777777777777777774'] });
        expect(await store.digests.getRecord(guild, '2026-11-01')).toBeUndefined();
      });
    });

    describe('progress', () => {
      const guild = '111111111111111111';
      const day = '2026-11-25';
      const ids = ['800000000000000001', '800000000000000002', '800000000000000003'];

      it('keeps the messages posted so far, in order, through a failure and the next claim', async () => {
        expect(await store.digests.claim(guild, day, 'a', T0, STALE_MS)).toBe(true);
        await store.digests.saveProgress(guild, day, { messageIds: ids.slice(0, 1), windowTo: T0 });
        await store.digests.saveProgress(guild, day, { messageIds: ids.slice(0, 2), windowTo: T0 });
        expect(await store.digests.getRecord(guild, day)).toMatchObject({ status: 'claimed', messageIds: ids.slice(0, 2), windowTo: T0 });
        await store.digests.markFailed(guild, day, 'Discord server error (502)', at(1_000));
        expect(await store.digests.claim(guild, day, 'b', at(2_000), STALE_MS)).toBe(true);
        expect(await store.digests.getRecord(guild, day)).toMatchObject({
          status: 'claimed',
          instanceId: 'b',
          claimedAt: at(2_000),
          messageIds: ids.slice(0, 2),
          windowTo: T0,
        });
      });

      it('keeps the progress of a stale claim for the instance that takes it over', async () => {
        expect(await store.digests.claim(guild, day, 'crashed', T0, STALE_MS)).toBe(true);
        await store.digests.saveProgress(guild, day, { messageIds: ids.slice(0, 1), windowTo: T0 });
        expect(await store.digests.claim(guild, day, 'b', at(STALE_MS + 1_000), STALE_MS)).toBe(true);
        expect(await store.digests.getRecord(guild, day)).toMatchObject({ instanceId: 'b', messageIds: ids.slice(0, 1), windowTo: T0 });
      });

      it('records every message on markPosted and leaves a posted slot\'s messages alone', async () => {
        expect(await store.digests.claim(guild, day, 'a', T0, STALE_MS)).toBe(true);
        await store.digests.saveProgress(guild, day, { messageIds: ids.slice(0, 1), windowTo: T0 });
        await store.digests.markPosted(guild, day, { messageIds: ids, windowTo: T0 }, at(5_000));
        await store.digests.saveProgress(guild, day, { messageIds: ['800000000000000009'], windowTo: at(9_000) });
        const posted = { status: 'posted', messageIds: ids, windowTo: T0, postedAt: at(5_000), error: null };
        expect(await store.digests.getRecord(guild, day)).toMatchObject(posted);
        expect(await store.digests.lastPosted(guild)).toMatchObject(posted);
      });

      it('records a post whose slot row is missing', async () => {
        await store.digests.markPosted(guild, day, { messageIds: ids.slice(0, 2), windowTo: T0 }, at(5_000));
        expect(await store.digests.getRecord(guild, day)).toMatchObject({ status: 'posted', messageIds: ids.slice(0, 2), windowTo: T0 });
        expect(await store.digests.claim(guild, day, 'a', at(6_000), STALE_MS)).toBe(false);
      });

      it('records a day posted with no message', async () => {
        expect(await store.digests.claim(guild, day, 'a', T0, STALE_MS)).toBe(true);
        await store.digests.markPosted(guild, day, { messageIds: [], windowTo: T0 }, at(1_000));
        expect(await store.digests.getRecord(guild, day)).toMatchObject({ status: 'posted', messageIds: [], windowTo: T0 });
      });
    });
  });
}
