import type { Database, Statement, Transaction } from 'better-sqlite3';
import { articleId, canonicalizeUrl, contentHash } from '../article-identity.js';
import { makeSnippet, queryWords, startsTitleWords, typedWords } from '../query-words.js';
import {
  Article,
  ArticleSummary,
  SEARCH_LIMIT_MAX,
  SearchHit,
  SearchOptions,
  type NewArticle,
  type UpsertOutcome,
  type UpsertResult,
} from '../schemas.js';
import type { ArticleStore, PublishedRange } from '../store.js';
import { guard, toEpochMs } from './sqlite-errors.js';
import type { SqliteWrite } from './sqlite-busy.js';
import { storyRefresher } from './sqlite-story-store.js';

export type ArticleRow = {
  seq: number;
  id: string;
  canonical_url: string | null;
  content_hash: string;
  published_ms: number | null;
  recency_ms: number;
  ingested_ms: number;
  ingested_at: string;
  published_at: string | null;
  outlet: string | null;
  section: string | null;
  language: string;
  url: string | null;
  authors: string;
  tags: string;
  title: string;
  story_id: string | null;
  text: string;
};
type SummaryRow = Pick<ArticleRow, 'seq' | 'id' | 'url' | 'title' | 'outlet' | 'section' | 'published_at'>;
type HitRow = SummaryRow & { text: string; score: number };

const SUMMARY_COLUMNS = 'seq, id, url, title, outlet, section, published_at';
export const FULL_ROW = 'SELECT a.*, t.text FROM articles a JOIN article_texts t ON t.seq = a.seq';
/** bm25 column weights: a word in the title counts ten times a word in the text. */
const TITLE_WEIGHT = 10;
const TEXT_WEIGHT = 1;
/**
 * Autocomplete asks the title index for at most this many matches and sorts them by date; a broader prefix
 * (one or two letters) instead walks the newest titles, where matches are then frequent enough to stop early.
 */
const AUTOCOMPLETE_INDEX_CAP = 2_000;
/**
 * Search ranks at most this many matches, the most recently stored first. A query matching fewer articles (any
 * specific query) is ranked exactly; a very broad one (a single common word) is ranked among its newest matches,
 * which keeps every search within a few milliseconds at 100,000 articles and favours recent stories.
 */
export const SEARCH_CANDIDATE_CAP = 1_000;
const EXPORT_PAGE = 500;

export function toArticle(row: ArticleRow): Article {
  return Article.parse({
    id: row.id,
    contentHash: row.content_hash,
    ingestedAt: row.ingested_at,
    url: row.url,
    title: row.title,
    authors: JSON.parse(row.authors),
    outlet: row.outlet,
    publishedAt: row.published_at,
    section: row.section,
    tags: JSON.parse(row.tags),
    language: row.language,
    text: row.text,
  });
}

function toSummary(row: SummaryRow): ArticleSummary {
  return ArticleSummary.parse({
    id: row.id,
    url: row.url,
    title: row.title,
    outlet: row.outlet,
    section: row.section,
    publishedAt: row.published_at,
  });
}

/** The article store over one better-sqlite3 connection; see `ArticleStore` for the contract. */
export class SqliteArticleStore implements ArticleStore {
  readonly #db: Database;
  readonly #byCanonical: Statement<[string], ArticleRow>;
  readonly #byId: Statement<[string], ArticleRow>;
  readonly #bySeq: Statement<[number], ArticleRow>;
  readonly #findExisting: Statement<{ canonical: string | null; hash: string; id: string }, number>;
  readonly #insert: Statement<Record<string, unknown>>;
  readonly #insertText: Statement<[number | bigint, string]>;
  readonly #indexTitle: Statement<[number | bigint, string]>;
  readonly #indexText: Statement<[number | bigint, string, string]>;
  readonly #update: Statement<Record<string, unknown>>;
  readonly #updateText: Statement<[string, number]>;
  readonly #deleteForImport: Statement<[string, string | null], string | null>;
  readonly #refreshStories: (storyIds: Iterable<string | null>) => void;
  readonly #search: Statement<Record<string, unknown>, HitRow>;
  readonly #titleMatches: Statement<[string, number], number>;
  readonly #summariesBySeq: Statement<[string, number], SummaryRow>;
  readonly #newestTitles: Statement<[], { seq: number; title: string }>;
  readonly #newestLimited: Statement<[number], SummaryRow>;
  readonly #upsertMany: Transaction<(articles: readonly NewArticle[]) => UpsertResult[]>;
  readonly #importMany: Transaction<(articles: readonly Article[]) => number>;

  /** Runs one write transaction or statement, waiting out other processes' locks (see `BusyRetry`). */
  readonly #write: SqliteWrite;

  constructor(db: Database, write: SqliteWrite) {
    this.#db = db;
    this.#write = write;
    this.#byCanonical = db.prepare(`${FULL_ROW} WHERE a.canonical_url = ?`);
    this.#byId = db.prepare(`${FULL_ROW} WHERE a.id = ?`);
    this.#bySeq = db.prepare(`${FULL_ROW} WHERE a.seq = ?`);
    // One statement for the three dedupe probes, in priority order: most upserts are new articles that miss all three.
    this.#findExisting = db
      .prepare<{ canonical: string | null; hash: string; id: string }, number>(`SELECT seq FROM (
          SELECT seq, 1 AS priority FROM articles WHERE canonical_url = :canonical
          UNION ALL SELECT seq, 2 FROM articles WHERE content_hash = :hash
          UNION ALL SELECT seq, 3 FROM articles WHERE id = :id
        ) ORDER BY priority, seq LIMIT 1`)
      .pluck();
    this.#insert = db.prepare(`INSERT INTO articles (id, canonical_url, content_hash, published_ms, recency_ms, ingested_ms,
        ingested_at, published_at, outlet, section, language, url, authors, tags, title)
      VALUES (:id, :canonical_url, :content_hash, :published_ms, :recency_ms, :ingested_ms,
        :ingested_at, :published_at, :outlet, :section, :language, :url, :authors, :tags, :title)`);
    this.#insertText = db.prepare('INSERT INTO article_texts (seq, text) VALUES (?, ?)');
    // Index entries of a new article, written here rather than by insert triggers (see the migration for why).
    this.#indexTitle = db.prepare('INSERT INTO article_titles_fts (rowid, title) VALUES (?, ?)');
    this.#indexText = db.prepare('INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)');
    this.#update = db.prepare(`UPDATE articles SET canonical_url = :canonical_url, content_hash = :content_hash,
        published_ms = :published_ms, recency_ms = :recency_ms, published_at = :published_at, outlet = :outlet,
        section = :section, language = :language, url = :url, authors = :authors, tags = :tags, title = :title,
        quotes_indexed = 0
      WHERE seq = :seq`);
    // Written even when only the title changed: its trigger re-indexes title and text together.
    this.#updateText = db.prepare('UPDATE article_texts SET text = ? WHERE seq = ?');
    this.#deleteForImport = db
      .prepare<[string, string | null], string | null>('DELETE FROM articles WHERE id = ? OR canonical_url = ? RETURNING story_id')
      .pluck();
    this.#refreshStories = storyRefresher(db);
    // Candidates come from the index newest first (CROSS JOIN keeps the index as the outer loop, so the LIMIT stops
    // the walk early); only the returned rows' text is read, for their snippets.
    this.#search = db.prepare(`WITH candidates AS MATERIALIZED (
        SELECT articles_fts.rowid AS seq, bm25(articles_fts, ${TITLE_WEIGHT}, ${TEXT_WEIGHT}) AS rank,
          articles.recency_ms AS recency
        FROM articles_fts CROSS JOIN articles ON articles.seq = articles_fts.rowid
        WHERE articles_fts MATCH :match
          AND (:from_ms IS NULL OR articles.published_ms >= :from_ms)
          AND (:to_ms IS NULL OR articles.published_ms < :to_ms)
          AND (:outlet IS NULL OR articles.outlet = :outlet COLLATE NOCASE)
          AND (:section IS NULL OR articles.section = :section COLLATE NOCASE)
        ORDER BY articles_fts.rowid DESC
        LIMIT ${SEARCH_CANDIDATE_CAP}
      ),
      top AS MATERIALIZED (
        SELECT seq, rank, recency FROM candidates ORDER BY rank, recency DESC, seq DESC LIMIT :limit
      )
      SELECT a.seq, a.id, a.url, a.title, a.outlet, a.section, a.published_at, t.text, -top.rank AS score
      FROM top JOIN articles a ON a.seq = top.seq JOIN article_texts t ON t.seq = top.seq
      ORDER BY top.rank, top.recency DESC, top.seq DESC`);
    this.#titleMatches = db
      .prepare<[string, number], number>('SELECT rowid FROM article_titles_fts WHERE article_titles_fts MATCH ? LIMIT ?')
      .pluck();
    this.#summariesBySeq = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM articles
      WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY recency_ms DESC, seq DESC LIMIT ?`);
    // Only what the title test needs: reading every summary column of each title passed cost three times as much.
    this.#newestTitles = db.prepare('SELECT seq, title FROM articles ORDER BY recency_ms DESC, seq DESC');
    this.#newestLimited = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM articles ORDER BY recency_ms DESC, seq DESC LIMIT ?`);
    this.#upsertMany = db.transaction((articles: readonly NewArticle[]) => {
      const now = new Date();
      return articles.map((article) => this.#upsertOne(article, now));
    });
    this.#importMany = db.transaction((articles: readonly Article[]) => {
      const replacedStories: (string | null)[] = [];
      for (const article of articles) {
        const canonical = article.url === null ? null : canonicalizeUrl(article.url);
        replacedStories.push(...this.#deleteForImport.all(article.id, canonical));
        const ingestedMs = toEpochMs(article.ingestedAt);
        const publishedMs = article.publishedAt === null ? null : toEpochMs(article.publishedAt);
        const { lastInsertRowid } = this.#insert.run({
          ...this.#columns(article, canonical, article.contentHash, publishedMs, ingestedMs),
          id: article.id,
          ingested_ms: ingestedMs,
          ingested_at: article.ingestedAt,
        });
        this.#insertTextAndIndex(lastInsertRowid, article.title, article.text);
      }
      this.#refreshStories(replacedStories);
      return articles.length;
    });
  }

  /** Completes a just-inserted `articles` row: its text and both full-text index entries. */
  #insertTextAndIndex(seq: number | bigint, title: string, text: string): void {
    this.#insertText.run(seq, text);
    this.#indexTitle.run(seq, title);
    this.#indexText.run(seq, title, text);
  }

  #columns(article: NewArticle, canonical: string | null, hash: string, publishedMs: number | null, ingestedMs: number) {
    return {
      canonical_url: canonical,
      content_hash: hash,
      published_ms: publishedMs,
      recency_ms: publishedMs ?? ingestedMs,
      published_at: article.publishedAt,
      outlet: article.outlet,
      section: article.section,
      language: article.language,
      url: article.url,
      authors: JSON.stringify(article.authors),
      tags: JSON.stringify(article.tags),
      title: article.title,
    };
  }

  #upsertOne(article: NewArticle, now: Date): UpsertResult {
    const canonical = article.url === null ? null : canonicalizeUrl(article.url);
    const hash = contentHash(article.title, article.text);
    const id = articleId(canonical, hash);
    // Canonical URL first, then the content hash; the id catches a hash-identified row whose text changed since.
    const existingSeq = this.#findExisting.get({ canonical, hash, id });
    const existing = existingSeq === undefined ? undefined : this.#bySeq.get(existingSeq);
    const publishedMs = article.publishedAt === null ? null : toEpochMs(article.publishedAt);
    if (existing === undefined) {
      const { lastInsertRowid } = this.#insert.run({
        ...this.#columns(article, canonical, hash, publishedMs, now.getTime()),
        id,
        ingested_ms: now.getTime(),
        ingested_at: now.toISOString(),
      });
      this.#insertTextAndIndex(lastInsertRowid, article.title, article.text);
      return { id, outcome: 'inserted' };
    }
    // The first known URL stays: a re-ingest through a tracking link or a URL-less file must not move the article.
    const url = existing.url ?? article.url;
    const columns = this.#columns({ ...article, url }, existing.canonical_url ?? canonical, hash, publishedMs, existing.ingested_ms);
    const outcome: UpsertOutcome =
      columns.title === existing.title &&
      article.text === existing.text &&
      columns.url === existing.url &&
      columns.authors === existing.authors &&
      columns.tags === existing.tags &&
      columns.outlet === existing.outlet &&
      columns.section === existing.section &&
      columns.language === existing.language &&
      columns.published_at === existing.published_at
        ? 'unchanged'
        : 'updated';
    if (outcome === 'updated') {
      this.#update.run({ ...columns, seq: existing.seq });
      this.#updateText.run(article.text, existing.seq);
      this.#refreshStories([existing.story_id]);
    }
    return { id: existing.id, outcome };
  }

  async upsert(articles: readonly NewArticle[]): Promise<UpsertResult[]> {
    if (articles.length === 0) return [];
    // IMMEDIATE: take the write lock before the dedupe reads, so another process cannot slip in between.
    return this.#write('store articles', () => this.#upsertMany.immediate(articles));
  }

  async get(id: string): Promise<Article | undefined> {
    return guard('read an article', () => {
      const row = this.#byId.get(id.trim().toLowerCase());
      return row === undefined ? undefined : toArticle(row);
    });
  }

  async getByUrl(url: string): Promise<Article | undefined> {
    const canonical = canonicalizeUrl(url);
    if (canonical === null) return undefined;
    return guard('read an article by URL', () => {
      const row = this.#byCanonical.get(canonical);
      return row === undefined ? undefined : toArticle(row);
    });
  }

  async getByIdPrefix(prefix: string, limit: number): Promise<ArticleSummary[]> {
    const normalized = prefix.trim().toLowerCase();
    if (!/^[0-9a-f]{4,12}$/.test(normalized)) return [];
    return guard('look up an id prefix', () =>
      this.#db
        .prepare<[string, string, number], SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM articles
          WHERE id >= ? AND id < ? ORDER BY recency_ms DESC, seq DESC LIMIT ?`)
        .all(normalized, `${normalized}g`, limit)
        .map(toSummary),
    );
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    const words = queryWords(query);
    if (words.length === 0) return [];
    const parsed = SearchOptions.parse(options);
    return guard('search articles', () =>
      this.#search
        .all({
          // Every word is letters and digits only (see queryWords), quoted as a string: no FTS syntax can leak in.
          match: words.map((word, index) => (parsed.prefix && index === words.length - 1 ? `"${word}"*` : `"${word}"`)).join(' '),
          from_ms: parsed.from === undefined ? null : toEpochMs(parsed.from),
          to_ms: parsed.to === undefined ? null : toEpochMs(parsed.to),
          outlet: parsed.outlet ?? null,
          section: parsed.section ?? null,
          limit: parsed.limit,
        })
        .map((row) => SearchHit.parse({ ...toSummary(row), score: row.score, snippet: makeSnippet(row.text, words) })),
    );
  }

  async listPublished(range: PublishedRange): Promise<Article[]> {
    const sections = range.sections !== undefined && range.sections.length > 0 ? range.sections : null;
    return guard('list published articles', () =>
      this.#db
        .prepare<Record<string, unknown>, ArticleRow>(`${FULL_ROW}
          WHERE a.published_ms >= :from_ms AND a.published_ms < :to_ms
            AND (:sections IS NULL OR lower(a.section) IN (SELECT lower(value) FROM json_each(:sections)))
            AND (:ingested_by_ms IS NULL OR a.ingested_ms <= :ingested_by_ms)
          ORDER BY a.published_ms DESC, a.seq DESC LIMIT :limit`)
        .all({
          from_ms: toEpochMs(range.from),
          to_ms: toEpochMs(range.to),
          sections: sections === null ? null : JSON.stringify(sections),
          ingested_by_ms: range.ingestedBy === undefined ? null : toEpochMs(range.ingestedBy),
          limit: range.limit ?? -1,
        })
        .map(toArticle),
    );
  }

  async autocomplete(typed: string, limit: number): Promise<ArticleSummary[]> {
    const words = typedWords(typed);
    if (limit < 1) return [];
    const titled = guard('autocomplete titles', () => {
      if (words.length === 0) return this.#newestLimited.all(limit).map(toSummary);
      const match = words.map((word) => `"${word}"*`).join(' ');
      const seqs = this.#titleMatches.all(match, AUTOCOMPLETE_INDEX_CAP + 1);
      if (seqs.length <= AUTOCOMPLETE_INDEX_CAP) {
        return this.#summariesBySeq.all(JSON.stringify(seqs), limit).map(toSummary);
      }
      // The JS twin of the title index's prefix match.
      const isMatch = startsTitleWords(words);
      const newest: number[] = [];
      for (const row of this.#newestTitles.iterate()) {
        if (!isMatch(row.title)) continue;
        newest.push(row.seq);
        if (newest.length >= limit) break;
      }
      return this.#summariesBySeq.all(JSON.stringify(newest), limit).map(toSummary);
    });
    if (titled.length > 0 || words.length === 0) return titled;
    // No title starts with the typed words; the text may hold them ("Vella" for an article that quotes Oskar Vellamaa).
    const hits = await this.search(typed, { limit: Math.min(limit, SEARCH_LIMIT_MAX), prefix: true });
    return hits.map((hit) => ArticleSummary.parse(hit));
  }

  async listIngested(options: { ingestedSince?: string; limit: number }): Promise<ArticleSummary[]> {
    const since = options.ingestedSince === undefined ? Number.MIN_SAFE_INTEGER : toEpochMs(options.ingestedSince);
    return guard('list articles', () =>
      this.#db
        .prepare<[number, number], SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM articles
          WHERE ingested_ms >= ? ORDER BY ingested_ms DESC, seq DESC LIMIT ?`)
        .all(since, options.limit)
        .map(toSummary),
    );
  }

  async count(): Promise<number> {
    return guard('count articles', () => {
      const row = this.#db.prepare<[], { n: number }>('SELECT count(*) AS n FROM articles').get();
      return row?.n ?? 0;
    });
  }

  async delete(id: string): Promise<boolean> {
    const remove = this.#db.transaction(() => {
      const deleted = this.#db
        .prepare<[string], { story_id: string | null }>('DELETE FROM articles WHERE id = ? RETURNING story_id')
        .all(id);
      this.#refreshStories(deleted.map((row) => row.story_id));
      return deleted.length > 0;
    });
    // Its quotes go with it (foreign key), and its story is recomputed or, left empty, removed.
    return this.#write('delete an article', () => remove.immediate());
  }

  async *exportAll(): AsyncIterable<Article> {
    // Paged rather than one open cursor: the caller may use the store between items, which an open cursor forbids.
    const page = this.#db.prepare<[number, number, number, number], ArticleRow>(`${FULL_ROW}
      WHERE a.ingested_ms > ? OR (a.ingested_ms = ? AND a.seq > ?) ORDER BY a.ingested_ms, a.seq LIMIT ?`);
    let afterMs = Number.MIN_SAFE_INTEGER;
    let afterSeq = 0;
    for (;;) {
      const rows = guard('export articles', () => page.all(afterMs, afterMs, afterSeq, EXPORT_PAGE));
      for (const row of rows) yield toArticle(row);
      const last = rows.at(-1);
      if (last === undefined || rows.length < EXPORT_PAGE) return;
      afterMs = last.ingested_ms;
      afterSeq = last.seq;
    }
  }

  async importArticles(articles: readonly Article[]): Promise<number> {
    if (articles.length === 0) return 0;
    return this.#write('import articles', () => this.#importMany.immediate(articles));
  }
}
