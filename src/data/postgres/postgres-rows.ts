import { feedFromRow, parseRow, type FeedRow as SharedFeedRow } from '../rows.js';
import { Article, ArticleSummary, SearchHit, type Feed } from '../schemas.js';

/** Columns of `articles` as pg returns them (text[] arrive as string[]). */
export type ArticleRow = {
  id: string;
  url: string | null;
  content_hash: string;
  title: string;
  authors: string[];
  outlet: string | null;
  published_at: string | null;
  section: string | null;
  tags: string[];
  language: string;
  text: string;
  ingested_at: string;
};

export const ARTICLE_COLUMNS =
  'id, url, content_hash, title, authors, outlet, published_at, section, tags, language, text, ingested_at';
export const SUMMARY_COLUMNS = 'id, url, title, outlet, section, published_at';

export type SummaryRow = Pick<ArticleRow, 'id' | 'url' | 'title' | 'outlet' | 'section' | 'published_at'>;

export function toArticle(row: ArticleRow): Article {
  return parseRow(
    Article,
    {
      id: row.id,
      url: row.url,
      contentHash: row.content_hash,
      title: row.title,
      authors: row.authors,
      outlet: row.outlet,
      publishedAt: row.published_at,
      section: row.section,
      tags: row.tags,
      language: row.language,
      text: row.text,
      ingestedAt: row.ingested_at,
    },
    'article',
  );
}

export function toSummary(row: SummaryRow): ArticleSummary {
  return parseRow(
    ArticleSummary,
    { id: row.id, url: row.url, title: row.title, outlet: row.outlet, section: row.section, publishedAt: row.published_at },
    'article summary',
  );
}

export function toSearchHit(row: SummaryRow & { score: number; snippet: string }): SearchHit {
  return parseRow(
    SearchHit,
    {
      id: row.id,
      url: row.url,
      title: row.title,
      outlet: row.outlet,
      section: row.section,
      publishedAt: row.published_at,
      score: row.score,
      snippet: row.snippet,
    },
    'search hit',
  );
}

/** Feed rows as pg returns them: the bigint id arrives as a string. */
export type FeedRow = Omit<SharedFeedRow, 'id'> & { id: string };

export const FEED_COLUMNS =
  'id, url, title, outlet, section, added_at, etag, last_modified, last_polled_at, last_success_at, last_error, consecutive_failures, next_poll_at';

export function toFeed(row: FeedRow): Feed {
  return feedFromRow({ ...row, id: Number(row.id) });
}

export type { SettingsRow } from '../rows.js';
export { settingsFromRow as toSettings, recordFromRow as toRecord, RECORD_COLUMNS as SLOT_COLUMNS } from '../rows.js';
export type { RecordRow as SlotRow } from '../rows.js';

export const SETTINGS_COLUMNS = 'guild_id, channel_id, time, timezone, max_stories, sections, enabled, empty_day, updated_at';
