import type { z } from 'zod';
import { StoreError } from '../../errors.js';
import { Article, ArticleSummary, DigestRecord, DigestSettings, Feed, SearchHit } from '../schemas.js';

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

/** Rows read back are validated: a row that does not fit the schema is a bug or a damaged database, never data. */
function validate<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StoreError(`postgres: stored ${what} does not match its schema`, { cause: parsed.error });
  return parsed.data;
}

export function toArticle(row: ArticleRow): Article {
  return validate(
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
  return validate(
    ArticleSummary,
    { id: row.id, url: row.url, title: row.title, outlet: row.outlet, section: row.section, publishedAt: row.published_at },
    'article summary',
  );
}

export function toSearchHit(row: SummaryRow & { score: number; snippet: string }): SearchHit {
  return validate(
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

export type FeedRow = {
  id: string;
  url: string;
  title: string | null;
  outlet: string | null;
  section: string | null;
  added_at: string;
  etag: string | null;
  last_modified: string | null;
  last_polled_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  consecutive_failures: number;
  next_poll_at: string | null;
};

export const FEED_COLUMNS =
  'id, url, title, outlet, section, added_at, etag, last_modified, last_polled_at, last_success_at, last_error, consecutive_failures, next_poll_at';

export function toFeed(row: FeedRow): Feed {
  return validate(
    Feed,
    {
      id: Number(row.id),
      url: row.url,
      title: row.title,
      outlet: row.outlet,
      section: row.section,
      addedAt: row.added_at,
      etag: row.etag,
      lastModified: row.last_modified,
      lastPolledAt: row.last_polled_at,
      lastSuccessAt: row.last_success_at,
      lastError: row.last_error,
      consecutiveFailures: row.consecutive_failures,
      nextPollAt: row.next_poll_at,
    },
    'feed',
  );
}

export type SettingsRow = {
  guild_id: string;
  channel_id: string;
  time: string;
  timezone: string;
  max_stories: number;
  sections: string[];
  enabled: boolean;
  empty_day: string;
  updated_at: string;
};

export const SETTINGS_COLUMNS = 'guild_id, channel_id, time, timezone, max_stories, sections, enabled, empty_day, updated_at';

export function toSettings(row: SettingsRow): DigestSettings {
  return validate(
    DigestSettings,
    {
      guildId: row.guild_id,
      channelId: row.channel_id,
      time: row.time,
      timezone: row.timezone,
      maxStories: row.max_stories,
      sections: row.sections,
      enabled: row.enabled,
      emptyDay: row.empty_day,
      updatedAt: row.updated_at,
    },
    'digest settings',
  );
}

export type SlotRow = {
  guild_id: string;
  local_date: string;
  status: string;
  instance_id: string;
  claimed_at: string;
  posted_at: string | null;
  message_id: string | null;
  error: string | null;
  attempts: number;
};

export const SLOT_COLUMNS = 'guild_id, local_date, status, instance_id, claimed_at, posted_at, message_id, error, attempts';

export function toRecord(row: SlotRow): DigestRecord {
  return validate(
    DigestRecord,
    {
      guildId: row.guild_id,
      localDate: row.local_date,
      status: row.status,
      instanceId: row.instance_id,
      claimedAt: row.claimed_at,
      postedAt: row.posted_at,
      messageId: row.message_id,
      error: row.error,
      attempts: row.attempts,
    },
    'digest record',
  );
}
