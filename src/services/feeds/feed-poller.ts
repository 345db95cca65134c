import { createHash } from 'node:crypto';
import cron from 'node-cron';
import type { Feed } from '../../data/schemas.js';
import type { Store } from '../../data/store.js';
import { ConfigError, IngestError, StoreError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { parseFeedDocument } from '../ingest/feed.js';
import { storeArticles, type StoreCounts } from '../ingest/ingest.js';
import type { ItemProblem } from '../ingest/normalize.js';
import { safeFetch, type FetchPolicy } from '../ingest/safe-fetch.js';

/** First retry after a failure; doubles with each further failure. */
export const BACKOFF_BASE_MS = 60_000;
/** The longest a failing feed waits between attempts (before jitter). */
export const BACKOFF_MAX_MS = 6 * 60 * 60_000;
/** Jitter adds up to this fraction of the delay, so that feeds that failed together do not retry together. */
const JITTER_FRACTION = 0.1;
/** A claimed feed is released to other instances after this long if its poller dies mid-poll. */
const DEFAULT_LEASE_MS = 5 * 60_000;
const DEFAULT_CLAIM_LIMIT = 200;
const CONCURRENCY = 4;

export type PollDeps = {
  store: Store;
  policy: FetchPolicy;
  log: Logger;
  now: () => Date;
  /** Names this process in feed claims (leases), so that several instances never poll one feed at once. */
  instanceId: string;
  leaseMs?: number;
  /** At most this many feeds per run. Default 200. */
  limit?: number;
};

export type FeedPollResult = StoreCounts & {
  feedId: number;
  url: string;
  status: 'ok' | 'not_modified' | 'failed';
  skipped: number;
  problems: ItemProblem[];
  /** Why the poll failed, in plain words; `null` unless `status` is `failed`. */
  error: string | null;
  /** When the feed is next due; `null` means at the next scheduled run. */
  nextPollAt: string | null;
};

export type PollReport = StoreCounts & { feeds: FeedPollResult[]; failed: number; skipped: number };

/**
 * The wait before retrying a feed that has now failed `failures` times in a row (>= 1): one minute doubled per
 * further failure, at most six hours, plus up to 10 % jitter derived from the feed id and the failure count (so it
 * is deterministic: the same feed and count always wait the same time).
 */
export function backoffDelayMs(feedId: number, failures: number): number {
  const exponent = Math.max(0, failures - 1);
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(exponent, 30));
  const digest = createHash('sha256').update(`${feedId}:${failures}`).digest();
  const unit = digest.readUInt32BE(0) / 0xff_ff_ff_ff;
  return Math.round(base + base * JITTER_FRACTION * unit);
}

async function pollOne(feed: Feed, deps: PollDeps): Promise<FeedPollResult> {
  const log = deps.log.child({ feedId: feed.id, url: feed.url });
  const base = { feedId: feed.id, url: feed.url, inserted: 0, updated: 0, unchanged: 0, skipped: 0, problems: [] };
  try {
    const fetched = await safeFetch(feed.url, deps.policy, { accept: 'feed', etag: feed.etag, lastModified: feed.lastModified });
    if (fetched.status === 'not_modified') {
      await deps.store.feeds.recordPoll(feed.id, {
        ok: true,
        at: deps.now().toISOString(),
        etag: feed.etag,
        lastModified: feed.lastModified,
        nextPollAt: null,
      });
      log.debug('feed not modified');
      return { ...base, status: 'not_modified', error: null, nextPollAt: null };
    }
    const parsed = parseFeedDocument(fetched.body, { feedUrl: fetched.url, outlet: feed.outlet, section: feed.section });
    const counts = await storeArticles(deps.store, parsed.articles, deps.now);
    await deps.store.feeds.recordPoll(feed.id, {
      ok: true,
      at: deps.now().toISOString(),
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      nextPollAt: null,
    });
    for (const problem of parsed.problems) {
      log.warn({ where: problem.where, title: problem.title, link: problem.link, reason: problem.reason }, 'feed item skipped');
    }
    log.info({ ...counts, skipped: parsed.problems.length }, 'feed polled');
    return { ...base, ...counts, status: 'ok', skipped: parsed.problems.length, problems: parsed.problems, error: null, nextPollAt: null };
  } catch (error) {
    if (error instanceof StoreError) throw error;
    const message = error instanceof IngestError ? error.message : `Unexpected failure polling ${feed.url}: ${String(error)}`;
    const failures = feed.consecutiveFailures + 1;
    const at = deps.now();
    const retryInMs = backoffDelayMs(feed.id, failures);
    const nextPollAt = new Date(at.getTime() + retryInMs).toISOString();
    await deps.store.feeds.recordPoll(feed.id, { ok: false, at: at.toISOString(), error: message, nextPollAt });
    log.warn({ code: error instanceof IngestError ? error.code : 'unexpected', reason: message, failures, retryInMs }, 'feed poll failed');
    return { ...base, status: 'failed', error: message, nextPollAt };
  }
}

/**
 * Polls every feed that is due: claims them (a lease, so another instance sharing the store skips them), fetches
 * each with a conditional GET from its stored ETag / Last-Modified, stores the items that validate, and records
 * the outcome. A failure records the error and backs off (`backoffDelayMs`); a success clears both. A failing
 * feed never stops the others; only store failures propagate.
 */
export async function pollDueFeeds(deps: PollDeps): Promise<PollReport> {
  const claimed = await deps.store.feeds.claimDueFeeds(
    deps.instanceId,
    deps.now().toISOString(),
    deps.leaseMs ?? DEFAULT_LEASE_MS,
    deps.limit ?? DEFAULT_CLAIM_LIMIT,
  );
  const results: FeedPollResult[] = new Array<FeedPollResult>(claimed.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < claimed.length) {
      const index = next;
      next += 1;
      const feed = claimed[index];
      if (feed) results[index] = await pollOne(feed, deps);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, claimed.length) }, worker));
  const report: PollReport = { feeds: results, inserted: 0, updated: 0, unchanged: 0, failed: 0, skipped: 0 };
  for (const result of results) {
    report.inserted += result.inserted;
    report.updated += result.updated;
    report.unchanged += result.unchanged;
    report.skipped += result.skipped;
    if (result.status === 'failed') report.failed += 1;
  }
  if (claimed.length > 0) {
    deps.log.info({ feeds: claimed.length, inserted: report.inserted, updated: report.updated, failed: report.failed }, 'feeds polled');
  }
  return report;
}

export type FeedPoller = {
  /** Stops scheduling and waits for a run in progress to finish. */
  stop(): Promise<void>;
};

/**
 * Runs `pollDueFeeds` on the cron schedule (node-cron syntax, e.g. every 15 minutes: `*\/15 * * * *`). Runs never
 * overlap: a tick that comes while a run is still going is skipped. A failed run is logged and the schedule goes
 * on. Throws `ConfigError` for an invalid cron expression.
 */
export function startFeedPoller(deps: PollDeps & { cron: string; timezone?: string }): FeedPoller {
  if (!cron.validate(deps.cron)) {
    throw new ConfigError(`FEED_POLL_CRON: "${deps.cron}" is not a valid cron expression (e.g. */15 * * * *).`);
  }
  const log = deps.log.child({ job: 'feed-poller' });
  let running: Promise<void> | undefined;
  const run = (): Promise<void> => {
    if (running) {
      log.debug('feed poll still running; tick skipped');
      return running;
    }
    running = pollDueFeeds({ ...deps, log })
      .then(() => undefined)
      .catch((error: unknown) => log.error({ err: error }, 'feed poll run failed'))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const task = cron.schedule(deps.cron, run, {
    name: 'feed-poller',
    noOverlap: true,
    ...(deps.timezone === undefined ? {} : { timezone: deps.timezone }),
  });
  log.info({ cron: deps.cron }, 'feed poller started');
  return {
    async stop() {
      await task.stop();
      await task.destroy();
      if (running) await running;
      log.info('feed poller stopped');
    },
  };
}
