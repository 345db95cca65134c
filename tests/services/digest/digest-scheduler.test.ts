import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DigestSettings } from '../../../src/data/schemas.js';
import { silentLogger } from '../../../src/log.js';
import { DigestScheduler, type DigestSchedulerDeps } from '../../../src/services/digest/digest-scheduler.js';
import type { DigestPoster, PostOutcome } from '../../../src/services/digest/digest-runner.js';
import { localDateOf, localTimeOf } from '../../../src/services/local-time.js';
import { makeSettings, MemoryDigestStore, memoryStore, titleLines } from './digest-test-kit.js';

const HOUR = 3_600_000;

/** Remembers when (fake clock) each message was posted, and for which server's channel. */
class ClockPoster implements DigestPoster<string> {
  readonly posts: { channelId: string; at: Date; message: string }[] = [];
  readonly #script: PostOutcome[];
  constructor(script: PostOutcome[] = []) {
    this.#script = [...script];
  }
  async post(channelId: string, message: string): Promise<PostOutcome> {
    const scripted = this.#script.shift();
    if (scripted) return scripted;
    this.posts.push({ channelId, at: new Date(), message });
    return { ok: true, messageId: String(1_000 + this.posts.length) };
  }
}

function schedulerOn(digests: MemoryDigestStore, poster: DigestPoster<string>, overrides: Partial<DigestSchedulerDeps<string>> = {}): DigestScheduler<string> {
  return new DigestScheduler<string>({
    store: memoryStore([], digests),
    log: silentLogger,
    now: () => new Date(),
    instanceId: 'instance-a',
    poster,
    render: (digest) => [`digest ${digest.localDate}`],
    lines: titleLines,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    graceMinutes: 120,
    ...overrides,
  });
}

const channelOf = (guild: string): string => `2${guild.slice(1)}`;
function settingsFor(guild: string, overrides: Partial<DigestSettings>): DigestSettings {
  return makeSettings({ guildId: guild, channelId: channelOf(guild), ...overrides });
}

/** The fake clock at `at`, a store holding one server's settings and a poster (answering `script` first). */
async function oneServerAt(at: string, settings: Partial<DigestSettings> = {}, script: PostOutcome[] = []) {
  vi.setSystemTime(new Date(at));
  const digests = new MemoryDigestStore();
  await digests.saveSettings(settingsFor('100000000000000001', settings));
  return { digests, poster: new ClockPoster(script) };
}

describe('DigestScheduler', () => {
  const running: DigestScheduler<string>[] = [];
  const start = async (scheduler: DigestScheduler<string>): Promise<DigestScheduler<string>> => {
    running.push(scheduler);
    await scheduler.start();
    return scheduler;
  };

  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(async () => {
    for (const scheduler of running.splice(0)) await scheduler.stop();
    vi.useRealTimers();
  });

  it('posts at the configured local time in each server\'s zone, once a day', async () => {
    // Tokyo 18:00, New York 05:00, London 10:00: no slot within the grace period, so nothing to catch up.
    vi.setSystemTime(new Date('2026-06-14T09:00:00Z'));
    const digests = new MemoryDigestStore();
    const zones = { '100000000000000001': 'Asia/Tokyo', '100000000000000002': 'America/New_York', '100000000000000003': 'Europe/London' };
    for (const [guild, timezone] of Object.entries(zones)) await digests.saveSettings(settingsFor(guild, { time: '07:00', timezone }));
    const poster = new ClockPoster();
    await start(schedulerOn(digests, poster));

    await vi.advanceTimersByTimeAsync(48 * HOUR);

    for (const [guild, timezone] of Object.entries(zones)) {
      const posts = poster.posts.filter((post) => post.channelId === channelOf(guild));
      expect(posts.map((post) => localTimeOf(post.at, timezone)), timezone).toEqual(['07:00', '07:00']);
      expect(new Set(posts.map((post) => localDateOf(post.at, timezone))).size, timezone).toBe(2);
    }
  });

  it.each([0, 120])('posts exactly once on each day across the US spring-forward with a 02:30 slot (grace %i min)', async (graceMinutes) => {
    const { digests, poster } = await oneServerAt('2026-03-06T12:00:00Z', { time: '02:30', timezone: 'America/New_York' });
    await start(schedulerOn(digests, poster, { graceMinutes }));

    await vi.advanceTimersByTimeAsync(4 * 24 * HOUR);

    const zone = 'America/New_York';
    expect(poster.posts.map((post) => `${localDateOf(post.at, zone)} ${localTimeOf(post.at, zone)}`)).toEqual([
      '2026-03-07 02:30',
      '2026-03-08 03:30',
      '2026-03-09 02:30',
      '2026-03-10 02:30',
    ]);
  });

  it.each([0, 120])('posts exactly once on each day across the EU fall-back with a 01:30 slot (grace %i min)', async (graceMinutes) => {
    const { digests, poster } = await oneServerAt('2026-10-23T12:00:00Z', { time: '01:30', timezone: 'Europe/London' });
    await start(schedulerOn(digests, poster, { graceMinutes }));

    await vi.advanceTimersByTimeAsync(4 * 24 * HOUR);

    expect(poster.posts.map((post) => post.at.toISOString())).toEqual([
      '2026-10-24T00:30:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
      '2026-10-27T01:30:00.000Z',
    ]);
  });

  it('posts on time on a half-hour spring-forward (Lord Howe, 02:15 slot falls in the gap)', async () => {
    vi.setSystemTime(new Date('2026-10-01T12:00:00Z')); // 22:30 on 1 Oct in Lord Howe (UTC+10:30)
    const digests = new MemoryDigestStore();
    await digests.saveSettings(settingsFor('100000000000000001', { time: '02:15', timezone: 'Australia/Lord_Howe' }));
    const poster = new ClockPoster();
    await start(schedulerOn(digests, poster, { graceMinutes: 0 }));

    await vi.advanceTimersByTimeAsync(4 * 24 * HOUR);

    const zone = 'Australia/Lord_Howe';
    expect(poster.posts.map((post) => `${localDateOf(post.at, zone)} ${localTimeOf(post.at, zone)}`)).toEqual([
      '2026-10-02 02:15',
      '2026-10-03 02:15',
      '2026-10-04 02:45',
      '2026-10-05 02:15',
    ]);
  });

  it('posts once when the process restarts before the slot', async () => {
    const { digests, poster } = await oneServerAt('2026-06-15T06:00:00Z');
    const first = await start(schedulerOn(digests, poster));
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    await first.stop();
    await start(schedulerOn(digests, poster, { instanceId: 'instance-a2' }));
    await vi.advanceTimersByTimeAsync(3 * HOUR);
    expect(poster.posts.map((post) => post.at.toISOString())).toEqual(['2026-06-15T07:00:00.000Z']);
  });

  it('does not post again when the process restarts after the post', async () => {
    const { digests, poster } = await oneServerAt('2026-06-15T06:00:00Z');
    const first = await start(schedulerOn(digests, poster));
    await vi.advanceTimersByTimeAsync(75 * 60_000);
    await first.stop();
    const second = schedulerOn(digests, poster, { instanceId: 'instance-a2' });
    running.push(second);
    const outcomes = await second.start();
    expect(outcomes.get('100000000000000001')).toEqual({ status: 'already-posted', localDate: '2026-06-15' });
    await vi.advanceTimersByTimeAsync(3 * HOUR);
    expect(poster.posts).toHaveLength(1);
  });

  it('lets one of two instances sharing a store post the slot', async () => {
    const { digests, poster } = await oneServerAt('2026-06-15T06:00:00Z');
    await start(schedulerOn(digests, poster, { instanceId: 'instance-a' }));
    await start(schedulerOn(digests, poster, { instanceId: 'instance-b' }));
    await vi.advanceTimersByTimeAsync(26 * HOUR);
    expect(poster.posts.map((post) => post.at.toISOString())).toEqual(['2026-06-15T07:00:00.000Z', '2026-06-16T07:00:00.000Z']);
  });

  it('catches up a digest missed within the grace period on start', async () => {
    const { digests, poster } = await oneServerAt('2026-06-15T08:45:00Z');
    const scheduler = schedulerOn(digests, poster);
    running.push(scheduler);
    const outcomes = await scheduler.start();
    expect(outcomes.get('100000000000000001')).toMatchObject({ status: 'posted', localDate: '2026-06-15' });
    expect(poster.posts.map((post) => post.at.toISOString())).toEqual(['2026-06-15T08:45:00.000Z']);
  });

  it('skips a digest missed beyond the grace period, and posts the next day', async () => {
    const { digests, poster } = await oneServerAt('2026-06-15T09:30:00Z');
    const scheduler = schedulerOn(digests, poster);
    running.push(scheduler);
    const outcomes = await scheduler.start();
    expect(outcomes.get('100000000000000001')).toMatchObject({ status: 'missed', localDate: '2026-06-15' });
    await vi.advanceTimersByTimeAsync(24 * HOUR);
    expect(poster.posts.map((post) => post.at.toISOString())).toEqual(['2026-06-16T07:00:00.000Z']);
  });

  it('retries a failed post with back-off and records it once posted', async () => {
    const { digests, poster } = await oneServerAt('2026-06-15T06:00:00Z', {}, [{ ok: false, retryable: true, reason: 'Discord server error (503)' }]);
    await start(schedulerOn(digests, poster));
    await vi.advanceTimersByTimeAsync(HOUR + 4_000);
    expect(poster.posts).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(poster.posts.map((post) => post.at.toISOString())).toEqual(['2026-06-15T07:00:05.000Z']);
    expect(await digests.getRecord('100000000000000001', '2026-06-15')).toMatchObject({ status: 'posted', messageIds: ['1001'] });
  });

  it('tries again at the safety-net firing after retries ran out', async () => {
    const down: PostOutcome = { ok: false, retryable: true, reason: 'Discord server error (500)' };
    const { digests, poster } = await oneServerAt('2026-06-15T06:00:00Z', {}, [down, down, down, down]);
    await start(schedulerOn(digests, poster));
    await vi.advanceTimersByTimeAsync(90 * 60_000);
    expect(await digests.getRecord('100000000000000001', '2026-06-15')).toMatchObject({ status: 'failed' });
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(poster.posts.map((post) => post.at.toISOString())).toEqual(['2026-06-15T08:00:00.000Z']);
  });

  it('completes a digest at the safety-net firing without posting its first message again', async () => {
    const down: PostOutcome = { ok: false, retryable: true, reason: 'Discord server error (500)' };
    const { digests, poster } = await oneServerAt('2026-06-15T06:00:00Z');
    let failuresLeft = 4;
    const secondDown: DigestPoster<string> = {
      post: async (channelId, message) => (message.endsWith('2/3') && failuresLeft-- > 0 ? down : poster.post(channelId, message)),
    };
    const render = (digest: { localDate: string }) => [1, 2, 3].map((part) => `digest ${digest.localDate} ${part}/3`);
    await start(schedulerOn(digests, secondDown, { render }));
    await vi.advanceTimersByTimeAsync(90 * 60_000);
    expect(await digests.getRecord('100000000000000001', '2026-06-15')).toMatchObject({ status: 'failed', messageIds: ['1001'] });
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(poster.posts.map((post) => `${post.at.toISOString()} ${post.message}`)).toEqual([
      '2026-06-15T07:00:00.000Z digest 2026-06-15 1/3',
      '2026-06-15T08:00:00.000Z digest 2026-06-15 2/3',
      '2026-06-15T08:00:00.000Z digest 2026-06-15 3/3',
    ]);
    expect(await digests.getRecord('100000000000000001', '2026-06-15')).toMatchObject({
      status: 'posted',
      messageIds: ['1001', '1002', '1003'],
      windowTo: '2026-06-15T07:00:00.000Z',
    });
  });

  it('moves a server to its new time when rescheduled, without a restart', async () => {
    const { digests, poster } = await oneServerAt('2026-06-15T05:00:00Z', { time: '07:00' });
    const scheduler = await start(schedulerOn(digests, poster));
    await digests.saveSettings(settingsFor('100000000000000001', { time: '09:15', timezone: 'Europe/Paris' }));
    await scheduler.reschedule('100000000000000001');
    expect(scheduler.describe('100000000000000001')).toEqual({ expression: '15 9,10 * * *', timezone: 'Europe/Paris' });
    await vi.advanceTimersByTimeAsync(12 * HOUR);
    expect(poster.posts.map((post) => post.at.toISOString())).toEqual(['2026-06-15T07:15:00.000Z']);
  });

  it('drops a server whose digest is turned off', async () => {
    const { digests, poster } = await oneServerAt('2026-06-15T05:00:00Z');
    const scheduler = await start(schedulerOn(digests, poster));
    await digests.deleteSettings('100000000000000001');
    await scheduler.reschedule('100000000000000001');
    expect(scheduler.scheduledGuilds()).toEqual([]);
    await vi.advanceTimersByTimeAsync(24 * HOUR);
    expect(poster.posts).toHaveLength(0);
  });

  it('uses the single-server defaults only while no server has settings', async () => {
    vi.setSystemTime(new Date('2026-06-15T05:00:00Z'));
    const digests = new MemoryDigestStore();
    const poster = new ClockPoster();
    const fallback = settingsFor('300000000000000001', { time: '06:00', timezone: 'UTC' });
    const scheduler = await start(schedulerOn(digests, poster, { fallback }));
    expect(scheduler.scheduledGuilds()).toEqual(['300000000000000001']);
    await vi.advanceTimersByTimeAsync(2 * HOUR);
    expect(poster.posts.map((post) => post.channelId)).toEqual([fallback.channelId]);
  });
});

describe('DigestScheduler.resync', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('follows settings another instance changed, within ten minutes', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-06-15T01:00:00Z'));
    const digests = new MemoryDigestStore();
    const guild = '100000000000000001';
    await digests.saveSettings(settingsFor(guild, { time: '07:00' }));
    const poster = new ClockPoster();
    const here = schedulerOn(digests, poster, { instanceId: 'instance-a' });
    const there = schedulerOn(digests, poster, { instanceId: 'instance-b' });
    await here.start();
    await there.start();
    // `/digest set` on the other instance: it saves and reschedules itself only.
    await digests.saveSettings(settingsFor(guild, { time: '05:30', timezone: 'Asia/Tokyo' }));
    await there.reschedule(guild);
    await digests.saveSettings(settingsFor('100000000000000002', { time: '06:00' }));
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(here.describe(guild)).toEqual({ expression: '30 5,6 * * *', timezone: 'Asia/Tokyo' });
    expect(here.scheduledGuilds().sort()).toEqual([guild, '100000000000000002']);
    await digests.deleteSettings('100000000000000002');
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(here.scheduledGuilds()).toEqual([guild]);
    await here.stop();
    await there.stop();
  });
});
