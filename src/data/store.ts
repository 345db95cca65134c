import type {
  Article,
  ArticleSummary,
  BankedQuote,
  DigestProgress,
  DigestRecord,
  DigestSettings,
  Feed,
  FeedPollRecord,
  LocalDate,
  NewArticle,
  NewFeed,
  NewQuote,
  QuoteSpeaker,
  SearchHit,
  SearchOptions,
  Story,
  StoryAssignmentRecord,
  StoryExport,
  StoryMember,
  UpsertResult,
} from './schemas.js';

/** Which published articles `ArticleStore.listPublished` returns; instants are ISO 8601. */
export type PublishedRange = {
  from: string;
  to: string;
  sections?: readonly string[];
  limit?: number;
  ingestedBy?: string;
};

/**
 * Stores articles and finds them again. Every implementation passes `tests/contract/article-store.contract.ts`.
 * All methods are async so that the SQLite and PostgreSQL stores are interchangeable.
 */
export interface ArticleStore {
  /**
   * Inserts or updates articles in one transaction. An article whose canonical URL, or else whose content hash,
   * matches a stored one updates it (same id) instead of adding a duplicate. Results are in input order. An updated
   * article keeps its story (recomputed) and its quotes wait to be indexed again (see `QuoteStore.unindexed`).
   */
  upsert(articles: readonly NewArticle[]): Promise<UpsertResult[]>;
  /** The article with this id, or `undefined`. */
  get(id: string): Promise<Article | undefined>;
  /** The article with this canonical URL, or `undefined`. */
  getByUrl(url: string): Promise<Article | undefined>;
  /** Articles whose id starts with `prefix` (at least 4 characters), at most `limit`, newest first. */
  getByIdPrefix(prefix: string, limit: number): Promise<ArticleSummary[]>;
  /**
   * Full-text search over title and text, best match first (relevance, then the newer article on ties).
   * A query with no searchable words returns `[]`; query syntax never throws.
   */
  search(query: string, options?: SearchOptions): Promise<SearchHit[]>;
  /**
   * Articles published in `[from, to)`, newest first, optionally only some sections, at most `limit`. With
   * `ingestedBy` (ISO 8601), only articles whose `ingestedAt` is at or before that instant; the bound applies before
   * the limit, so articles ingested later never take the place of ones that qualify.
   */
  listPublished(range: PublishedRange): Promise<Article[]>;
  /**
   * Titles for autocomplete: titles whose words start with the typed words (prefix of the last one), newest first.
   * When no title matches, the best full-text matches with the last word as a prefix (`vella` finds an article
   * that quotes Oskar Vellamaa). An empty `typed` gives the newest articles.
   */
  autocomplete(typed: string, limit: number): Promise<ArticleSummary[]>;
  count(): Promise<number>;
  /**
   * Stored articles, the most recently ingested first, at most `limit`; with `ingestedSince` (ISO 8601), only those
   * ingested at or after it. For housekeeping (`newsbrief list`).
   */
  listIngested(options: { ingestedSince?: string; limit: number }): Promise<ArticleSummary[]>;
  /** Deletes the article with its quotes, recomputing its story (removed once empty); `false` when there was none. */
  delete(id: string): Promise<boolean>;
  /** Every stored article, oldest ingested first, for export. */
  exportAll(): AsyncIterable<Article>;
  /** Stores articles exactly as exported (same ids and timestamps), for import. */
  importArticles(articles: readonly Article[]): Promise<number>;
}

/** Registered feeds and their polling state. */
export interface FeedStore {
  /** Registers a feed; adding a URL that is already registered returns the existing feed. */
  addFeed(feed: NewFeed, now: string): Promise<Feed>;
  listFeeds(): Promise<Feed[]>;
  /** Removes by id or URL; `false` when there was none. */
  removeFeed(idOrUrl: number | string): Promise<boolean>;
  /**
   * Claims feeds that are due (`nextPollAt` null or <= now) and not claimed by a live lease, for `leaseMs`.
   * Across instances sharing the store, a feed is claimed by one caller per lease.
   */
  claimDueFeeds(instanceId: string, now: string, leaseMs: number, limit: number): Promise<Feed[]>;
  /** Writes a poll's outcome and releases the claim. */
  recordPoll(feedId: number, record: FeedPollRecord): Promise<void>;
  /** Stores feeds exactly as exported, for import. */
  importFeeds(feeds: readonly Feed[]): Promise<number>;
}

/** Per-server digest settings and the once-per-day posting slots. */
export interface DigestStore {
  getSettings(guildId: string): Promise<DigestSettings | undefined>;
  saveSettings(settings: DigestSettings): Promise<void>;
  /** `false` when the server had no settings. */
  deleteSettings(guildId: string): Promise<boolean>;
  listSettings(): Promise<DigestSettings[]>;
  /**
   * Claims the (server, local day) slot for `instanceId`. True for exactly one of any number of racing callers,
   * across processes. A slot that is `posted` is never claimable again; a `failed` slot, or a `claimed` one older
   * than `staleAfterMs` (its holder crashed), can be claimed again.
   */
  claim(guildId: string, localDate: LocalDate, instanceId: string, now: string, staleAfterMs: number): Promise<boolean>;
  /**
   * Records the messages posted so far and the window they were built from, on a slot that is not `posted` (a
   * posted slot keeps its record). Claiming the slot again and marking it failed keep the progress.
   */
  saveProgress(guildId: string, localDate: LocalDate, progress: DigestProgress): Promise<void>;
  /**
   * Marks the slot posted with every message of its digest. Upserts: a post that happened is recorded even when
   * the slot's row is missing.
   */
  markPosted(guildId: string, localDate: LocalDate, progress: DigestProgress, now: string): Promise<void>;
  /** Marks the slot failed with a reason, releasing it for a later attempt; its progress is kept. */
  markFailed(guildId: string, localDate: LocalDate, error: string, now: string): Promise<void>;
  getRecord(guildId: string, localDate: LocalDate): Promise<DigestRecord | undefined>;
  /** The most recent posted slot for the server, or `undefined`. */
  lastPosted(guildId: string): Promise<DigestRecord | undefined>;
  /** Stores settings exactly as exported, for import. */
  importSettings(settings: readonly DigestSettings[]): Promise<number>;
}

/** Which stories `StoryStore.list` returns: those seen at some point in `[from, to)` (ISO 8601), at most `limit`. */
export type StoryRange = { from: string; to: string; limit: number };

/**
 * Stories: every article's story and each story's derived fields (see `Story`). A story's row follows its articles:
 * assigning, updating or deleting an article recomputes it, and a story left with no article is removed. Every
 * implementation passes `tests/contract/story-store.contract.ts`.
 */
export interface StoryStore {
  /**
   * Records assignments in one transaction, in order: each article joins its story, and every article of a merged
   * story moves into it (the merge is recorded, so `get` of a merged id finds the story it went into). Unknown
   * article ids are ignored.
   */
  assign(assignments: readonly StoryAssignmentRecord[]): Promise<void>;
  /** The story with this id, following recorded merges; `undefined` when there is none. */
  get(storyId: string): Promise<Story | undefined>;
  /** The story of this article, or `undefined` when it has none yet (or the article is unknown). */
  ofArticle(articleId: string): Promise<Story | undefined>;
  /** The story id of each given article that has one. */
  storyIdsOf(articleIds: readonly string[]): Promise<Map<string, string>>;
  /** The story's articles, newest first (published, else ingested), at most `limit`. */
  articles(storyId: string, limit: number): Promise<Article[]>;
  /** Stories seen in the range (first seen before `to`, last seen at or after `from`), last seen first. */
  list(range: StoryRange): Promise<Story[]>;
  /**
   * Articles already in a story dated in `[from, to]` (ISO 8601), newest first, at most `limit`, each with the first
   * `leadChars` characters of its text: the window the story clusterer is restored from.
   */
  recent(window: { from: string; to: string; limit: number; leadChars: number }): Promise<StoryMember[]>;
  /** Articles with no story yet, oldest first (published, else ingested), at most `limit`: the backfill's work. */
  unassigned(limit: number): Promise<Article[]>;
  /** Every story with its article ids, for export. */
  exportAll(): AsyncIterable<StoryExport>;
  /** Puts the listed articles (those stored) into each story, recomputing the story; returns the stories imported. */
  importStories(stories: readonly StoryExport[]): Promise<number>;
}

/**
 * The quote bank: every quote of every stored article with its speaker, canonical speaker and article. An article's
 * quotes are replaced as a whole, and go when the article is deleted; an article updated since its quotes were
 * indexed is pending again. Every implementation passes `tests/contract/quote-store.contract.ts`.
 */
export interface QuoteStore {
  /** Replaces each article's quotes (in the given order) in one transaction and marks it indexed; unknown ids are ignored. */
  replace(entries: readonly { articleId: string; quotes: readonly NewQuote[] }[]): Promise<void>;
  /** Articles whose quotes are not indexed (new since the bank existed, or updated since), oldest stored first. */
  unindexed(limit: number): Promise<Article[]>;
  /** The quotes of one canonical speaker, newest article first (then in article order), at most `limit`. */
  bySpeaker(canonicalSpeaker: string, limit: number): Promise<BankedQuote[]>;
  /**
   * Quotes whose text holds every searchable word of `query` (stemmed as article search is), newest article first,
   * at most `limit`, optionally of one canonical speaker. A query with no searchable words returns `[]`.
   */
  search(query: string, options: { limit: number; canonicalSpeaker?: string }): Promise<BankedQuote[]>;
  /**
   * Speakers for autocomplete: each word of `prefixes` (already folded, letters and digits) starts a word of the
   * canonical speaker; most quoted first. No prefixes gives the speakers of the newest quotes.
   */
  speakers(prefixes: readonly string[], limit: number): Promise<QuoteSpeaker[]>;
  count(): Promise<number>;
}

/** One open store: every concern over one database connection (or pool). */
export interface Store {
  readonly articles: ArticleStore;
  readonly feeds: FeedStore;
  readonly digests: DigestStore;
  readonly stories: StoryStore;
  readonly quotes: QuoteStore;
  /** Short backend name for logs and benchmarks: `sqlite` or `postgres`. */
  readonly backend: string;
  close(): Promise<void>;
}
