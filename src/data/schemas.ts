import { z } from 'zod';

/** ISO 8601 timestamp with an explicit offset (`Z` or `+02:00`), as stored and exchanged. */
export const IsoDateTime = z.iso.datetime({ offset: true });

/**
 * An article as ingestion hands it to a store: everything but the derived fields.
 * `text` keeps paragraphs separated by a blank line ("\n\n").
 */
export const NewArticle = z.object({
  url: z.url({ protocol: /^https?$/ }).nullable().default(null),
  title: z.string().trim().min(1, { message: 'title is empty' }).max(500),
  authors: z.array(z.string().trim().min(1)).default([]),
  outlet: z.string().trim().min(1).nullable().default(null),
  publishedAt: IsoDateTime.nullable().default(null),
  section: z.string().trim().min(1).nullable().default(null),
  tags: z.array(z.string().trim().min(1)).default([]),
  language: z.string().trim().min(2).max(35).default('en'),
  text: z.string().trim().min(1, { message: 'article text is empty' }),
});
export type NewArticle = z.output<typeof NewArticle>;
export type NewArticleInput = z.input<typeof NewArticle>;

/** An article id: 12 hex digits (see `articleId`). */
const ArticleIdText = z.string().regex(/^[0-9a-f]{12}$/);

/** A stored article. `id` is derived from the canonical URL, else from the content hash (see `articleId`). */
export const Article = NewArticle.extend({
  id: ArticleIdText,
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  ingestedAt: IsoDateTime,
});
export type Article = z.output<typeof Article>;

/** What lists, search results and autocomplete show of an article. */
export const ArticleSummary = Article.pick({
  id: true,
  url: true,
  title: true,
  outlet: true,
  section: true,
  publishedAt: true,
});
export type ArticleSummary = z.output<typeof ArticleSummary>;

export const SearchHit = ArticleSummary.extend({
  /** Higher is a better match; comparable only within one result list. */
  score: z.number(),
  /** A short excerpt around the match, plain text. */
  snippet: z.string(),
});
export type SearchHit = z.output<typeof SearchHit>;

export const UpsertOutcome = z.enum(['inserted', 'updated', 'unchanged']);
export type UpsertOutcome = z.output<typeof UpsertOutcome>;
export type UpsertResult = { id: string; outcome: UpsertOutcome };

/** The most results one search returns. */
export const SEARCH_LIMIT_MAX = 100;

export const SearchOptions = z.object({
  limit: z.number().int().min(1).max(SEARCH_LIMIT_MAX).default(10),
  /** Inclusive lower bound on `publishedAt`. */
  from: IsoDateTime.optional(),
  /** Exclusive upper bound on `publishedAt`. */
  to: IsoDateTime.optional(),
  outlet: z.string().optional(),
  section: z.string().optional(),
  /** The last word also matches as the start of a longer word, for a word still being typed (`vella` finds Vellamaa). */
  prefix: z.boolean().default(false),
});
export type SearchOptions = z.input<typeof SearchOptions>;

/** A registered feed and its polling state. */
export const Feed = z.object({
  id: z.number().int().positive(),
  url: z.url({ protocol: /^https?$/ }),
  title: z.string().nullable(),
  outlet: z.string().nullable(),
  section: z.string().nullable(),
  addedAt: IsoDateTime,
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
  lastPolledAt: IsoDateTime.nullable(),
  lastSuccessAt: IsoDateTime.nullable(),
  lastError: z.string().nullable(),
  consecutiveFailures: z.number().int().min(0),
  /** Back-off: the feed is not polled before this time. */
  nextPollAt: IsoDateTime.nullable(),
});
export type Feed = z.output<typeof Feed>;

export const NewFeed = Feed.pick({ url: true }).extend({
  title: z.string().trim().min(1).nullable().default(null),
  outlet: z.string().trim().min(1).nullable().default(null),
  section: z.string().trim().min(1).nullable().default(null),
});
export type NewFeed = z.input<typeof NewFeed>;

/** The outcome of one poll, written back by the poller. */
export type FeedPollRecord =
  | { ok: true; at: string; etag: string | null; lastModified: string | null; nextPollAt: string | null }
  | { ok: false; at: string; error: string; nextPollAt: string };

/** A local calendar day, `YYYY-MM-DD`. */
export const LocalDate = z.iso.date();
export type LocalDate = z.output<typeof LocalDate>;

/** Per-server digest settings, set with `/digest` and stored (never kept in memory alone). */
export const DigestSettings = z.object({
  guildId: z.string().regex(/^\d{1,21}$/),
  channelId: z.string().regex(/^\d{1,21}$/),
  /** Local posting time, `HH:MM`. */
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  timezone: z.string().min(1),
  maxStories: z.number().int().min(1).max(50),
  /** Only these sections, or every section when empty. */
  sections: z.array(z.string().min(1)),
  enabled: z.boolean(),
  /** What an empty day posts. */
  emptyDay: z.enum(['note', 'skip']),
  updatedAt: IsoDateTime,
});
export type DigestSettings = z.output<typeof DigestSettings>;

/**
 * How far a slot's digest got: the ids of the messages posted so far, in posting order, and the end of the story
 * window they were built from, so a later attempt rebuilds the same digest and posts only the rest.
 */
export const DigestProgress = z.object({
  messageIds: z.array(z.string().min(1)),
  windowTo: IsoDateTime,
});
export type DigestProgress = z.output<typeof DigestProgress>;

/** One slot per server per local day; see `DigestStore.claim`. */
export const DigestRecord = z.object({
  guildId: z.string(),
  localDate: LocalDate,
  status: z.enum(['claimed', 'posted', 'failed']),
  instanceId: z.string(),
  claimedAt: IsoDateTime,
  postedAt: IsoDateTime.nullable(),
  /** Posted so far, in order; a `posted` slot holds all of its digest's messages (none for a skipped empty day). */
  messageIds: z.array(z.string().min(1)),
  /** The end of the digest's story window once a message is posted; `null` before that and on rows from before it was kept. */
  windowTo: IsoDateTime.nullable(),
  error: z.string().nullable(),
  attempts: z.number().int().min(0),
});
export type DigestRecord = z.output<typeof DigestRecord>;

/** A story id, as the story clusterer gives it. */
export const StoryId = z.string().trim().min(1).max(64);

/**
 * A story: the articles that cover one event, across outlets and days. Everything but `id` is derived from its
 * articles whenever they change: `headline` is the freshest article's title; first and last seen are the oldest and
 * newest article dates (published, else ingested); `outlets` are distinct, sorted.
 */
export const Story = z.object({
  id: StoryId,
  headline: z.string().min(1),
  firstSeenAt: IsoDateTime,
  lastSeenAt: IsoDateTime,
  articleCount: z.number().int().min(1),
  outlets: z.array(z.string()),
});
export type Story = z.output<typeof Story>;

/** What the story clusterer is restored from: an article already in a story. `publishedAt` is its date (published, else ingested). */
export const StoryMember = z.object({
  id: ArticleIdText,
  storyId: StoryId,
  title: z.string().min(1),
  outlet: z.string().nullable(),
  publishedAt: IsoDateTime,
  /** The start of the article's text, as long as asked for. */
  lead: z.string(),
});
export type StoryMember = z.output<typeof StoryMember>;

/** One article joining a story; the stories in `mergedStoryIds` are folded into `storyId` with all their articles. */
export const StoryAssignmentRecord = z.object({
  articleId: ArticleIdText,
  storyId: StoryId,
  mergedStoryIds: z.array(StoryId).default([]),
});
export type StoryAssignmentRecord = z.input<typeof StoryAssignmentRecord>;

/** A story as exported: its fields and its articles' ids (import recomputes the derived fields from the articles). */
export const StoryExport = Story.extend({ articleIds: z.array(ArticleIdText).min(1) });
export type StoryExport = z.output<typeof StoryExport>;

/**
 * A quote as the quote bank stores it for one article: the verbatim text, the speaker as the article writes it
 * (`null` when it names nobody), and the canonical speaker under which one person's quotes gather across articles.
 */
export const NewQuote = z.object({
  text: z.string().min(1),
  speaker: z.string().min(1).nullable(),
  canonicalSpeaker: z.string().min(1).nullable(),
  speakerRole: z.string().min(1).nullable(),
  kind: z.enum(['direct', 'partial']),
});
export type NewQuote = z.output<typeof NewQuote>;

/** A quote of the bank with the article it comes from; `publishedAt` is the article's date (published, else ingested). */
export const BankedQuote = NewQuote.extend({
  articleId: ArticleIdText,
  articleTitle: z.string().min(1),
  articleUrl: z.string().nullable(),
  outlet: z.string().nullable(),
  publishedAt: IsoDateTime,
  /** The quote's place among its article's quotes, from 0. */
  position: z.number().int().min(0),
});
export type BankedQuote = z.output<typeof BankedQuote>;

/** A speaker of the quote bank: the canonical key, the name as last written, and how many quotes the bank holds. */
export const QuoteSpeaker = z.object({
  canonical: z.string().min(1),
  speaker: z.string().min(1),
  quotes: z.number().int().min(1),
});
export type QuoteSpeaker = z.output<typeof QuoteSpeaker>;
