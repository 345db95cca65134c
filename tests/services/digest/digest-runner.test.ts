import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DigestProgress, LocalDate } from '../../../src/data/schemas.js';
import { silentLogger } from '../../../src/log.js';
import {
  DEFAULT_RETRY_POLICY,
  DEFAULT_STALE_CLAIM_MS,
  READ_LIMIT,
  runDigestSlot,
  runDueDigest,
  type DigestPoster,
  type DigestRunDeps,
  type PostOutcome,
} from '../../../src/services/digest/digest-runner.js';
import { makeArticle, makeSettings, MemoryDigestStore, memoryStore, RecordingPoster, renderAsText, titleLines } from './digest-test-kit.js';

const settings = makeSettings({ time: '07:00', timezone: 'UTC' });
const articles = [
  makeArticle({ title: 'Harbour plan passes', section: 'City', publishedAt: '2026-06-15T05:00:00.000Z' }),
  makeArticle({ title: 'Ferry strike ends', section: 'City', publishedAt: '2026-06-15T06:00:00.000Z' }),
];

function deps(overrides: Partial<DigestRunDeps<string>> & { at?: string } = {}): DigestRunDeps<string> & { digests: MemoryDigestStore; poster: RecordingPoster; delays: number[] } {
  const digests = overrides.store?.digests instanceof MemoryDigestStore ? overrides.store.digests : new MemoryDigestStore();
  const delays: number[] = [];
  const poster = overrides.poster instanceof RecordingPoster ? overrides.poster : new RecordingPoster();
  const at = new Date(overrides.at ?? '2026-06-15T07:00:00.000Z');
  return {
    store: memoryStore(articles, digests),
    log: silentLogger,
    now: () => at,
    instanceId: 'instance-a',
    render: renderAsText,
    lines: titleLines,
    sleep: async (ms) => {
      delays.push(ms);
    },
    ...overrides,
    poster,
    digests,
    delays,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

const throttled: PostOutcome = { ok: false, retryable: true, reason: 'Discord rate limit (429)', retryAfterMs: 3_000 };
const serverError: PostOutcome = { ok: false, retryable: true, reason: 'Discord server error (502)' };
const noAccess: PostOutcome = { ok: false, retryable: false, reason: 'Missing Access (50001)' };

describe('runDigestSlot', () => {
  it('posts the day\'s stories and records the slot with the message id', async () => {
    const run = deps();
    const outcome = await runDigestSlot(settings, '2026-06-15', run);
    expect(outcome).toMatchObject({ status: 'posted', stories: 2 });
    expect(run.poster.posts).toEqual([{ channelId: settings.channelId, message: 'City: Ferry strike ends, Harbour plan passes' }]);
    expect(await run.digests.getRecord(settings.guildId, '2026-06-15')).toMatchObject({ status: 'posted', messageIds: ['90000000000000001'] });
  });

  it('never posts a posted day again', async () => {
    const run = deps();
    await runDigestSlot(settings, '2026-06-15', run);
    expect(await runDigestSlot(settings, '2026-06-15', run)).toEqual({ status: 'already-posted', localDate: '2026-06-15' });
    expect(run.poster.posts).toHaveLength(1);
  });

  it('lets exactly one of two racing instances post', async () => {
    const shared = deps();
    const other = deps({ store: shared.store, poster: shared.poster, instanceId: 'instance-b' });
    const outcomes = await Promise.all([runDigestSlot(settings, '2026-06-15', shared), runDigestSlot(settings, '2026-06-15', other)]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['claimed-elsewhere', 'posted']);
    expect(shared.poster.posts).toHaveLength(1);
  });

  it('retries throttling and server errors with growing waits, then posts', async () => {
    const run = deps({ poster: new RecordingPoster([throttled, serverError]) });
    const outcome = await runDigestSlot(settings, '2026-06-15', run);
    expect(outcome).toMatchObject({ status: 'posted' });
    expect(run.delays).toEqual([5_000, 10_000]);
    expect(run.poster.posts).toHaveLength(1);
  });

  it('waits as long as Discord asks when that is longer than the back-off', async () => {
    const run = deps({ poster: new RecordingPoster([{ ...throttled, retryAfterMs: 42_000 }]) });
    await runDigestSlot(settings, '2026-06-15', run);
    expect(run.delays).toEqual([42_000]);
  });

  it('records the failure after the last attempt and lets a later attempt post', async () => {
    const run = deps({ poster: new RecordingPoster([serverError, serverError, serverError, serverError]) });
    const failed = await runDigestSlot(settings, '2026-06-15', run);
    expect(failed).toEqual({ status: 'failed', localDate: '2026-06-15', reason: 'Discord server error (502)', attempts: 4 });
    expect(await run.digests.getRecord(settings.guildId, '2026-06-15')).toMatchObject({ status: 'failed', error: 'Discord server error (502)' });
    expect(run.poster.posts).toHaveLength(0);

    const later = await runDigestSlot(settings, '2026-06-15', run);
    expect(later).toMatchObject({ status: 'posted' });
    expect(run.poster.posts).toHaveLength(1);
  });

  it('does not retry a channel the bot cannot use, and releases the slot', async () => {
    const run = deps({ poster: new RecordingPoster([noAccess]) });
    expect(await runDigestSlot(settings, '2026-06-15', run)).toMatchObject({ status: 'failed', attempts: 1, reason: 'Missing Access (50001)' });
    expect(run.delays).toEqual([]);
    expect(await run.digests.getRecord(settings.guildId, '2026-06-15')).toMatchObject({ status: 'failed' });
  });

  it('waits out the back-off on the clock it is given', async () => {
    vi.useFakeTimers();
    const run = deps({ poster: new RecordingPoster([serverError]), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) });
    const pending = runDigestSlot(settings, '2026-06-15', run);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(run.poster.posts).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toMatchObject({ status: 'posted' });
  });

  it('posts a short note on an empty day, or nothing when set to skip', async () => {
    const quiet = deps({ at: '2026-07-01T07:00:00.000Z' });
    expect(await runDigestSlot(settings, '2026-07-01', quiet)).toMatchObject({ status: 'posted', stories: 0 });
    expect(quiet.poster.posts.map((post) => post.message)).toEqual(['No stories for 2026-07-01']);

    const skipping = deps({ at: '2026-07-01T07:00:00.000Z' });
    const outcome = await runDigestSlot({ ...settings, emptyDay: 'skip' }, '2026-07-01', skipping);
    expect(outcome).toEqual({ status: 'skipped-empty', localDate: '2026-07-01' });
    expect(skipping.poster.posts).toHaveLength(0);
    expect(await skipping.digests.getRecord(settings.guildId, '2026-07-01')).toMatchObject({ status: 'posted' });
  });

  it('records an unexpected error as a failure without throwing', async () => {
    const run = deps({
      render: () => {
        throw new Error('render broke');
      },
    });
    expect(await runDigestSlot(settings, '2026-06-15', run)).toMatchObject({ status: 'failed', reason: 'internal error: render broke' });
    expect(await run.digests.getRecord(settings.guildId, '2026-06-15')).toMatchObject({ status: 'failed' });
  });

  it('only covers stories since the last digest', async () => {
    const run = deps();
    await runDigestSlot(settings, '2026-06-15', run);
    const nextDay = { ...run, now: () => new Date('2026-06-16T07:00:00.000Z') };
    expect(await runDigestSlot(settings, '2026-06-16', nextDay)).toMatchObject({ status: 'posted', stories: 0 });
  });
});

/** Until `hasDied`, recording message 2 never completes: its process is killed between posting it and recording it. */
class DiesRecordingSecondMessage extends MemoryDigestStore {
  hasDied = false;
  override async saveProgress(guildId: string, localDate: LocalDate, progress: DigestProgress): Promise<void> {
    if (!this.hasDied && progress.messageIds.length === 2) return new Promise(() => undefined);
    return super.saveProgress(guildId, localDate, progress);
  }
}

describe('runDigestSlot on an interrupted digest', () => {
  // Three sections, so three messages: Weather (newest), Sport, City.
  const dayOne = [
    makeArticle({ title: 'Tram line opens', section: 'City', publishedAt: '2026-06-15T04:00:00.000Z' }),
    makeArticle({ title: 'Rowing club wins', section: 'Sport', publishedAt: '2026-06-15T05:00:00.000Z' }),
    makeArticle({ title: 'Storm warning lifted', section: 'Weather', publishedAt: '2026-06-15T06:00:00.000Z' }),
  ];
  const firstDigest = ['Weather: Storm warning lifted', 'Sport: Rowing club wins', 'City: Tram line opens'];
  // Arrive after the first attempt: published after its window, or published inside it but stored later. Either
  // would come first in a digest built afresh and shift every message after it.
  const laterStories = [
    makeArticle({ title: 'Gallery reopens', section: 'Arts', publishedAt: '2026-06-15T07:30:00.000Z' }),
    makeArticle({ title: 'Bakery chain expands', section: 'Business', publishedAt: '2026-06-15T06:30:00.000Z', ingestedAt: '2026-06-15T07:40:00.000Z' }),
  ];
  const minutes = (n: number) => n * 60_000;

  /** Deps on the fake clock: `now` reads it and back-off waits on it. */
  function onClock(store: DigestRunDeps<string>['store'], poster: DigestPoster<string>, instanceId = 'instance-a'): DigestRunDeps<string> {
    return {
      store,
      log: silentLogger,
      now: () => new Date(),
      instanceId,
      poster,
      render: renderAsText,
      lines: titleLines,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    };
  }

  /** Posts to `channel`, but the Sport message (the second) fails on every try of one run. */
  function sportDownOnce(channel: RecordingPoster): DigestPoster<string> {
    let failuresLeft = DEFAULT_RETRY_POLICY.maxAttempts;
    return {
      post: async (channelId, message) =>
        message.startsWith('Sport') && failuresLeft-- > 0 ? serverError : channel.post(channelId, message),
    };
  }

  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-06-15T07:00:00.000Z') });
  });

  it('posts only the rest after message 2 of 3 failed for good, and ends posted with all three ids', async () => {
    const channel = new RecordingPoster();
    const secondDown = sportDownOnce(channel);
    const articles = [...dayOne];
    const store = memoryStore(articles);
    const pending = runDigestSlot(settings, '2026-06-15', onClock(store, secondDown));
    await vi.advanceTimersByTimeAsync(minutes(1));
    expect(await pending).toMatchObject({ status: 'failed', reason: 'Discord server error (502) (after 1 of 3 messages)', attempts: 5 });
    expect(await store.digests.getRecord(settings.guildId, '2026-06-15')).toMatchObject({
      status: 'failed',
      messageIds: ['90000000000000001'],
      windowTo: '2026-06-15T07:00:00.000Z',
    });

    articles.push(...laterStories);
    await vi.advanceTimersByTimeAsync(minutes(59));
    const later = await runDigestSlot(settings, '2026-06-15', onClock(store, secondDown));
    expect(later).toEqual({
      status: 'posted',
      localDate: '2026-06-15',
      messageIds: ['90000000000000001', '90000000000000002', '90000000000000003'],
      stories: 3,
    });
    expect(channel.posts.map((post) => post.message)).toEqual(firstDigest);
    expect(await store.digests.getRecord(settings.guildId, '2026-06-15')).toMatchObject({
      status: 'posted',
      messageIds: ['90000000000000001', '90000000000000002', '90000000000000003'],
      windowTo: '2026-06-15T07:00:00.000Z',
    });
  });

  it('lets another instance complete a digest whose process died after message 1, without posting it again', async () => {
    const channel = new RecordingPoster();
    // The process dies while posting message 2: its post never answers, and its claim is left to go stale.
    const dying: DigestPoster<string> = {
      post: (channelId, message) => (channel.posts.length === 0 ? channel.post(channelId, message) : new Promise(() => undefined)),
    };
    const store = memoryStore(dayOne);
    void runDigestSlot(settings, '2026-06-15', onClock(store, dying, 'instance-a'));
    await vi.advanceTimersByTimeAsync(minutes(1));
    expect(await runDigestSlot(settings, '2026-06-15', onClock(store, channel, 'instance-b'))).toMatchObject({ status: 'claimed-elsewhere' });

    await vi.advanceTimersByTimeAsync(DEFAULT_STALE_CLAIM_MS);
    const takeover = await runDigestSlot(settings, '2026-06-15', onClock(store, channel, 'instance-b'));
    expect(takeover).toMatchObject({ status: 'posted', messageIds: ['90000000000000001', '90000000000000002', '90000000000000003'] });
    expect(channel.posts.map((post) => post.message)).toEqual(firstDigest);
    expect(await store.digests.getRecord(settings.guildId, '2026-06-15')).toMatchObject({ status: 'posted', instanceId: 'instance-b' });
  });

  it('posts at most the one message again when the process died between posting it and recording it', async () => {
    const channel = new RecordingPoster();
    const digests = new DiesRecordingSecondMessage();
    const store = memoryStore(dayOne, digests);
    void runDigestSlot(settings, '2026-06-15', onClock(store, channel, 'instance-a'));
    await vi.advanceTimersByTimeAsync(DEFAULT_STALE_CLAIM_MS + minutes(1));
    digests.hasDied = true;
    expect(await runDigestSlot(settings, '2026-06-15', onClock(store, channel, 'instance-b'))).toMatchObject({ status: 'posted' });
    expect(channel.posts.map((post) => post.message)).toEqual([...firstDigest.slice(0, 2), ...firstDigest.slice(1)]);
  });

  it('completes the first digest even when more stories than the read limit were stored in its window since', async () => {
    const channel = new RecordingPoster();
    const secondDown = sportDownOnce(channel);
    const articles = [...dayOne];
    const store = memoryStore(articles);
    const first = runDigestSlot(settings, '2026-06-15', onClock(store, secondDown));
    await vi.advanceTimersByTimeAsync(minutes(1));
    expect(await first).toMatchObject({ status: 'failed' });

    // Published inside the first window and newer than its stories, but stored after it: the store must leave them
    // out before it applies the read limit, or they fill the read and the first digest's stories are lost.
    const storedLate = Array.from({ length: READ_LIMIT }, (_, index) =>
      makeArticle({
        title: `Late wire item ${index}`,
        section: 'Wire',
        publishedAt: '2026-06-15T06:30:00.000Z',
        ingestedAt: '2026-06-15T07:40:00.000Z',
      }),
    );
    articles.push(...storedLate);
    await vi.advanceTimersByTimeAsync(minutes(59));
    expect(await runDigestSlot(settings, '2026-06-15', onClock(store, secondDown))).toMatchObject({ status: 'posted', stories: 3 });
    expect(channel.posts.map((post) => post.message)).toEqual(firstDigest);
  });

  it('starts the next day\'s digest where the completed digest\'s window ended', async () => {
    const articles = [...dayOne];
    const store = memoryStore(articles);
    const channel = new RecordingPoster();
    const secondDown = sportDownOnce(channel);
    const first = runDigestSlot(settings, '2026-06-15', onClock(store, secondDown));
    await vi.advanceTimersByTimeAsync(minutes(60));
    await first;
    articles.push(...laterStories);
    expect(await runDigestSlot(settings, '2026-06-15', onClock(store, secondDown))).toMatchObject({ status: 'posted' });

    // Completed at 08:00, but its window ended at 07:00: the 07:30 story is the next day's.
    await vi.advanceTimersByTimeAsync(minutes(23 * 60));
    expect(await runDigestSlot(settings, '2026-06-16', onClock(store, channel))).toMatchObject({ status: 'posted', stories: 1 });
    expect(channel.posts.at(-1)?.message).toBe('Arts: Gallery reopens');
  });
});

describe('runDueDigest', () => {
  it('catches up a slot missed by less than the grace period', async () => {
    const run = deps({ at: '2026-06-15T08:30:00.000Z' });
    expect(await runDueDigest(settings, run, { graceMs: 120 * 60_000 })).toMatchObject({ status: 'posted', localDate: '2026-06-15' });
  });

  it('skips a slot missed by more than the grace period', async () => {
    const run = deps({ at: '2026-06-15T09:01:00.000Z' });
    expect(await runDueDigest(settings, run, { graceMs: 120 * 60_000 })).toEqual({
      status: 'missed',
      localDate: '2026-06-15',
      lateByMs: 121 * 60_000,
    });
    expect(run.poster.posts).toHaveLength(0);
  });

  it('does nothing for a disabled server', async () => {
    const run = deps();
    expect(await runDueDigest({ ...settings, enabled: false }, run, { graceMs: 0 })).toEqual({ status: 'disabled' });
  });
});
