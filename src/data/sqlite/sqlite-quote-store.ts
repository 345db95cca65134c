import type { Database, Statement } from 'better-sqlite3';
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
import { FULL_ROW, toArticle, type ArticleRow } from './sqlite-article-store.js';
import type { SqliteWrite } from './sqlite-busy.js';
import { guard } from './sqlite-errors.js';

type SpeakerRow = { canonical: string; speaker: string; quotes: number };

/** Speakers among `candidates` (an SQL condition on `quote_speakers s`) with their quote counts, most quoted first. */
const countedSpeakers = (candidates: string): string => `SELECT canonical, speaker, quotes FROM (
    SELECT s.canonical, s.speaker, (SELECT count(*) FROM quotes q WHERE q.canonical = s.canonical) AS quotes
    FROM quote_speakers s WHERE ${candidates}
  ) WHERE quotes > 0 ORDER BY quotes DESC, canonical LIMIT ?`;

/** The quote bank over one better-sqlite3 connection; see `QuoteStore` for the contract. */
export class SqliteQuoteStore implements QuoteStore {
  readonly #db: Database;
  readonly #write: SqliteWrite;
  readonly #article: Statement<[string], { seq: number; recency_ms: number }>;
  readonly #clear: Statement<[number]>;
  readonly #insert: Statement<Record<string, unknown>>;
  readonly #indexText: Statement<[number | bigint, string]>;
  readonly #speakerSeq: Statement<[string], number>;
  readonly #insertSpeaker: Statement<[string, string]>;
  readonly #renameSpeaker: Statement<[string, number]>;
  readonly #indexSpeaker: Statement<[number | bigint, string]>;
  readonly #markIndexed: Statement<[number]>;
  readonly #bySpeaker: Statement<[string, number], QuoteRow>;
  readonly #search: Statement<Record<string, unknown>, QuoteRow>;
  readonly #unindexed: Statement<[number], ArticleRow>;
  readonly #recentSpeakers: Statement<[number, number], SpeakerRow>;
  readonly #matchingSpeakers: Statement<[string, number, number], SpeakerRow>;

  constructor(db: Database, write: SqliteWrite) {
    this.#db = db;
    this.#write = write;
    this.#article = db.prepare('SELECT seq, recency_ms FROM articles WHERE id = ?');
    // The delete trigger removes the old quotes' text index entries.
    this.#clear = db.prepare('DELETE FROM quotes WHERE article_seq = ?');
    this.#insert = db.prepare(`INSERT INTO quotes (article_seq, position, recency_ms, speaker, canonical, role, kind, text)
      VALUES (:article_seq, :position, :recency_ms, :speaker, :canonical, :role, :kind, :text)`);
    this.#indexText = db.prepare('INSERT INTO quotes_fts (rowid, text) VALUES (?, ?)');
    this.#speakerSeq = db.prepare<[string], number>('SELECT seq FROM quote_speakers WHERE canonical = ?').pluck();
    this.#insertSpeaker = db.prepare('INSERT INTO quote_speakers (canonical, speaker) VALUES (?, ?)');
    this.#renameSpeaker = db.prepare('UPDATE quote_speakers SET speaker = ? WHERE seq = ?');
    this.#indexSpeaker = db.prepare('INSERT INTO quote_speakers_fts (rowid, canonical) VALUES (?, ?)');
    this.#markIndexed = db.prepare('UPDATE articles SET quotes_indexed = 1 WHERE seq = ?');
    this.#bySpeaker = db.prepare(`SELECT ${QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.seq = q.article_seq
      WHERE q.canonical = ? ORDER BY q.recency_ms DESC, q.seq LIMIT ?`);
    this.#search = db.prepare(`WITH candidates AS MATERIALIZED (
        SELECT rowid AS seq FROM quotes_fts WHERE quotes_fts MATCH :match ORDER BY rowid DESC LIMIT ${QUOTE_SEARCH_CANDIDATE_CAP}
      )
      SELECT ${QUOTE_COLUMNS} FROM candidates c CROSS JOIN quotes q ON q.seq = c.seq JOIN articles a ON a.seq = q.article_seq
      WHERE :canonical IS NULL OR q.canonical = :canonical
      ORDER BY q.recency_ms DESC, q.seq LIMIT :limit`);
    this.#unindexed = db.prepare(`${FULL_ROW} WHERE a.quotes_indexed = 0 ORDER BY a.seq LIMIT ?`);
    this.#recentSpeakers = db.prepare(
      countedSpeakers('s.canonical IN (SELECT canonical FROM quotes WHERE canonical IS NOT NULL ORDER BY seq DESC LIMIT ?)'),
    );
    this.#matchingSpeakers = db.prepare(
      countedSpeakers('s.seq IN (SELECT rowid FROM quote_speakers_fts WHERE quote_speakers_fts MATCH ? LIMIT ?)'),
    );
  }

  #addSpeaker(canonical: string, speaker: string): void {
    const seq = this.#speakerSeq.get(canonical);
    if (seq !== undefined) {
      this.#renameSpeaker.run(speaker, seq);
      return;
    }
    const { lastInsertRowid } = this.#insertSpeaker.run(canonical, speaker);
    this.#indexSpeaker.run(lastInsertRowid, canonical);
  }

  async replace(entries: readonly { articleId: string; quotes: readonly NewQuote[] }[]): Promise<void> {
    if (entries.length === 0) return;
    const apply = this.#db.transaction(() => {
      for (const { articleId, quotes } of entries) {
        const article = this.#article.get(articleId);
        if (article === undefined) continue;
        this.#clear.run(article.seq);
        for (const [position, quote] of quotes.entries()) {
          const { lastInsertRowid } = this.#insert.run({
            article_seq: article.seq,
            position,
            recency_ms: article.recency_ms,
            speaker: quote.speaker,
            canonical: quote.canonicalSpeaker,
            role: quote.speakerRole,
            kind: quote.kind,
            text: quote.text,
          });
          this.#indexText.run(lastInsertRowid, quote.text);
          if (quote.canonicalSpeaker !== null && quote.speaker !== null) this.#addSpeaker(quote.canonicalSpeaker, quote.speaker);
        }
        this.#markIndexed.run(article.seq);
      }
    });
    await this.#write('store quotes', () => apply.immediate());
  }

  async unindexed(limit: number): Promise<Article[]> {
    return guard('read articles without indexed quotes', () => this.#unindexed.all(limit).map(toArticle));
  }

  async bySpeaker(canonicalSpeaker: string, limit: number): Promise<BankedQuote[]> {
    return guard('read quotes by speaker', () => this.#bySpeaker.all(canonicalSpeaker, limit).map(quoteFromRow));
  }

  async search(query: string, options: { limit: number; canonicalSpeaker?: string }): Promise<BankedQuote[]> {
    const words = queryWords(query);
    if (words.length === 0) return [];
    return guard('search quotes', () =>
      this.#search
        .all({
          // queryWords keeps letters and digits only, quoted: no FTS syntax can leak in.
          match: words.map((word) => `"${word}"`).join(' '),
          canonical: options.canonicalSpeaker ?? null,
          limit: options.limit,
        })
        .map(quoteFromRow),
    );
  }

  async speakers(prefixes: readonly string[], limit: number): Promise<QuoteSpeaker[]> {
    const words = prefixes.filter(isPlainWord);
    return guard('autocomplete speakers', () => {
      const rows =
        words.length === 0
          ? this.#recentSpeakers.all(RECENT_QUOTES_FOR_SPEAKERS, limit)
          : this.#matchingSpeakers.all(words.map((word) => `"${word}"*`).join(' '), SPEAKER_MATCH_CAP, limit);
      return rows.map(speakerFromRow);
    });
  }

  async count(): Promise<number> {
    return guard('count quotes', () => this.#db.prepare<[], number>('SELECT count(*) FROM quotes').pluck().get() ?? 0);
  }
}
