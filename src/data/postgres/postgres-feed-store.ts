import type { Pool } from 'pg';
import { NewFeed, type Feed, type FeedPollRecord } from '../schemas.js';
import type { FeedStore } from '../store.js';
import { checkIso, guard, inTransaction } from './postgres-errors.js';
import { FEED_COLUMNS, toFeed, type FeedRow } from './postgres-rows.js';

/** Feeds over a `pg` pool; a claim is a lease (`claimed_by`, `claim_expires_ts`) that expires by itself. */
export class PostgresFeedStore implements FeedStore {
  readonly #pool: Pool;

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  async addFeed(feed: NewFeed, now: string): Promise<Feed> {
    const parsed = NewFeed.parse(feed);
    checkIso(now, 'now');
    return guard('add a feed', async () => {
      // DO NOTHING keeps the feed already registered (and its polling state) when the URL is added again.
      const inserted = await this.#pool.query<FeedRow>(
        `INSERT INTO feeds (url, title, outlet, section, added_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (url) DO NOTHING RETURNING ${FEED_COLUMNS}`,
        [parsed.url, parsed.title, parsed.outlet, parsed.section, now],
      );
      const row =
        inserted.rows[0] ??
        (await this.#pool.query<FeedRow>(`SELECT ${FEED_COLUMNS} FROM feeds WHERE url = $1`, [parsed.url])).rows[0];
      if (row === undefined) throw new Error(`feed ${parsed.url} vanished after insert`);
      return toFeed(row);
    });
  }

  async listFeeds(): Promise<Feed[]> {
    return guard('list feeds', async () => {
      const { rows } = await this.#pool.query<FeedRow>(`SELECT ${FEED_COLUMNS} FROM feeds ORDER BY id`);
      return rows.map(toFeed);
    });
  }

  async removeFeed(idOrUrl: number | string): Promise<boolean> {
    return guard('remove a feed', async () => {
      const result =
        typeof idOrUrl === 'number'
          ? await this.#pool.query('DELETE FROM feeds WHERE id = $1', [idOrUrl])
          : await this.#pool.query('DELETE FROM feeds WHERE url = $1', [idOrUrl]);
      return (result.rowCount ?? 0) > 0;
    });
  }

  async claimDueFeeds(instanceId: string, now: string, leaseMs: number, limit: number): Promise<Feed[]> {
    checkIso(now, 'now');
    return guard('claim due feeds', async () => {
      // SKIP LOCKED lets racing instances each take different rows instead of queueing on the same ones; the outer
      // UPDATE re-checks the lease on the newest row version, so a feed another instance just claimed is not taken.
      const { rows } = await this.#pool.query<FeedRow>(
        `WITH due AS (
           SELECT id FROM feeds
           WHERE (next_poll_ts IS NULL OR next_poll_ts <= $2::timestamptz)
             AND (claimed_by IS NULL OR claim_expires_ts IS NULL OR claim_expires_ts <= $2::timestamptz)
           ORDER BY next_poll_ts NULLS FIRST, id
           LIMIT $4
           FOR UPDATE SKIP LOCKED
         )
         UPDATE feeds f SET claimed_by = $1, claim_expires_ts = $2::timestamptz + $3::double precision * interval '1 millisecond'
         FROM due WHERE f.id = due.id
         RETURNING ${FEED_COLUMNS.split(', ').map((column) => `f.${column}`).join(', ')}`,
        [instanceId, now, leaseMs, limit],
      );
      return rows.sort((a, b) => Number(a.id) - Number(b.id)).map(toFeed);
    });
  }

  async recordPoll(feedId: number, record: FeedPollRecord): Promise<void> {
    checkIso(record.at, 'at');
    if (record.nextPollAt !== null) checkIso(record.nextPollAt, 'nextPollAt');
    await guard('record a feed poll', async () => {
      if (record.ok) {
        await this.#pool.query(
          `UPDATE feeds SET last_polled_at = $2, last_success_at = $2, etag = $3, last_modified = $4, last_error = NULL,
              consecutive_failures = 0, next_poll_at = $5::text, next_poll_ts = $5::text::timestamptz,
              claimed_by = NULL, claim_expires_ts = NULL
           WHERE id = $1`,
          [feedId, record.at, record.etag, record.lastModified, record.nextPollAt],
        );
      } else {
        await this.#pool.query(
          `UPDATE feeds SET last_polled_at = $2, last_error = $3, consecutive_failures = consecutive_failures + 1,
              next_poll_at = $4::text, next_poll_ts = $4::text::timestamptz, claimed_by = NULL, claim_expires_ts = NULL
           WHERE id = $1`,
          [feedId, record.at, record.error, record.nextPollAt],
        );
      }
    });
  }

  async importFeeds(feeds: readonly Feed[]): Promise<number> {
    if (feeds.length === 0) return 0;
    for (const feed of feeds) if (feed.nextPollAt !== null) checkIso(feed.nextPollAt, 'nextPollAt');
    return guard('import feeds', () =>
      inTransaction(this.#pool, async (client) => {
        for (const feed of feeds) {
          // The imported feed replaces whatever holds its id or its URL, as in the SQLite store.
          await client.query('DELETE FROM feeds WHERE id = $1 OR url = $2', [feed.id, feed.url]);
          await client.query(
            `INSERT INTO feeds (id, url, title, outlet, section, added_at, etag, last_modified, last_polled_at,
                last_success_at, last_error, consecutive_failures, next_poll_at, next_poll_ts)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::text, $13::text::timestamptz)`,
            [
              feed.id,
              feed.url,
              feed.title,
              feed.outlet,
              feed.section,
              feed.addedAt,
              feed.etag,
              feed.lastModified,
              feed.lastPolledAt,
              feed.lastSuccessAt,
              feed.lastError,
              feed.consecutiveFailures,
              feed.nextPollAt,
            ],
          );
        }
        // Explicit ids bypass the identity sequence; move it past them so the next addFeed gets a fresh id.
        await client.query(
          `SELECT setval(pg_get_serial_sequence('feeds', 'id'), (SELECT max(id) FROM feeds))`,
        );
        return feeds.length;
      }),
    );
  }
}
