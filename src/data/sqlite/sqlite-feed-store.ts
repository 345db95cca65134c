import type { Database, Statement, Transaction } from 'better-sqlite3';
import { feedFromRow as toFeed, type FeedRow } from '../rows.js';
import { NewFeed, type Feed, type FeedPollRecord } from '../schemas.js';
import type { FeedStore } from '../store.js';
import { guard, toEpochMs } from './sqlite-errors.js';
import type { SqliteWrite } from './sqlite-busy.js';

/** Feeds over one better-sqlite3 connection; claims are leases (`claimed_by`, `claim_expires_ms`). */
export class SqliteFeedStore implements FeedStore {
  readonly #db: Database;
  readonly #byUrl: Statement<[string], FeedRow>;
  readonly #claim: (instanceId: string, nowMs: number, leaseMs: number, limit: number) => Feed[];
  readonly #importMany: Transaction<(feeds: readonly Feed[]) => number>;

  /** Runs one write transaction or statement, waiting out other processes' locks (see `BusyRetry`). */
  readonly #write: SqliteWrite;

  constructor(db: Database, write: SqliteWrite) {
    this.#db = db;
    this.#write = write;
    this.#byUrl = db.prepare('SELECT * FROM feeds WHERE url = ?');
    const due = db.prepare<[number, number, number], FeedRow>(`SELECT * FROM feeds
      WHERE (next_poll_ms IS NULL OR next_poll_ms <= ?)
        AND (claimed_by IS NULL OR claim_expires_ms IS NULL OR claim_expires_ms <= ?)
      ORDER BY next_poll_ms IS NOT NULL, next_poll_ms, id
      LIMIT ?`);
    const take = db.prepare<[string, number, number]>('UPDATE feeds SET claimed_by = ?, claim_expires_ms = ? WHERE id = ?');
    const claim = db.transaction((instanceId: string, nowMs: number, leaseMs: number, limit: number) => {
      const rows = due.all(nowMs, nowMs, limit);
      for (const row of rows) take.run(instanceId, nowMs + leaseMs, row.id);
      return rows.map(toFeed);
    });
    // IMMEDIATE takes the write lock before reading, so two processes cannot both read the same due feeds.
    this.#claim = (...args) => claim.immediate(...args);
    const importOne = db.prepare<Record<string, unknown>>(`INSERT INTO feeds (id, url, title, outlet, section, added_at,
        etag, last_modified, last_polled_at, last_success_at, last_error, consecutive_failures, next_poll_at, next_poll_ms)
      VALUES (:id, :url, :title, :outlet, :section, :added_at, :etag, :last_modified, :last_polled_at, :last_success_at,
        :last_error, :consecutive_failures, :next_poll_at, :next_poll_ms)`);
    const removeClash = db.prepare<[number, string]>('DELETE FROM feeds WHERE id = ? OR url = ?');
    this.#importMany = db.transaction((feeds: readonly Feed[]) => {
      for (const feed of feeds) {
        removeClash.run(feed.id, feed.url);
        importOne.run({
          id: feed.id,
          url: feed.url,
          title: feed.title,
          outlet: feed.outlet,
          section: feed.section,
          added_at: feed.addedAt,
          etag: feed.etag,
          last_modified: feed.lastModified,
          last_polled_at: feed.lastPolledAt,
          last_success_at: feed.lastSuccessAt,
          last_error: feed.lastError,
          consecutive_failures: feed.consecutiveFailures,
          next_poll_at: feed.nextPollAt,
          next_poll_ms: feed.nextPollAt === null ? null : toEpochMs(feed.nextPollAt),
        });
      }
      return feeds.length;
    });
  }

  async addFeed(feed: NewFeed, now: string): Promise<Feed> {
    const parsed = NewFeed.parse(feed);
    return this.#write('add a feed', () => {
      this.#db
        .prepare<[string, string | null, string | null, string | null, string]>(
          // DO NOTHING keeps the feed already registered (and its polling state) when the URL is added again.
          `INSERT INTO feeds (url, title, outlet, section, added_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO NOTHING`,
        )
        .run(parsed.url, parsed.title, parsed.outlet, parsed.section, now);
      const row = this.#byUrl.get(parsed.url);
      if (row === undefined) throw new Error(`feed ${parsed.url} vanished after insert`);
      return toFeed(row);
    });
  }

  async listFeeds(): Promise<Feed[]> {
    return guard('list feeds', () => this.#db.prepare<[], FeedRow>('SELECT * FROM feeds ORDER BY id').all().map(toFeed));
  }

  async removeFeed(idOrUrl: number | string): Promise<boolean> {
    return this.#write('remove a feed', () => {
      const statement =
        typeof idOrUrl === 'number'
          ? this.#db.prepare('DELETE FROM feeds WHERE id = ?')
          : this.#db.prepare('DELETE FROM feeds WHERE url = ?');
      return statement.run(idOrUrl).changes > 0;
    });
  }

  async claimDueFeeds(instanceId: string, now: string, leaseMs: number, limit: number): Promise<Feed[]> {
    const nowMs = toEpochMs(now);
    return this.#write('claim due feeds', () => this.#claim(instanceId, nowMs, leaseMs, limit));
  }

  async recordPoll(feedId: number, record: FeedPollRecord): Promise<void> {
    await this.#write('record a feed poll', () => {
      const nextMs = record.nextPollAt === null ? null : toEpochMs(record.nextPollAt);
      if (record.ok) {
        this.#db
          .prepare<Record<string, unknown>>(`UPDATE feeds SET last_polled_at = :at, last_success_at = :at, etag = :etag,
              last_modified = :last_modified, last_error = NULL, consecutive_failures = 0,
              next_poll_at = :next_poll_at, next_poll_ms = :next_poll_ms, claimed_by = NULL, claim_expires_ms = NULL
            WHERE id = :id`)
          .run({
            id: feedId,
            at: record.at,
            etag: record.etag,
            last_modified: record.lastModified,
            next_poll_at: record.nextPollAt,
            next_poll_ms: nextMs,
          });
      } else {
        this.#db
          .prepare<Record<string, unknown>>(`UPDATE feeds SET last_polled_at = :at, last_error = :error,
              consecutive_failures = consecutive_failures + 1, next_poll_at = :next_poll_at, next_poll_ms = :next_poll_ms,
              claimed_by = NULL, claim_expires_ms = NULL
            WHERE id = :id`)
          .run({ id: feedId, at: record.at, error: record.error, next_poll_at: record.nextPollAt, next_poll_ms: nextMs });
      }
    });
  }

  async importFeeds(feeds: readonly Feed[]): Promise<number> {
    if (feeds.length === 0) return 0;
    return this.#write('import feeds', () => this.#importMany.immediate(feeds));
  }
}
