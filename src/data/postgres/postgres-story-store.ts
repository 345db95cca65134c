import type { Pool, PoolClient } from 'pg';
import { memberFromRow, storyFromRow, type MemberRow } from '../rows.js';
import { StoryAssignmentRecord, type Article, type Story, type StoryExport, type StoryMember } from '../schemas.js';
import type { StoryRange, StoryStore } from '../store.js';
import { checkIso, guard, inTransaction } from './postgres-errors.js';
import { ARTICLE_COLUMNS, toArticle, type ArticleRow } from './postgres-rows.js';

type StoryDbRow = { id: string; headline: string; first_ts: Date; last_ts: Date; article_count: number; outlets: string[] };

const STORY_COLUMNS = 'id, headline, first_ts, last_ts, article_count, outlets';
const EXPORT_PAGE = 500;
/** Arbitrary constant naming "story assignment" for `pg_advisory_xact_lock`: instances assign one batch at a time. */
const STORY_LOCK_KEY = 0x6e_62_73_74; // "nbst"

function toStory(row: StoryDbRow): Story {
  return storyFromRow({
    id: row.id,
    headline: row.headline,
    first_seen_at: row.first_ts.toISOString(),
    last_seen_at: row.last_ts.toISOString(),
    article_count: row.article_count,
    outlets: row.outlets,
  });
}

/**
 * Recomputes stories from their articles (headline, first and last seen, count, outlets) and removes those left with
 * no article, in two statements whatever their number. The article store calls it too. Runs on the caller's client,
 * inside its transaction.
 */
export async function refreshStories(client: PoolClient, storyIds: Iterable<string | null>): Promise<void> {
  const ids = [...new Set([...storyIds].filter((id): id is string => id !== null))];
  if (ids.length === 0) return;
  await client.query(
    `DELETE FROM stories s WHERE s.id = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id)`,
    [ids],
  );
  await client.query(
    `INSERT INTO stories (${STORY_COLUMNS})
     SELECT a.story_id, (array_agg(a.title ORDER BY a.recency_ts DESC, a.seq DESC))[1], min(a.recency_ts), max(a.recency_ts),
       count(*)::integer, coalesce(array_agg(DISTINCT a.outlet) FILTER (WHERE a.outlet IS NOT NULL), '{}')
     FROM articles a WHERE a.story_id = ANY($1::text[]) GROUP BY a.story_id
     ON CONFLICT (id) DO UPDATE SET headline = excluded.headline, first_ts = excluded.first_ts, last_ts = excluded.last_ts,
       article_count = excluded.article_count, outlets = excluded.outlets`,
    [ids],
  );
}

/** Stories over a `pg` pool; see `StoryStore` for the contract. Behaves as `SqliteStoryStore`. */
export class PostgresStoryStore implements StoryStore {
  readonly #pool: Pool;

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  async assign(assignments: readonly StoryAssignmentRecord[]): Promise<void> {
    if (assignments.length === 0) return;
    const parsed = assignments.map((assignment) => StoryAssignmentRecord.parse(assignment));
    await guard('assign stories', () =>
      inTransaction(this.#pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [STORY_LOCK_KEY]);
        const touched: (string | null)[] = [];
        const now = new Date().toISOString();
        for (const { articleId, storyId, mergedStoryIds } of parsed) {
          for (const merged of mergedStoryIds) {
            if (merged === storyId) continue;
            await client.query('UPDATE articles SET story_id = $1 WHERE story_id = $2', [storyId, merged]);
            // Merges stay one hop deep: stories merged into this one now follow it.
            await client.query('UPDATE story_merges SET into_id = $1 WHERE into_id = $2', [storyId, merged]);
            await client.query(
              `INSERT INTO story_merges (merged_id, into_id, merged_at) VALUES ($1, $2, $3)
               ON CONFLICT (merged_id) DO UPDATE SET into_id = excluded.into_id, merged_at = excluded.merged_at`,
              [merged, storyId, now],
            );
            touched.push(merged);
          }
          const { rows } = await client.query<{ previous: string | null }>(
            `UPDATE articles a SET story_id = $1 FROM articles old WHERE a.id = $2 AND old.seq = a.seq RETURNING old.story_id AS previous`,
            [storyId, articleId],
          );
          if (rows[0] === undefined) continue;
          touched.push(rows[0].previous, storyId);
        }
        await refreshStories(client, touched);
      }),
    );
  }

  async get(storyId: string): Promise<Story | undefined> {
    return guard('read a story', async () => {
      const { rows } = await this.#pool.query<StoryDbRow>(
        `SELECT ${STORY_COLUMNS} FROM stories
         WHERE id = $1 OR id = (SELECT into_id FROM story_merges WHERE merged_id = $1)
         ORDER BY id = $1 DESC LIMIT 1`,
        [storyId],
      );
      return rows[0] === undefined ? undefined : toStory(rows[0]);
    });
  }

  async ofArticle(articleId: string): Promise<Story | undefined> {
    return guard('read an article story', async () => {
      const { rows } = await this.#pool.query<StoryDbRow>(
        `SELECT s.id, s.headline, s.first_ts, s.last_ts, s.article_count, s.outlets
         FROM articles a JOIN stories s ON s.id = a.story_id WHERE a.id = $1`,
        [articleId.trim().toLowerCase()],
      );
      return rows[0] === undefined ? undefined : toStory(rows[0]);
    });
  }

  async storyIdsOf(articleIds: readonly string[]): Promise<Map<string, string>> {
    return guard('read article stories', async () => {
      const { rows } = await this.#pool.query<{ id: string; story_id: string }>(
        'SELECT id, story_id FROM articles WHERE id = ANY($1::text[]) AND story_id IS NOT NULL',
        [articleIds],
      );
      return new Map(rows.map((row) => [row.id, row.story_id]));
    });
  }

  async articles(storyId: string, limit: number): Promise<Article[]> {
    return guard('read story articles', async () => {
      const { rows } = await this.#pool.query<ArticleRow>(
        `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE story_id = $1 ORDER BY recency_ts DESC, seq DESC LIMIT $2`,
        [storyId, limit],
      );
      return rows.map(toArticle);
    });
  }

  async list(range: StoryRange): Promise<Story[]> {
    checkIso(range.from, 'from');
    checkIso(range.to, 'to');
    return guard('list stories', async () => {
      const { rows } = await this.#pool.query<StoryDbRow>(
        `SELECT ${STORY_COLUMNS} FROM stories WHERE last_ts >= $1::timestamptz AND first_ts < $2::timestamptz
         ORDER BY last_ts DESC, id COLLATE "C" LIMIT $3`,
        [range.from, range.to, range.limit],
      );
      return rows.map(toStory);
    });
  }

  async recent(window: { from: string; to: string; limit: number; leadChars: number }): Promise<StoryMember[]> {
    checkIso(window.from, 'from');
    checkIso(window.to, 'to');
    return guard('read recent story members', async () => {
      const { rows } = await this.#pool.query<MemberRow>(
        `SELECT id, story_id, title, outlet, coalesce(published_at, ingested_at) AS published_at, substr(text, 1, $4) AS lead
         FROM articles WHERE recency_ts >= $1::timestamptz AND recency_ts <= $2::timestamptz AND story_id IS NOT NULL
         ORDER BY recency_ts DESC, seq DESC LIMIT $3`,
        [window.from, window.to, window.limit, window.leadChars],
      );
      return rows.map(memberFromRow);
    });
  }

  async unassigned(limit: number): Promise<Article[]> {
    return guard('read articles without a story', async () => {
      const { rows } = await this.#pool.query<ArticleRow>(
        `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE story_id IS NULL ORDER BY recency_ts, seq LIMIT $1`,
        [limit],
      );
      return rows.map(toArticle);
    });
  }

  async *exportAll(): AsyncIterable<StoryExport> {
    let after = '';
    for (;;) {
      const page = after;
      const rows = await guard('export stories', async () => {
        const result = await this.#pool.query<StoryDbRow & { article_ids: string[] }>(
          `SELECT s.id, s.headline, s.first_ts, s.last_ts, s.article_count, s.outlets,
             ARRAY(SELECT a.id FROM articles a WHERE a.story_id = s.id ORDER BY a.seq) AS article_ids
           FROM stories s WHERE s.id COLLATE "C" > $1 ORDER BY s.id COLLATE "C" LIMIT $2`,
          [page, EXPORT_PAGE],
        );
        return result.rows.map((row) => ({ ...toStory(row), articleIds: row.article_ids }));
      });
      yield* rows;
      const last = rows.at(-1);
      if (last === undefined || rows.length < EXPORT_PAGE) return;
      after = last.id;
    }
  }

  async importStories(stories: readonly StoryExport[]): Promise<number> {
    if (stories.length === 0) return 0;
    return guard('import stories', () =>
      inTransaction(this.#pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [STORY_LOCK_KEY]);
        const { rows } = await client.query<{ previous: string | null }>(
          `UPDATE articles a SET story_id = u.story_id FROM articles old,
             unnest($1::text[], $2::text[]) AS u(article_id, story_id)
           WHERE a.id = u.article_id AND old.seq = a.seq RETURNING old.story_id AS previous`,
          [stories.flatMap((story) => story.articleIds), stories.flatMap((story) => story.articleIds.map(() => story.id))],
        );
        await refreshStories(client, [...rows.map((row) => row.previous), ...stories.map((story) => story.id)]);
        const found = await client.query<{ n: number }>('SELECT count(*)::integer AS n FROM stories WHERE id = ANY($1::text[])', [
          stories.map((story) => story.id),
        ]);
        return found.rows[0]?.n ?? 0;
      }),
    );
  }
}
