import type { z } from 'zod';
import { StoreError } from '../errors.js';
import { BankedQuote, DigestRecord, DigestSettings, Feed, QuoteSpeaker, Story, StoryMember } from './schemas.js';

/**
 * The snake_case columns of the feed and digest tables, shared by both stores. Each backend converts only the column
 * types its driver returns differently (SQLite: JSON text and 0/1; pg: bigint ids as strings) before mapping.
 */
export type FeedRow = {
  id: number;
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

export type RecordRow = {
  guild_id: string;
  local_date: string;
  status: string;
  instance_id: string;
  claimed_at: string;
  posted_at: string | null;
  message_ids: string[];
  window_to: string | null;
  error: string | null;
  attempts: number;
};

export const RECORD_COLUMNS =
  'guild_id, local_date, status, instance_id, claimed_at, posted_at, message_ids, window_to, error, attempts';

/** Rows read back are validated: a row that does not fit its schema is a bug or a damaged database, never data. */
export function parseRow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StoreError(`stored ${what} does not match its schema`, { cause: parsed.error });
  return parsed.data;
}

export function feedFromRow(row: FeedRow): Feed {
  return parseRow(
    Feed,
    {
      id: row.id,
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

export function settingsFromRow(row: SettingsRow): DigestSettings {
  return parseRow(
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

export function recordFromRow(row: RecordRow): DigestRecord {
  return parseRow(
    DigestRecord,
    {
      guildId: row.guild_id,
      localDate: row.local_date,
      status: row.status,
      instanceId: row.instance_id,
      claimedAt: row.claimed_at,
      postedAt: row.posted_at,
      messageIds: row.message_ids,
      windowTo: row.window_to,
      error: row.error,
      attempts: row.attempts,
    },
    'digest record',
  );
}

/** A story row with its times already ISO 8601 and its outlets a list (each backend converts its own column types). */
export type StoryRow = {
  id: string;
  headline: string;
  first_seen_at: string;
  last_seen_at: string;
  article_count: number;
  outlets: string[];
};

export function storyFromRow(row: StoryRow): Story {
  return parseRow(
    Story,
    {
      id: row.id,
      headline: row.headline,
      firstSeenAt: row.first_seen_at,
      lastSeenAt: row.last_seen_at,
      articleCount: row.article_count,
      // Sorted here rather than in SQL, where the two engines' collations would order them differently.
      outlets: [...row.outlets].sort(),
    },
    'story',
  );
}

/** The columns of a `QuoteRow`, from `quotes q` joined with `articles a`; the same SQL in both engines. */
export const QUOTE_COLUMNS = `a.id AS article_id, a.title, a.url, a.outlet, coalesce(a.published_at, a.ingested_at) AS published_at,
  q.position, q.text, q.speaker, q.canonical, q.role, q.kind`;
/**
 * Quote text search orders at most this many matches, the most recently stored first: any specific query is exact,
 * and a single common word is answered from its newest matches, which keeps it fast at any size.
 */
export const QUOTE_SEARCH_CANDIDATE_CAP = 2_000;
/** Speaker autocomplete counts the quotes of at most this many matching speakers. */
export const SPEAKER_MATCH_CAP = 500;
/** With nothing typed, speaker autocomplete offers the speakers of this many newest quotes. */
export const RECENT_QUOTES_FOR_SPEAKERS = 500;

/** A quote row joined with its article; `published_at` is the article's date (published, else ingested). */
export type QuoteRow = {
  article_id: string;
  title: string;
  url: string | null;
  outlet: string | null;
  published_at: string;
  position: number;
  text: string;
  speaker: string | null;
  canonical: string | null;
  role: string | null;
  kind: string;
};

export function quoteFromRow(row: QuoteRow): BankedQuote {
  return parseRow(
    BankedQuote,
    {
      articleId: row.article_id,
      articleTitle: row.title,
      articleUrl: row.url,
      outlet: row.outlet,
      publishedAt: row.published_at,
      position: row.position,
      text: row.text,
      speaker: row.speaker,
      canonicalSpeaker: row.canonical,
      speakerRole: row.role,
      kind: row.kind,
    },
    'quote',
  );
}

export type MemberRow = { id: string; story_id: string; title: string; outlet: string | null; published_at: string; lead: string };

export function memberFromRow(row: MemberRow): StoryMember {
  return parseRow(
    StoryMember,
    { id: row.id, storyId: row.story_id, title: row.title, outlet: row.outlet, publishedAt: row.published_at, lead: row.lead },
    'story member',
  );
}

export function speakerFromRow(row: { canonical: string; speaker: string; quotes: number }): QuoteSpeaker {
  return parseRow(QuoteSpeaker, row, 'quote speaker');
}
