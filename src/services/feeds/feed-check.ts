import { IngestError } from '../../errors.js';
import { parseFeedDocument, type ParsedFeed } from '../ingest/feed.js';
import { safeFetch, type FetchPolicy } from '../ingest/safe-fetch.js';

/** What fetching a feed once found: its title and item counts, or why it is not a feed newsbrief can read. */
export type FeedCheck =
  | { ok: true; format: ParsedFeed['format']; title: string | null; items: number; skipped: number }
  | { ok: false; reason: string };

/**
 * Fetches `url` once with the same safe fetch as polling and parses it as a feed, storing nothing, so a feed can be
 * checked before it is registered. A refused, failing or non-feed URL is `{ ok: false }` with the reason in plain
 * words; only unexpected errors throw.
 */
export async function checkFeed(url: string, policy: FetchPolicy): Promise<FeedCheck> {
  try {
    const fetched = await safeFetch(url, policy, { accept: 'feed' });
    if (fetched.status === 'not_modified') return { ok: false, reason: 'the server answered 304 Not Modified to a first request' };
    const parsed = parseFeedDocument(fetched.body, { feedUrl: fetched.url });
    return { ok: true, format: parsed.format, title: parsed.title, items: parsed.articles.length, skipped: parsed.problems.length };
  } catch (error) {
    if (error instanceof IngestError) return { ok: false, reason: error.message };
    throw error;
  }
}
