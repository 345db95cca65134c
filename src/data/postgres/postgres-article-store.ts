import type { Pool, PoolClient } from 'pg';
import { z } from 'zod';
import { articleId, canonicalizeUrl, contentHash } from '../article-identity.js';
import { makeSnippet, queryWords, splitWords, typedWords } from '../query-words.js';
import {
  ArticleSummary,
  SEARCH_LIMIT_MAX,
  SearchOptions,
  type Article,
  type NewArticle,
  type SearchHit,
  type UpsertOutcome,
  type UpsertResult,
} from '../schemas.js';
import type { ArticleStore, PublishedRange } from '../store.js';
import { checkIso, guard, inTransaction } from './postgres-errors.js';
import { refreshStories } from './postgres-story-store.js';
import {
  ARTICLE_COLUMNS,
  SUMMARY_COLUMNS,
  toArticle,
  toSearchHit,
  toSummary,
  type ArticleRow,
  type SummaryRow,
} from './postgres-rows.js';

/**
 * ts_rank_cd weights for {D, C, B, A}: a title word (A) counts ten times a text word (B), as the SQLite store's
 * bm25 column weights do.
 */
const RANK_WEIGHTS = '{0.1, 0.1, 0.1, 1.0}';
const EXPORT_PAGE = 500;
/** How many of the newest matches (and, separately, title matches) a search ranks; see `search`. */
const RANK_WINDOW = 100;
/**
 * Up to this many expected matches, a query reads them from a GIN index and sorts them, rather than walking the
 * recency index and testing each row. A search's test unpacks an out-of-line tsvector (dear), autocomplete's reads
 * a small in-row one (cheap), hence the different break-even points.
 */
const SEARCH_INDEX_READ_LIMIT = 20_000;
const AUTOCOMPLETE_INDEX_READ_LIMIT = 2_000;
/**
 * "Newest first" for a query over `articles` or `article_terms` (as `alias`). With `viaMatches`, the sort key is an expression, so the planner
 * cannot walk the recency index and reads the (few) matches from the GIN index instead.
 */
const newestFirst = (viaMatches: boolean, alias = 'a'): string =>
  viaMatches ? `${alias}.recency_ts + interval '0 s' DESC, ${alias}.seq DESC` : `${alias}.recency_ts DESC, ${alias}.seq DESC`;
/** The part of `EXPLAIN (FORMAT JSON)` a search reads: the planner's row estimate. */
const PlanEstimate = z.array(z.object({ Plan: z.object({ 'Plan Rows': z.number() }) }));
/** Arbitrary constant naming "article upsert" for `pg_advisory_xact_lock`; see `upsert`. */
const UPSERT_LOCK_KEY = 0x6e_62_75_70; // "nbup"

/** A stored row as the upsert needs it to find and compare the article. */
type ExistingRow = ArticleRow & { seq: string; canonical_url: string | null; ingested_ts: Date; story_id: string | null };

type ExportRow = ArticleRow & { seq: string; ingested_ts: Date };

/** Everything a row is written from: the article's fields plus the derived ones. */
type RowValues = {
  id: string;
  url: string | null;
  canonicalUrl: string | null;
  contentHash: string;
  title: string;
  authors: string[];
  outlet: string | null;
  publishedAt: string | null;
  section: string | null;
  tags: string[];
  language: string;
  text: string;
  ingestedAt: string;
  /** Published time, else ingested time: what "newest first" sorts by. */
  recencyAt: string;
};

function titleWords(title: string): string[] {
  return [...new Set(splitWords(title))];
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((value, index) => value === b[index]);

/**
 * Writes rows in one statement: arrays in, `unnest` turns them into rows, so a batch costs one round trip.
 * Lists (authors, tags, title words) travel as JSON text because PostgreSQL arrays cannot be ragged.
 */
async function insertRows(client: PoolClient, rows: readonly RowValues[]): Promise<void> {
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO articles (id, url, canonical_url, content_hash, title, authors, outlet, published_at, published_ts,
        section, tags, language, text, ingested_at, ingested_ts, recency_ts, title_words)
     SELECT u.id, u.url, u.canonical_url, u.content_hash, u.title,
        ARRAY(SELECT jsonb_array_elements_text(u.authors::jsonb)), u.outlet, u.published_at, u.published_at::timestamptz,
        u.section, ARRAY(SELECT jsonb_array_elements_text(u.tags::jsonb)), u.language, u.text,
        u.ingested_at, u.ingested_at::timestamptz, u.recency_at::timestamptz,
        array_to_tsvector(ARRAY(SELECT jsonb_array_elements_text(u.title_words::jsonb)))
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
        $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])
       AS u(id, url, canonical_url, content_hash, title, authors, outlet, published_at, section, tags, language, text,
        ingested_at, recency_at, title_words)`,
    [
      rows.map((row) => row.id),
      rows.map((row) => row.url),
      rows.map((row) => row.canonicalUrl),
      rows.map((row) => row.contentHash),
      rows.map((row) => row.title),
      rows.map((row) => JSON.stringify(row.authors)),
      rows.map((row) => row.outlet),
      rows.map((row) => row.publishedAt),
      rows.map((row) => row.section),
      rows.map((row) => JSON.stringify(row.tags)),
      rows.map((row) => row.language),
      rows.map((row) => row.text),
      rows.map((row) => row.ingestedAt),
      rows.map((row) => row.recencyAt),
      rows.map((row) => JSON.stringify(titleWords(row.title))),
    ],
  );
}

async function updateRow(client: PoolClient, seq: string, row: RowValues): Promise<void> {
  await client.query(
    `UPDATE articles SET url = $2, canonical_url = $3, content_hash = $4, title = $5, authors = $6, outlet = $7,
        published_at = $8::text, published_ts = $8::text::timestamptz, section = $9, tags = $10, language = $11, text = $12,
        recency_ts = $13::timestamptz, title_words = array_to_tsvector($14::text[]), quotes_indexed = false
     WHERE seq = $1`,
    [
      seq,
      row.url,
      row.canonicalUrl,
      row.contentHash,
      row.title,
      row.authors,
      row.outlet,
      row.publishedAt,
      row.section,
      row.tags,
      row.language,
      row.text,
      row.recencyAt,
      titleWords(row.title),
    ],
  );
}

function isUnchanged(existing: ExistingRow, next: RowValues): boolean {
  return (
    existing.title === next.title &&
    existing.text === next.text &&
    existing.url === next.url &&
    sameList(existing.authors, next.authors) &&
    sameList(existing.tags, next.tags) &&
    existing.outlet === next.outlet &&
    existing.section === next.section &&
    existing.language === next.language &&
    existing.published_at === next.publishedAt
  );
}

/** The article store over a `pg` pool; see `ArticleStore` for the contract. Behaves as `SqliteArticleStore`. */
export class PostgresArticleStore implements ArticleStore {
  readonly #pool: Pool;

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  async upsert(articles: readonly NewArticle[]): Promise<UpsertResult[]> {
    if (articles.length === 0) return [];
    for (const article of articles) if (article.publishedAt !== null) checkIso(article.publishedAt, 'publishedAt');
    return guard('store articles', () =>
      inTransaction(this.#pool, async (client) => {
        // Upserts from every instance take turns: deduplication reads then writes, and two instances ingesting the
        // same story at once must not both insert it (URL-less articles have no unique key to catch that).
        await client.query('SELECT pg_advisory_xact_lock($1)', [UPSERT_LOCK_KEY]);
        return this.#upsertLocked(client, articles, new Date());
      }),
    );
  }

  async #upsertLocked(client: PoolClient, articles: readonly NewArticle[], now: Date): Promise<UpsertResult[]> {
    const prepared = articles.map((article) => {
      const canonical = article.url === null ? null : canonicalizeUrl(article.url);
      const hash = contentHash(article.title, article.text);
      return { article, canonical, hash, id: articleId(canonical, hash) };
    });
    const { rows: found } = await client.query<ExistingRow>(
      `SELECT seq, canonical_url, ingested_ts, story_id, ${ARTICLE_COLUMNS} FROM articles
       WHERE canonical_url = ANY($1::text[]) OR content_hash = ANY($2::text[]) OR id = ANY($3::text[])
       ORDER BY seq`,
      [
        prepared.flatMap((item) => (item.canonical === null ? [] : [item.canonical])),
        prepared.map((item) => item.hash),
        prepared.map((item) => item.id),
      ],
    );
    // The batch is applied in order against these maps, so a story repeated within one batch is stored once.
    const byCanonical = new Map<string, ExistingRow>();
    const byHash = new Map<string, ExistingRow>();
    const byId = new Map<string, ExistingRow>();
    const remember = (row: ExistingRow, previous?: ExistingRow): void => {
      // An updated row no longer carries its old hash.
      if (previous !== undefined && byHash.get(previous.content_hash)?.id === previous.id) byHash.delete(previous.content_hash);
      if (row.canonical_url !== null) byCanonical.set(row.canonical_url, row);
      if (!byHash.has(row.content_hash)) byHash.set(row.content_hash, row);
      byId.set(row.id, row);
    };
    for (const row of found) remember(row);

    const inserts = new Map<string, RowValues>();
    const updates = new Map<string, { seq: string; values: RowValues; storyId: string | null }>();
    const results: UpsertResult[] = [];
    const nowIso = now.toISOString();
    for (const { article, canonical, hash, id } of prepared) {
      // Canonical URL first, then the content hash; the id catches a hash-identified row whose text changed since.
      const existing =
        (canonical === null ? undefined : byCanonical.get(canonical)) ?? byHash.get(hash) ?? byId.get(id);
      if (existing === undefined) {
        const values: RowValues = {
          ...article,
          id,
          canonicalUrl: canonical,
          contentHash: hash,
          ingestedAt: nowIso,
          recencyAt: article.publishedAt ?? nowIso,
        };
        inserts.set(id, values);
        remember(this.#pending(values, '', now, null));
        results.push({ id, outcome: 'inserted' });
        continue;
      }
      // The first known URL stays: a re-ingest through a tracking link or a URL-less file must not move the article.
      const url = existing.url ?? article.url;
      const values: RowValues = {
        ...article,
        url,
        id: existing.id,
        canonicalUrl: existing.canonical_url ?? canonical,
        contentHash: hash,
        ingestedAt: existing.ingested_at,
        recencyAt: article.publishedAt ?? existing.ingested_ts.toISOString(),
      };
      const outcome: UpsertOutcome = isUnchanged(existing, values) ? 'unchanged' : 'updated';
      if (outcome === 'updated') {
        if (inserts.has(existing.id)) inserts.set(existing.id, values);
        else updates.set(existing.id, { seq: existing.seq, values, storyId: existing.story_id });
        remember(this.#pending(values, existing.seq, existing.ingested_ts, existing.story_id), existing);
      }
      results.push({ id: existing.id, outcome });
    }
    await insertRows(client, [...inserts.values()]);
    for (const { seq, values } of updates.values()) await updateRow(client, seq, values);
    await refreshStories(client, [...updates.values()].map((update) => update.storyId));
    return results;
  }

  /** A row not yet written, shaped like a read one so that later items of the same batch find it. */
  #pending(values: RowValues, seq: string, ingestedTs: Date, storyId: string | null): ExistingRow {
    return {
      seq,
      story_id: storyId,
      id: values.id,
      url: values.url,
      canonical_url: values.canonicalUrl,
      content_hash: values.contentHash,
      title: values.title,
      authors: values.authors,
      outlet: values.outlet,
      published_at: values.publishedAt,
      section: values.section,
      tags: values.tags,
      language: values.language,
      text: values.text,
      ingested_at: values.ingestedAt,
      ingested_ts: ingestedTs,
    };
  }

  async get(id: string): Promise<Article | undefined> {
    return guard('read an article', async () => {
      const { rows } = await this.#pool.query<ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = $1`, [
        id.trim().toLowerCase(),
      ]);
      return rows[0] === undefined ? undefined : toArticle(rows[0]);
    });
  }

  async getByUrl(url: string): Promise<Article | undefined> {
    const canonical = canonicalizeUrl(url);
    if (canonical === null) return undefined;
    return guard('read an article by URL', async () => {
      const { rows } = await this.#pool.query<ArticleRow>(
        `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE canonical_url = $1`,
        [canonical],
      );
      return rows[0] === undefined ? undefined : toArticle(rows[0]);
    });
  }

  async getByIdPrefix(prefix: string, limit: number): Promise<ArticleSummary[]> {
    const normalized = prefix.trim().toLowerCase();
    // Hex only, so the LIKE pattern cannot hold a wildcard.
    if (!/^[0-9a-f]{4,12}$/.test(normalized)) return [];
    return guard('look up an id prefix', async () => {
      const { rows } = await this.#pool.query<SummaryRow>(
        `SELECT ${SUMMARY_COLUMNS} FROM articles WHERE id LIKE $1 ORDER BY recency_ts DESC, seq DESC LIMIT $2`,
        [`${normalized}%`, limit],
      );
      return rows.map(toSummary);
    });
  }

  async listIngested(options: { ingestedSince?: string; limit: number }): Promise<ArticleSummary[]> {
    if (options.ingestedSince !== undefined) checkIso(options.ingestedSince, 'ingestedSince');
    return guard('list articles', async () => {
      const { rows } = await this.#pool.query<SummaryRow>(
        `SELECT ${SUMMARY_COLUMNS} FROM articles WHERE $1::timestamptz IS NULL OR ingested_ts >= $1::timestamptz
          ORDER BY ingested_ts DESC, seq DESC LIMIT $2`,
        [options.ingestedSince ?? null, options.limit],
      );
      return rows.map(toSummary);
    });
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    const words = queryWords(query);
    if (words.length === 0) return [];
    const parsed = SearchOptions.parse(options);
    if (parsed.from !== undefined) checkIso(parsed.from, 'from');
    if (parsed.to !== undefined) checkIso(parsed.to, 'to');
    // Every word is letters and digits only (see queryWords), quoted: no tsquery syntax can leak in. The words are
    // ANDed, as FTS5 does with the SQLite store's query.
    const tsquery = words.map((word, index) => (parsed.prefix && index === words.length - 1 ? `'${word}':*` : `'${word}'`)).join(' & ');
    return guard('search articles', async () => {
      const params = [tsquery, parsed.from ?? null, parsed.to ?? null, parsed.outlet ?? null, parsed.section ?? null];
      const isFiltered = params.slice(1).some((value) => value !== null);
      const filters = `($2::timestamptz IS NULL OR a.published_ts >= $2::timestamptz)
             AND ($3::timestamptz IS NULL OR a.published_ts < $3::timestamptz)
             AND ($4::text IS NULL OR lower(a.outlet) = lower($4::text))
             AND ($5::text IS NULL OR lower(a.section) = lower($5::text))`;
      // Ranking reads each candidate's whole tsvector (stored out of line), which the GIN index does not hold, so a
      // search ranks a window: the newest RANK_WINDOW matches plus the newest RANK_WINDOW title matches. Exact
      // whenever a query matches fewer articles than that (names, places, several words); for a word found in many
      // articles it ranks the recent ones. Finding "the newest matches" cheaply depends on how many there are: a
      // rare word is best read from the GIN index and sorted (`+ interval '0'` keeps the planner off the recency
      // index, whose filter would unpack every tsvector it passes); a common one by walking the recency index,
      // where matches come often. The planner's estimate (from the tsvector statistics) picks the way.
      const expected = await this.#estimateRows(
        `SELECT 1 FROM article_terms t WHERE t.search_vector @@ to_tsquery('english', $1)`,
        [tsquery],
      );
      const viaMatches = expected <= SEARCH_INDEX_READ_LIMIT;
      // Filters need the article row; without them the narrow terms table answers alone.
      const recent = isFiltered
        ? `SELECT t.seq FROM article_terms t JOIN articles a ON a.seq = t.seq
           WHERE t.search_vector @@ to_tsquery('english', $1) AND ${filters}
           ORDER BY ${newestFirst(viaMatches, 't')} LIMIT ${RANK_WINDOW}`
        : `SELECT t.seq FROM article_terms t
           WHERE t.search_vector @@ to_tsquery('english', $1) AND $2::timestamptz IS NULL AND $3::timestamptz IS NULL
             AND $4::text IS NULL AND $5::text IS NULL
           ORDER BY ${newestFirst(viaMatches, 't')} LIMIT ${RANK_WINDOW}`;
      const { rows } = await this.#pool.query<SummaryRow & { text: string; score: number }>(
        `WITH recent AS MATERIALIZED (${recent}),
         titled AS MATERIALIZED (
           SELECT a.seq FROM articles a
           WHERE a.title_vector @@ to_tsquery('english', $1) AND ${filters}
           ORDER BY ${newestFirst(viaMatches)} LIMIT ${RANK_WINDOW}
         ),
         top AS MATERIALIZED (
           SELECT t.seq, ts_rank_cd('${RANK_WEIGHTS}', t.search_vector, to_tsquery('english', $1)) AS score, t.recency_ts
           FROM article_terms t
           WHERE t.seq IN (SELECT seq FROM recent UNION SELECT seq FROM titled)
           ORDER BY score DESC, t.recency_ts DESC, t.seq DESC
           LIMIT $6
         )
         SELECT a.id, a.url, a.title, a.outlet, a.section, a.published_at, a.text, top.score
         FROM top JOIN articles a ON a.seq = top.seq
         ORDER BY top.score DESC, top.recency_ts DESC, top.seq DESC`,
        [...params, parsed.limit],
      );
      return rows.map((row) => toSearchHit({ ...row, snippet: makeSnippet(row.text, words) }));
    });
  }

  async listPublished(range: PublishedRange): Promise<Article[]> {
    checkIso(range.from, 'from');
    checkIso(range.to, 'to');
    if (range.ingestedBy !== undefined) checkIso(range.ingestedBy, 'ingestedBy');
    const sections = range.sections !== undefined && range.sections.length > 0 ? range.sections.map((s) => s.toLowerCase()) : null;
    return guard('list published articles', async () => {
      const { rows } = await this.#pool.query<ArticleRow>(
        `SELECT ${ARTICLE_COLUMNS} FROM articles
         WHERE published_ts >= $1::timestamptz AND published_ts < $2::timestamptz
           AND ($3::text[] IS NULL OR lower(section) = ANY($3::text[]))
           AND ($5::timestamptz IS NULL OR ingested_ts <= $5::timestamptz)
         ORDER BY published_ts DESC, seq DESC
         LIMIT $4`,
        [range.from, range.to, sections, range.limit ?? null, range.ingestedBy ?? null],
      );
      return rows.map(toArticle);
    });
  }

  async autocomplete(typed: string, limit: number): Promise<ArticleSummary[]> {
    const words = typedWords(typed);
    const titled = await guard('autocomplete titles', async () => {
      if (words.length === 0) {
        const { rows } = await this.#pool.query<SummaryRow>(
          `SELECT ${SUMMARY_COLUMNS} FROM articles ORDER BY recency_ts DESC, seq DESC LIMIT $1`,
          [limit],
        );
        return rows.map(toSummary);
      }
      // title_words holds splitWords(title), and each typed word (letters and digits only) is a prefix query on it:
      // the same match as the SQLite title index, served by a GIN index.
      // As in search, few matches are read from the GIN index and sorted, many by walking the newest titles.
      const prefixQuery = words.map((word) => `'${word}':*`).join(' & ');
      const expected = await this.#estimateRows('SELECT 1 FROM articles a WHERE a.title_words @@ $1::tsquery', [prefixQuery]);
      const { rows } = await this.#pool.query<SummaryRow>(
        `SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE a.title_words @@ $1::tsquery
         ORDER BY ${newestFirst(expected <= AUTOCOMPLETE_INDEX_READ_LIMIT)} LIMIT $2`,
        [prefixQuery, limit],
      );
      return rows.map(toSummary);
    });
    if (titled.length > 0 || words.length === 0) return titled;
    // No title starts with the typed words; the text may hold them ("Vella" for an article that quotes Oskar Vellamaa).
    const hits = await this.search(typed, { limit: Math.min(limit, SEARCH_LIMIT_MAX), prefix: true });
    return hits.map((hit) => ArticleSummary.parse(hit));
  }

  /** The planner's estimate of the rows `sql` returns (from the table statistics); +Infinity when unreadable. */
  async #estimateRows(sql: string, params: unknown[]): Promise<number> {
    const { rows } = await this.#pool.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    const planned = PlanEstimate.safeParse(rows[0]?.['QUERY PLAN']);
    return planned.success ? (planned.data[0]?.Plan['Plan Rows'] ?? 0) : Number.POSITIVE_INFINITY;
  }

  async count(): Promise<number> {
    return guard('count articles', async () => {
      const { rows } = await this.#pool.query<{ n: number }>('SELECT count(*)::integer AS n FROM articles');
      return rows[0]?.n ?? 0;
    });
  }

  async delete(id: string): Promise<boolean> {
    // Its quotes go with it (foreign key), and its story is recomputed or, left empty, removed.
    return guard('delete an article', () =>
      inTransaction(this.#pool, async (client) => {
        const { rows } = await client.query<{ story_id: string | null }>('DELETE FROM articles WHERE id = $1 RETURNING story_id', [id]);
        await refreshStories(client, rows.map((row) => row.story_id));
        return rows.length > 0;
      }),
    );
  }

  async *exportAll(): AsyncIterable<Article> {
    // Paged by key rather than one open cursor: a cursor would hold a pooled connection while the caller works.
    let afterTs: Date | null = null as Date | null;
    let afterSeq = '0';
    for (;;) {
      const after = afterTs;
      const seq = afterSeq;
      const rows: ExportRow[] = await guard('export articles', async () => {
        const result = await this.#pool.query<ExportRow>(
          `SELECT seq, ingested_ts, ${ARTICLE_COLUMNS} FROM articles
           WHERE $1::timestamptz IS NULL OR (ingested_ts, seq) > ($1::timestamptz, $2::bigint)
           ORDER BY ingested_ts, seq LIMIT $3`,
          [after, seq, EXPORT_PAGE],
        );
        return result.rows;
      });
      for (const row of rows) yield toArticle(row);
      const last = rows.at(-1);
      if (last === undefined || rows.length < EXPORT_PAGE) return;
      afterTs = last.ingested_ts;
      afterSeq = last.seq;
    }
  }

  async importArticles(articles: readonly Article[]): Promise<number> {
    if (articles.length === 0) return 0;
    for (const article of articles) {
      checkIso(article.ingestedAt, 'ingestedAt');
      if (article.publishedAt !== null) checkIso(article.publishedAt, 'publishedAt');
    }
    const rows = articles.map((article): RowValues => ({
      ...article,
      canonicalUrl: article.url === null ? null : canonicalizeUrl(article.url),
      recencyAt: article.publishedAt ?? article.ingestedAt,
    }));
    return guard('import articles', () =>
      inTransaction(this.#pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [UPSERT_LOCK_KEY]);
        // The imported article replaces whatever holds its id or its URL, as in the SQLite store.
        const replaced = await client.query<{ story_id: string | null }>(
          'DELETE FROM articles WHERE id = ANY($1::text[]) OR canonical_url = ANY($2::text[]) RETURNING story_id',
          [rows.map((row) => row.id), rows.flatMap((row) => (row.canonicalUrl === null ? [] : [row.canonicalUrl]))],
        );
        await refreshStories(client, replaced.rows.map((row) => row.story_id));
        // A later duplicate in the same batch wins, as it would row by row.
        const byId = new Map<string, RowValues>();
        const idByCanonical = new Map<string, string>();
        for (const row of rows) {
          const sameUrl = row.canonicalUrl === null ? undefined : idByCanonical.get(row.canonicalUrl);
          if (sameUrl !== undefined) byId.delete(sameUrl);
          byId.delete(row.id);
          byId.set(row.id, row);
          if (row.canonicalUrl !== null) idByCanonical.set(row.canonicalUrl, row.id);
        }
        await insertRows(client, [...byId.values()]);
        return articles.length;
      }),
    );
  }
}
