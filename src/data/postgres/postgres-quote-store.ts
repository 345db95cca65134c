import type { Pool } from 'pg';
import { isPlainWord, queryWords } from '../query-words.js';
import {
  QUOTE_COLUMNS,
  QUOTE_SEARCH_CANDIDATE_CAP,
  RECENT_QUOTES_FOR_SPEAKERS,
  SPEAKER_MATCH_CAP,
  quoteFromRow,
  speakerFromRow,
  type QuoteRow,
} from '../rows.js';
import type { Article, BankedQuote, NewQuote, QuoteSpeaker } from '../schemas.js';
import type { QuoteStore } from '../store.js';
import { guard, inTransaction } from './postgres-errors.js';
import { ARTICLE_COLUMNS, toArticle, type ArticleRow } from './postgres-rows.js';

/** The quote bank over a `pg` pool; see `QuoteStore` for the contract. Behaves as `SqliteQuoteStore`. */
export class PostgresQuoteStore implements QuoteStore {
  readonly #pool: Pool;

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  async replace(entries: readonly { articleId: string; quotes: readonly NewQuote[] }[]): Promise<void> {
    if (entries.length === 0) return;
    // One row per quote, in article order; the arrays travel as columns so a batch is a handful of statements.
    const rows = entries.flatMap(({ articleId, quotes }) => quotes.map((quote, position) => ({ articleId, position, ...quote })));
    const articleIds = entries.map((entry) => entry.articleId);
    await guard('store quotes', () =>
      inTransaction(this.#pool, async (client) => {
        await client.query('DELETE FROM quotes q USING articles a WHERE a.seq = q.article_seq AND a.id = ANY($1::text[])', [articleIds]);
        await client.query(
          `INSERT INTO quotes (article_seq, position, recency_ts, speaker, canonical, role, kind, text)
           SELECT a.seq, u.position, a.recency_ts, u.speaker, u.canonical, u.role, u.kind, u.text
           FROM unnest($1::text[], $2::integer[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
             WITH ORDINALITY AS u(article_id, position, speaker, canonical, role, kind, text, n)
           JOIN articles a ON a.id = u.article_id
           ORDER BY u.n`,
          [
            rows.map((row) => row.articleId),
            rows.map((row) => row.position),
            rows.map((row) => row.speaker),
            rows.map((row) => row.canonicalSpeaker),
            rows.map((row) => row.speakerRole),
            rows.map((row) => row.kind),
            rows.map((row) => row.text),
          ],
        );
        // The name as last written wins, as in the SQLite store.
        const speakers = new Map<string, string>();
        for (const row of rows) if (row.canonicalSpeaker !== null && row.speaker !== null) speakers.set(row.canonicalSpeaker, row.speaker);
        await client.query(
          `INSERT INTO quote_speakers (canonical, speaker) SELECT * FROM unnest($1::text[], $2::text[])
           ON CONFLICT (canonical) DO UPDATE SET speaker = excluded.speaker`,
          [[...speakers.keys()], [...speakers.values()]],
        );
        await client.query('UPDATE articles SET quotes_indexed = true WHERE id = ANY($1::text[])', [articleIds]);
      }),
    );
  }

  async unindexed(limit: number): Promise<Article[]> {
    return guard('read articles without indexed quotes', async () => {
      const { rows } = await this.#pool.query<ArticleRow>(
        `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE NOT quotes_indexed ORDER BY seq LIMIT $1`,
        [limit],
      );
      return rows.map(toArticle);
    });
  }

  async bySpeaker(canonicalSpeaker: string, limit: number): Promise<BankedQuote[]> {
    return guard('read quotes by speaker', async () => {
      const { rows } = await this.#pool.query<QuoteRow>(
        `SELECT ${QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.seq = q.article_seq
         WHERE q.canonical = $1 ORDER BY q.recency_ts DESC, q.seq LIMIT $2`,
        [canonicalSpeaker, limit],
      );
      return rows.map(quoteFromRow);
    });
  }

  async search(query: string, options: { limit: number; canonicalSpeaker?: string }): Promise<BankedQuote[]> {
    const words = queryWords(query);
    if (words.length === 0) return [];
    // Letters and digits only (see queryWords), quoted: no tsquery syntax can leak in.
    const tsquery = words.map((word) => `'${word}'`).join(' & ');
    return guard('search quotes', async () => {
      const { rows } = await this.#pool.query<QuoteRow>(
        `WITH candidates AS MATERIALIZED (
           SELECT seq FROM quotes WHERE text_vector @@ to_tsquery('english', $1) ORDER BY seq DESC LIMIT ${QUOTE_SEARCH_CANDIDATE_CAP}
         )
         SELECT ${QUOTE_COLUMNS} FROM candidates c JOIN quotes q ON q.seq = c.seq JOIN articles a ON a.seq = q.article_seq
         WHERE $2::text IS NULL OR q.canonical = $2::text
         ORDER BY q.recency_ts DESC, q.seq LIMIT $3`,
        [tsquery, options.canonicalSpeaker ?? null, options.limit],
      );
      return rows.map(quoteFromRow);
    });
  }

  async speakers(prefixes: readonly string[], limit: number): Promise<QuoteSpeaker[]> {
    const words = prefixes.filter(isPlainWord);
    const counted = (candidates: string) => `SELECT canonical, speaker, quotes FROM (
        SELECT s.canonical, s.speaker, (SELECT count(*)::integer FROM quotes q WHERE q.canonical = s.canonical) AS quotes
        FROM quote_speakers s WHERE ${candidates}
      ) counted WHERE quotes > 0 ORDER BY quotes DESC, canonical COLLATE "C" LIMIT $2`;
    return guard('autocomplete speakers', async () => {
      const { rows } =
        words.length === 0
          ? await this.#pool.query<{ canonical: string; speaker: string; quotes: number }>(
              counted(`s.canonical IN (SELECT canonical FROM quotes WHERE canonical IS NOT NULL ORDER BY seq DESC LIMIT $1)`),
              [RECENT_QUOTES_FOR_SPEAKERS, limit],
            )
          : await this.#pool.query<{ canonical: string; speaker: string; quotes: number }>(
              counted(`s.canonical IN (SELECT canonical FROM quote_speakers WHERE words @@ $1::tsquery LIMIT ${SPEAKER_MATCH_CAP})`),
              [words.map((word) => `'${word}':*`).join(' & '), limit],
            );
      return rows.map(speakerFromRow);
    });
  }

  async count(): Promise<number> {
    return guard('count quotes', async () => {
      const { rows } = await this.#pool.query<{ n: number }>('SELECT count(*)::integer AS n FROM quotes');
      return rows[0]?.n ?? 0;
    });
  }
}
