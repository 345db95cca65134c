import type { Store } from '../../data/store.js';
import type { Logger } from '../../log.js';
import { assignStories } from './assign-stories.js';
import { indexQuotes } from './quote-bank.js';

/** Articles handled per store round trip: small enough that the event loop is never held for long. */
export const BACKLOG_BATCH = 100;

export type BacklogReport = { quoted: number; quotes: number; assigned: number };

/**
 * Catches up on articles the quote bank and the stories have not seen: those stored before they existed, imported
 * ones, and any stored by other means. Quotes first (oldest stored first), then stories (oldest first, so the
 * clusterer sees them as a stream). Works in batches of `batchSize`, at most `maxArticles` of each per call (the rest
 * waits for the next call), stopping early once `signal` aborts. Logs each batch at debug and a summary at info.
 */
export async function indexBacklog(
  store: Store,
  deps: { log: Logger; batchSize?: number; maxArticles?: number; signal?: AbortSignal },
): Promise<BacklogReport> {
  const batchSize = deps.batchSize ?? BACKLOG_BATCH;
  const max = deps.maxArticles ?? Number.POSITIVE_INFINITY;
  const report: BacklogReport = { quoted: 0, quotes: 0, assigned: 0 };
  const isStopped = (): boolean => deps.signal?.aborted === true;
  while (report.quoted < max && !isStopped()) {
    const pending = await store.quotes.unindexed(Math.min(batchSize, max - report.quoted));
    if (pending.length === 0) break;
    report.quotes += await indexQuotes(store.quotes, pending);
    report.quoted += pending.length;
    deps.log.debug({ articles: pending.length, total: report.quoted }, 'quote backlog batch indexed');
    await yieldToEventLoop();
  }
  while (report.assigned < max && !isStopped()) {
    const pending = await store.stories.unassigned(Math.min(batchSize, max - report.assigned));
    if (pending.length === 0) break;
    await assignStories(
      store,
      pending.map((article) => ({ ...article, publishedAt: article.publishedAt ?? article.ingestedAt })),
    );
    report.assigned += pending.length;
    deps.log.debug({ articles: pending.length, total: report.assigned }, 'story backlog batch assigned');
    await yieldToEventLoop();
  }
  if (report.quoted > 0 || report.assigned > 0) deps.log.info(report, 'story and quote backlog indexed');
  return report;
}

/** Lets commands and timers run between two batches. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
