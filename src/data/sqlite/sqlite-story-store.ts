import type { Database, Statement } from 'better-sqlite3';
import { memberFromRow, storyFromRow, type MemberRow } from '../rows.js';
import { StoryAssignmentRecord, type Article, type Story, type StoryExport, type StoryMember } from '../schemas.js';
import type { StoryRange, StoryStore } from '../store.js';
import { FULL_ROW, toArticle, type ArticleRow } from './sqlite-article-store.js';
import type { SqliteWrite } from './sqlite-busy.js';
import { guard, toEpochMs } from './sqlite-errors.js';

type StoryDbRow = { id: string; headline: string; first_ms: number; last_ms: number; article_count: number; outlets: string };

const STORY_COLUMNS = 'id, headline, first_ms, last_ms, article_count, outlets';
const EXPORT_PAGE = 500;

function toStory(row: StoryDbRow): Story {
  return storyFromRow({
    id: row.id,
    headline: row.headline,
    first_seen_at: new Date(row.first_ms).toISOString(),
    last_seen_at: new Date(row.last_ms).toISOString(),
    article_count: row.article_count,
    outlets: JSON.parse(row.outlets) as string[],
  });
}

/**
 * Recomputes stories from their articles: headline, first and last seen, count and outlets; a story with no article
 * left is removed. The article store calls it too, when an article of a story changes or goes. Runs inside the
 * caller's transaction.
 */
export function storyRefresher(db: Database): (storyIds: Iterable<string | null>) => void {
  const upsert = db.prepare<{ id: string }>(`INSERT INTO stories (${STORY_COLUMNS})
    SELECT :id, (SELECT title FROM articles WHERE story_id = :id ORDER BY recency_ms DESC, seq DESC LIMIT 1),
      min(recency_ms), max(recency_ms), count(*),
      (SELECT json_group_array(outlet) FROM (SELECT DISTINCT outlet FROM articles WHERE story_id = :id AND outlet IS NOT NULL))
    FROM articles WHERE story_id = :id HAVING count(*) > 0
    ON CONFLICT (id) DO UPDATE SET headline = excluded.headline, first_ms = excluded.first_ms, last_ms = excluded.last_ms,
      article_count = excluded.article_count, outlets = excluded.outlets`);
  const removeEmpty = db.prepare<{ id: string }>(
    'DELETE FROM stories WHERE id = :id AND NOT EXISTS (SELECT 1 FROM articles WHERE story_id = :id)',
  );
  return (storyIds) => {
    for (const id of new Set(storyIds)) {
      if (id === null) continue;
      upsert.run({ id });
      removeEmpty.run({ id });
    }
  };
}

/** Stories over one better-sqlite3 connection; see `StoryStore` for the contract. */
export class SqliteStoryStore implements StoryStore {
  readonly #db: Database;
  readonly #write: SqliteWrite;
  readonly #refresh: (storyIds: Iterable<string | null>) => void;
  readonly #byId: Statement<[string], StoryDbRow>;
  readonly #mergedInto: Statement<[string], string>;
  readonly #storyOfArticle: Statement<[string], string | null>;
  readonly #setStory: Statement<[string, string]>;
  readonly #moveStory: Statement<[string, string]>;
  readonly #recordMerge: Statement<[string, string, string]>;
  readonly #repointMerges: Statement<[string, string]>;
  readonly #storyIdsOf: Statement<[string], { id: string; story_id: string }>;
  readonly #articles: Statement<[string, number], ArticleRow>;
  readonly #list: Statement<[number, number, number], StoryDbRow>;
  readonly #recent: Statement<[number, number, number, number], MemberRow>;
  readonly #unassigned: Statement<[number], ArticleRow>;

  constructor(db: Database, write: SqliteWrite) {
    this.#db = db;
    this.#write = write;
    this.#refresh = storyRefresher(db);
    this.#byId = db.prepare(`SELECT ${STORY_COLUMNS} FROM stories WHERE id = ?`);
    this.#mergedInto = db.prepare<[string], string>('SELECT into_id FROM story_merges WHERE merged_id = ?').pluck();
    this.#storyOfArticle = db.prepare<[string], string | null>('SELECT story_id FROM articles WHERE id = ?').pluck();
    this.#setStory = db.prepare('UPDATE articles SET story_id = ? WHERE id = ?');
    this.#moveStory = db.prepare('UPDATE articles SET story_id = ? WHERE story_id = ?');
    this.#recordMerge = db.prepare(`INSERT INTO story_merges (merged_id, into_id, merged_at) VALUES (?, ?, ?)
      ON CONFLICT (merged_id) DO UPDATE SET into_id = excluded.into_id, merged_at = excluded.merged_at`);
    // Merges stay one hop deep: stories merged into a story that is now merged itself follow it.
    this.#repointMerges = db.prepare('UPDATE story_merges SET into_id = ? WHERE into_id = ?');
    this.#storyIdsOf = db.prepare(
      'SELECT id, story_id FROM articles WHERE id IN (SELECT value FROM json_each(?)) AND story_id IS NOT NULL',
    );
    this.#articles = db.prepare(`${FULL_ROW} WHERE a.story_id = ? ORDER BY a.recency_ms DESC, a.seq DESC LIMIT ?`);
    this.#list = db.prepare(
      `SELECT ${STORY_COLUMNS} FROM stories WHERE last_ms >= ? AND first_ms < ? ORDER BY last_ms DESC, id LIMIT ?`,
    );
    this.#recent = db.prepare(`SELECT a.id, a.story_id, a.title, a.outlet,
        coalesce(a.published_at, a.ingested_at) AS published_at, substr(t.text, 1, ?) AS lead
      FROM articles a JOIN article_texts t ON t.seq = a.seq
      WHERE a.recency_ms >= ? AND a.recency_ms <= ? AND a.story_id IS NOT NULL ORDER BY a.recency_ms DESC, a.seq DESC LIMIT ?`);
    this.#unassigned = db.prepare(`${FULL_ROW} WHERE a.story_id IS NULL ORDER BY a.recency_ms, a.seq LIMIT ?`);
  }

  async assign(assignments: readonly StoryAssignmentRecord[]): Promise<void> {
    if (assignments.length === 0) return;
    const parsed = assignments.map((assignment) => StoryAssignmentRecord.parse(assignment));
    const apply = this.#db.transaction(() => {
      const touched: (string | null)[] = [];
      const now = new Date().toISOString();
      for (const { articleId, storyId, mergedStoryIds } of parsed) {
        for (const merged of mergedStoryIds) {
          if (merged === storyId) continue;
          this.#moveStory.run(storyId, merged);
          this.#repointMerges.run(storyId, merged);
          this.#recordMerge.run(merged, storyId, now);
          touched.push(merged);
        }
        const previous = this.#storyOfArticle.get(articleId);
        if (previous === undefined) continue;
        this.#setStory.run(storyId, articleId);
        touched.push(previous, storyId);
      }
      this.#refresh(touched);
    });
    await this.#write('assign stories', () => apply.immediate());
  }

  async get(storyId: string): Promise<Story | undefined> {
    return guard('read a story', () => {
      const row = this.#byId.get(storyId) ?? this.#byId.get(this.#mergedInto.get(storyId) ?? '');
      return row === undefined ? undefined : toStory(row);
    });
  }

  async ofArticle(articleId: string): Promise<Story | undefined> {
    const storyId = guard('read an article story', () => this.#storyOfArticle.get(articleId.trim().toLowerCase()));
    return storyId === undefined || storyId === null ? undefined : this.get(storyId);
  }

  async storyIdsOf(articleIds: readonly string[]): Promise<Map<string, string>> {
    return guard('read article stories', () => {
      const rows = this.#storyIdsOf.all(JSON.stringify(articleIds));
      return new Map(rows.map((row) => [row.id, row.story_id]));
    });
  }

  async articles(storyId: string, limit: number): Promise<Article[]> {
    return guard('read story articles', () => this.#articles.all(storyId, limit).map(toArticle));
  }

  async list(range: StoryRange): Promise<Story[]> {
    return guard('list stories', () =>
      this.#list.all(toEpochMs(range.from), toEpochMs(range.to), range.limit).map(toStory),
    );
  }

  async recent(window: { from: string; to: string; limit: number; leadChars: number }): Promise<StoryMember[]> {
    return guard('read recent story members', () =>
      this.#recent.all(window.leadChars, toEpochMs(window.from), toEpochMs(window.to), window.limit).map(memberFromRow),
    );
  }

  async unassigned(limit: number): Promise<Article[]> {
    return guard('read articles without a story', () => this.#unassigned.all(limit).map(toArticle));
  }

  async *exportAll(): AsyncIterable<StoryExport> {
    const page = this.#db.prepare<[string, number], StoryDbRow>(`SELECT ${STORY_COLUMNS} FROM stories WHERE id > ? ORDER BY id LIMIT ?`);
    const members = this.#db.prepare<[string], string>('SELECT id FROM articles WHERE story_id = ? ORDER BY seq').pluck();
    let after = '';
    for (;;) {
      const rows = guard('export stories', () =>
        page.all(after, EXPORT_PAGE).map((row) => ({ ...toStory(row), articleIds: members.all(row.id) })),
      );
      yield* rows;
      const last = rows.at(-1);
      if (last === undefined || rows.length < EXPORT_PAGE) return;
      after = last.id;
    }
  }

  async importStories(stories: readonly StoryExport[]): Promise<number> {
    if (stories.length === 0) return 0;
    const apply = this.#db.transaction(() => {
      const touched: (string | null)[] = [];
      for (const story of stories) {
        for (const articleId of story.articleIds) {
          const previous = this.#storyOfArticle.get(articleId);
          if (previous === undefined) continue;
          this.#setStory.run(story.id, articleId);
          touched.push(previous, story.id);
        }
      }
      this.#refresh(touched);
      return stories.filter((story) => this.#byId.get(story.id) !== undefined).length;
    });
    return this.#write('import stories', () => apply.immediate());
  }
}
