import type { DigestProgress, DigestSettings, LocalDate } from '../../data/schemas.js';
import type { Store } from '../../data/store.js';
import type { Logger } from '../../log.js';
import { buildDigest, isEmptyDigest, type Digest, type DigestLiner } from './build-digest.js';
import { digestWindow, latestSlotAtOrBefore } from './digest-slot.js';

/** What posting one message to a channel came to. `retryable` failures (429, 5xx, network) may succeed later. */
export type PostOutcome =
  | { ok: true; messageId: string }
  | { ok: false; retryable: boolean; reason: string; retryAfterMs?: number };

/** Sends one rendered message to a channel; the platform implements it (Discord REST, a test double). */
export interface DigestPoster<Message> {
  /** Never throws for a failure the channel or Discord causes; returns `{ ok: false }` with a plain reason. */
  post(channelId: string, message: Message): Promise<PostOutcome>;
}

/** Back-off for retryable failures within one run: attempt n waits `baseDelayMs * 2^(n-1)`, capped. */
export type RetryPolicy = { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 5_000, maxDelayMs: 120_000 };

/** A claim older than this is taken to belong to a crashed instance; far above a run's worst case (retries). */
export const DEFAULT_STALE_CLAIM_MS = 15 * 60_000;

export type DigestStoreDeps = { store: Pick<Store, 'articles' | 'digests' | 'stories'> };

/** Everything a digest run needs; I/O arrives as ports and time as a function, so tests control both. */
export type DigestRunDeps<Message> = DigestStoreDeps & {
  log: Logger;
  now: () => Date;
  /** Names this process in claims, so a crashed holder can be told apart. */
  instanceId: string;
  poster: DigestPoster<Message>;
  /** The digest as messages, in posting order; an empty digest renders as its short note. */
  render: (digest: Digest) => readonly Message[];
  lines: DigestLiner;
  /** Waits between retries; tests pass one driven by fake timers. */
  sleep: (ms: number) => Promise<void>;
  retry?: RetryPolicy;
  staleAfterMs?: number;
};

export type DigestRunOutcome =
  | { status: 'posted'; localDate: LocalDate; messageIds: string[]; stories: number }
  | { status: 'skipped-empty'; localDate: LocalDate }
  | { status: 'already-posted'; localDate: LocalDate }
  | { status: 'claimed-elsewhere'; localDate: LocalDate }
  | { status: 'failed'; localDate: LocalDate; reason: string; attempts: number }
  | { status: 'missed'; localDate: LocalDate; lateByMs: number }
  | { status: 'disabled' };

/** Most stories a digest reads from the store; beyond `maxStories` they only count towards "+N more". */
export const READ_LIMIT = 1_000;

/**
 * The digest for `localDate` as it would be posted at `now`: the stories since the last posted digest (see
 * `digestWindow`), filtered to the server's sections. With `storedBy`, only articles ingested by then count, so a
 * digest rebuilt later holds what it held when it was first built. Reads only; claims nothing.
 */
export async function prepareDigest(
  settings: DigestSettings,
  localDate: LocalDate,
  deps: DigestStoreDeps & { now: Date; lines: DigestLiner; storedBy?: Date },
): Promise<Digest> {
  const lastPosted = await deps.store.digests.lastPosted(settings.guildId);
  const window = digestWindow({ localDate, settings, now: deps.now, lastPosted });
  const articles = await deps.store.articles.listPublished({
    from: window.from,
    to: window.to,
    ...(settings.sections.length > 0 ? { sections: settings.sections } : {}),
    ...(deps.storedBy === undefined ? {} : { ingestedBy: deps.storedBy.toISOString() }),
    limit: READ_LIMIT,
  });
  const storyOf = await deps.store.stories.storyIdsOf(articles.map((article) => article.id));
  return buildDigest({ localDate, timezone: settings.timezone, window, articles, storyOf, maxStories: settings.maxStories, lines: deps.lines });
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Posts the server's digest for `localDate` unless it is already posted: claims the slot (so one caller across
 * instances, restarts and retries proceeds), builds and posts the digest message by message, retrying retryable
 * failures with back-off and recording each posted message on the slot, then records the slot posted, or failed
 * with the reason (which releases it for a later attempt).
 *
 * A digest an earlier attempt left unfinished (a message failed for good, or its process died) is completed, not
 * posted again: the digest is rebuilt for the window recorded with its first message, and only the messages after
 * those recorded are posted. Never throws: every outcome is returned and logged.
 */
export async function runDigestSlot<Message>(
  settings: DigestSettings,
  localDate: LocalDate,
  deps: DigestRunDeps<Message>,
): Promise<DigestRunOutcome> {
  const { digests } = deps.store;
  const guildId = settings.guildId;
  const log = deps.log.child({ job: 'digest', guildId, localDate });
  if (!settings.enabled) return { status: 'disabled' };

  const existing = await digests.getRecord(guildId, localDate);
  if (existing?.status === 'posted') {
    log.debug({ messageIds: existing.messageIds }, 'digest already posted');
    return { status: 'already-posted', localDate };
  }
  const claimedAt = deps.now();
  const claimed = await digests.claim(
    guildId,
    localDate,
    deps.instanceId,
    claimedAt.toISOString(),
    deps.staleAfterMs ?? DEFAULT_STALE_CLAIM_MS,
  );
  if (!claimed) {
    const record = await digests.getRecord(guildId, localDate);
    const status = record?.status === 'posted' ? 'already-posted' : 'claimed-elsewhere';
    log.info({ status, holder: record?.instanceId }, 'digest slot not claimed');
    return { status, localDate };
  }

  let attempts = 0;
  try {
    // Read after claiming: the progress is what the attempts before this claim left.
    const started = await digests.getRecord(guildId, localDate);
    const resumeAt = started?.windowTo ? new Date(started.windowTo) : undefined;
    // Passing the recorded window end as `now` gives the same window; `storedBy` keeps out stories stored since,
    // which would otherwise shift the rest of the digest between messages.
    const digest = await prepareDigest(settings, localDate, {
      store: deps.store,
      now: resumeAt ?? claimedAt,
      lines: deps.lines,
      ...(resumeAt === undefined ? {} : { storedBy: resumeAt }),
    });
    const progress: DigestProgress = { messageIds: [...(started?.messageIds ?? [])], windowTo: digest.window.to };
    const resumedAfter = progress.messageIds.length;
    if (resumedAfter === 0 && isEmptyDigest(digest) && settings.emptyDay === 'skip') {
      // Recorded as done with no message: the day is settled and the next digest's window starts at this one's end.
      await digests.markPosted(guildId, localDate, progress, deps.now().toISOString());
      log.info({ window: digest.window }, 'digest skipped, no stories');
      return { status: 'skipped-empty', localDate };
    }
    const messages = deps.render(digest);
    for (const [index, message] of messages.entries()) {
      if (index < resumedAfter) continue;
      const outcome = await postWithRetry(settings.channelId, message, deps, log);
      attempts += outcome.attempts;
      if (!outcome.ok) {
        const reason = index > 0 ? `${outcome.reason} (after ${index} of ${messages.length} messages)` : outcome.reason;
        await digests.markFailed(guildId, localDate, reason, deps.now().toISOString());
        log.error({ channelId: settings.channelId, reason, attempts, posted: index }, 'digest post failed');
        return { status: 'failed', localDate, reason, attempts };
      }
      progress.messageIds.push(outcome.messageId);
      // Recorded before the next message, so a later attempt resumes after this one. Posting and recording cannot be
      // one step: a process killed between the two posts this one message again on the next attempt, and only it.
      await digests.saveProgress(guildId, localDate, progress);
    }
    await digests.markPosted(guildId, localDate, progress, deps.now().toISOString());
    log.info(
      {
        channelId: settings.channelId,
        stories: digest.shown,
        more: digest.more,
        messages: progress.messageIds.length,
        resumedAfter,
        attempts,
      },
      'digest posted',
    );
    return { status: 'posted', localDate, messageIds: progress.messageIds, stories: digest.shown };
  } catch (error) {
    const reason = `internal error: ${errorText(error)}`;
    await digests.markFailed(guildId, localDate, reason, deps.now().toISOString()).catch((markError: unknown) => {
      log.error({ err: markError }, 'digest failure not recorded');
    });
    log.error({ err: error, attempts }, 'digest run failed');
    return { status: 'failed', localDate, reason, attempts };
  }
}

type RetriedOutcome = ({ ok: true; messageId: string } | { ok: false; reason: string }) & { attempts: number };

async function postWithRetry<Message>(
  channelId: string,
  message: Message,
  deps: DigestRunDeps<Message>,
  log: Logger,
): Promise<RetriedOutcome> {
  const policy = deps.retry ?? DEFAULT_RETRY_POLICY;
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await deps.poster.post(channelId, message);
    if (outcome.ok) return { ok: true, messageId: outcome.messageId, attempts: attempt };
    if (!outcome.retryable || attempt >= policy.maxAttempts) {
      return { ok: false, reason: outcome.reason, attempts: attempt };
    }
    const backOff = policy.baseDelayMs * 2 ** (attempt - 1);
    const delayMs = Math.min(policy.maxDelayMs, Math.max(backOff, outcome.retryAfterMs ?? 0));
    log.warn({ channelId, attempt, reason: outcome.reason, retryInMs: delayMs }, 'digest post retrying');
    await deps.sleep(delayMs);
  }
}

/**
 * Runs the server's most recent slot if it is due: not yet posted and at most `graceMs` late. The scheduled firing,
 * its safety-net firing and the catch-up on start all come here, so each decides the same way. A slot missed by
 * more than the grace period is skipped and logged.
 */
export async function runDueDigest<Message>(
  settings: DigestSettings,
  deps: DigestRunDeps<Message>,
  options: { graceMs: number },
): Promise<DigestRunOutcome> {
  if (!settings.enabled) return { status: 'disabled' };
  const now = deps.now();
  const slot = latestSlotAtOrBefore(now, settings);
  const record = await deps.store.digests.getRecord(settings.guildId, slot.localDate);
  if (record?.status === 'posted') return { status: 'already-posted', localDate: slot.localDate };
  const lateByMs = now.getTime() - slot.at.getTime();
  if (lateByMs > options.graceMs) {
    deps.log.info(
      { job: 'digest', guildId: settings.guildId, localDate: slot.localDate, lateByMs, graceMs: options.graceMs },
      'digest slot missed, skipped',
    );
    return { status: 'missed', localDate: slot.localDate, lateByMs };
  }
  return runDigestSlot(settings, slot.localDate, deps);
}
